package org.asrnas.corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;
import org.asrnas.corpus.Voice.Engine;

/**
 * What a WSJ-style stand-in corpus will contain: for {@code train_si284}, {@code test_dev93},
 * {@code test_eval92} and {@code test_eval92_newvoice}, the speakers and which prompt each
 * utterance reads. Pure computation, deterministic for a seed.
 *
 * <p>As in WSJ, the primary test sets ({@code test_dev93}, {@code test_eval92}) hold new speakers
 * of the training population: speakers of espeak-ng variants never used in training (disjoint
 * between dev and eval), and speakers of the recorded persons of training (kal, awb, slt on flite
 * and festival; {@link VoiceInventory}) with their own rate, F0, warp and level, drawn from the
 * same ranges as the training speakers but never within {@link SpeakerDraw#MIN_DISTANCE} of one.
 * {@code test_eval92_newvoice} reads the prompts of {@code test_eval92} with voices never heard in
 * training (flite rms, festival ked_diphone, two more held-out espeak-ng variants): an
 * out-of-distribution set, never for tuning.
 *
 * <p>Engines are balanced by share of speakers, and so of utterances (every speaker of a set reads
 * as many prompts, give or take one): by default a third each of espeak-ng, flite and festival,
 * since a corpus that cycles through all voices is dominated by espeak-ng's many variants.
 */
public final class WsjPlan {
  /** The out-of-distribution set: eval prompts read by voices never heard in training. */
  public static final String NEW_VOICE_SET = "test_eval92_newvoice";

  /** Speaker settings of every set: rate 0.85..1.15, level -8..-1 dB. */
  static final SpeakerDraw DRAW = new SpeakerDraw(0.85, 1.15, -8, -1);

  /** Kaldi names of the sets, mapped to the prompt pools they read. */
  public static final Map<String, PromptSets.Split> SETS;

  static {
    Map<String, PromptSets.Split> m = new LinkedHashMap<>();
    m.put("train_si284", PromptSets.Split.TRAIN);
    m.put("test_dev93", PromptSets.Split.DEV);
    m.put("test_eval92", PromptSets.Split.EVAL);
    m.put(NEW_VOICE_SET, PromptSets.Split.EVAL);
    SETS = java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Size and balance.
   *
   * @param seed root seed
   * @param trainHours estimated hours of training speech
   * @param testUtterances utterances of each test set
   * @param trainSpeakersPerHour training speakers per hour of speech (at least 12 in all)
   * @param testSpeakers speakers of each test set
   * @param espeakShare share of espeak-ng speakers of every set (flite and festival share the rest
   *     equally, flite taking an odd one)
   * @param wordsPerSecond speaking rate used to estimate durations before synthesis (measured: 3.0
   *     to 3.2 words per second over the three engines)
   */
  public record Config(
      long seed,
      double trainHours,
      int testUtterances,
      double trainSpeakersPerHour,
      int testSpeakers,
      double espeakShare,
      double wordsPerSecond) {
    public Config {
      Checks.checkPositive(trainHours, "trainHours");
      Checks.checkNonNegative(testUtterances, "testUtterances");
      Checks.checkPositive(trainSpeakersPerHour, "trainSpeakersPerHour");
      Checks.checkInRange(testSpeakers, 3, 100, "testSpeakers");
      Checks.checkInRange(espeakShare, 0.0, 1.0, "espeakShare");
      Checks.checkPositive(wordsPerSecond, "wordsPerSecond");
    }

    /** 1.5 hours of training speech, 150 utterances per test set, 8 test speakers. */
    public static Config defaults() {
      return new Config(1, 1.5, 150, 40, 8, 1.0 / 3, 3.1);
    }

    public Config withSeed(long s) {
      return new Config(
          s,
          trainHours,
          testUtterances,
          trainSpeakersPerHour,
          testSpeakers,
          espeakShare,
          wordsPerSecond);
    }

    public Config withSize(double hours, int testUtts) {
      return new Config(
          seed, hours, testUtts, trainSpeakersPerHour, testSpeakers, espeakShare, wordsPerSecond);
    }

    public Config withTestSpeakers(int speakers) {
      return new Config(
          seed,
          trainHours,
          testUtterances,
          trainSpeakersPerHour,
          speakers,
          espeakShare,
          wordsPerSecond);
    }
  }

  private final Map<String, List<SynthUtterance>> sets;

  private WsjPlan(Map<String, List<SynthUtterance>> sets) {
    this.sets = sets;
  }

  /** Plans the corpus from the prompt pools of a {@link PromptSets}. */
  public static WsjPlan plan(Map<PromptSets.Split, List<Prompt>> prompts, Config c) {
    VoiceInventory voices =
        new VoiceInventory(c.seed(), engineCounts(c.testSpeakers(), c).get(Engine.ESPEAK));
    Map<String, List<SynthUtterance>> sets = new LinkedHashMap<>();
    List<Speaker> trainSpeakers = new ArrayList<>();
    // Every speaker drawn so far, so that no test speaker repeats a training (or test) speaker.
    List<Speaker> drawn = new ArrayList<>();
    List<Prompt> evalChosen = List.of();
    for (Map.Entry<String, PromptSets.Split> e : SETS.entrySet()) {
      String set = e.getKey();
      PromptSets.Split split = e.getValue();
      Random rnd = Seeds.random(c.seed(), "corpus.wsj." + set);
      List<Prompt> pool = new ArrayList<>(prompts.getOrDefault(split, List.of()));
      Seeds.shuffle(pool, rnd);
      List<Prompt> chosen = new ArrayList<>();
      if (split == PromptSets.Split.TRAIN) {
        double seconds = 0;
        for (Prompt p : pool) {
          if (seconds >= c.trainHours() * 3600) {
            break;
          }
          chosen.add(p);
          seconds += estimateSeconds(p, c);
        }
      } else if (set.equals(NEW_VOICE_SET)) {
        // The eval92 prompts, so that the two sets differ in their voices only.
        chosen.addAll(evalChosen);
      } else {
        chosen.addAll(pool.subList(0, Math.min(c.testUtterances(), pool.size())));
      }
      if (split == PromptSets.Split.EVAL && !set.equals(NEW_VOICE_SET)) {
        evalChosen = List.copyOf(chosen);
      }
      if (chosen.isEmpty()) {
        sets.put(set, List.of());
        continue;
      }
      List<Voice> setVoices =
          set.equals(NEW_VOICE_SET)
              ? voices.newVoice()
              : switch (split) {
                case TRAIN -> voices.train();
                case DEV -> voices.dev();
                case EVAL -> voices.eval();
              };
      int nSpk =
          split == PromptSets.Split.TRAIN
              ? Math.max(12, (int) Math.round(c.trainHours() * c.trainSpeakersPerHour()))
              : c.testSpeakers();
      nSpk = Math.min(nSpk, chosen.size());
      String letter =
          switch (set) {
            case "train_si284" -> "t";
            case "test_dev93" -> "d";
            case "test_eval92" -> "e";
            default -> "n";
          };
      List<Speaker> speakers =
          speakers(setVoices, nSpk, letter, c, rnd, split == PromptSets.Split.TRAIN, drawn);
      drawn.addAll(speakers);
      if (split == PromptSets.Split.TRAIN) {
        trainSpeakers.addAll(speakers);
      }
      List<SynthUtterance> utts = new ArrayList<>();
      for (int i = 0; i < chosen.size(); i++) {
        Speaker s = speakers.get(i % speakers.size());
        Prompt p = chosen.get(i);
        utts.add(
            new SynthUtterance(
                s.id() + "_" + p.id(),
                s,
                p,
                round3(0.15 + 0.35 * rnd.nextDouble()),
                round3(0.15 + 0.35 * rnd.nextDouble())));
      }
      utts.sort((a, b) -> org.asrnas.core.data.KaldiOrder.compare(a.id(), b.id()));
      sets.put(set, List.copyOf(utts));
    }
    return new WsjPlan(sets);
  }

  /**
   * Speakers per engine for a set of {@code n}: espeak-ng {@code round(n * espeakShare)} (at least
   * one), flite and festival half the rest each (flite takes an odd one).
   */
  static Map<Engine, Integer> engineCounts(int n, Config c) {
    int espeak = Math.max(1, (int) Math.round(n * c.espeakShare()));
    espeak = Math.min(espeak, n);
    int flite = (n - espeak + 1) / 2;
    Map<Engine, Integer> counts = new EnumMap<>(Engine.class);
    counts.put(Engine.ESPEAK, espeak);
    counts.put(Engine.FLITE, flite);
    counts.put(Engine.FESTIVAL, n - espeak - flite);
    return counts;
  }

  static double estimateSeconds(Prompt p, Config c) {
    // 0.65 s: the mean leading plus trailing silence.
    return p.wordCount() / c.wordsPerSecond() + 0.65;
  }

  private static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  /**
   * Speakers: a share per engine, the voices of an engine taken in turn, rate/pitch/warp/gain drawn
   * with {@link #DRAW}; for a test set, every speaker is new ({@link SpeakerDraw#drawNew}) against
   * {@code earlier}.
   */
  private static List<Speaker> speakers(
      List<Voice> voices,
      int n,
      String letter,
      Config c,
      Random rnd,
      boolean train,
      List<Speaker> earlier) {
    Map<Engine, Integer> counts = engineCounts(n, c);
    List<Speaker> out = new ArrayList<>();
    for (Engine e : Engine.values()) {
      List<Voice> ev = new ArrayList<>(VoiceInventory.of(voices, e));
      if (ev.isEmpty()) {
        // An engine the set has no voice of: its speakers go to the other engines.
        ev = new ArrayList<>(voices);
      }
      Seeds.shuffle(ev, rnd);
      for (int i = 0; i < counts.get(e); i++) {
        Voice v = ev.get(i % ev.size());
        String id = String.format(Locale.ROOT, "%s%03d", letter, out.size() + 1);
        List<Speaker> against = new ArrayList<>(earlier);
        against.addAll(out);
        out.add(train ? DRAW.draw(id, v, rnd) : DRAW.drawNew(id, v, rnd, against));
      }
    }
    return out;
  }

  /** Set names in order. */
  public List<String> setNames() {
    return List.copyOf(sets.keySet());
  }

  public List<SynthUtterance> utterances(String set) {
    Checks.checkArgument(sets.containsKey(set), "unknown set %s", set);
    return sets.get(set);
  }

  /** Estimated hours of a set before synthesis. */
  public double estimatedHours(String set, Config c) {
    return utterances(set).stream().mapToDouble(u -> estimateSeconds(u.prompt(), c)).sum() / 3600;
  }
}

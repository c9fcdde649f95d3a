package org.asrnas.core.corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;
import org.asrnas.core.corpus.Voice.Engine;

/**
 * What a WSJ-style stand-in corpus will contain: for {@code train_si284}, {@code test_dev93} and
 * {@code test_eval92}, the speakers (voices from {@link VoiceInventory}, so test voices never occur
 * in training) and which prompt each utterance reads. Pure computation, deterministic for a seed.
 *
 * <p>Engines are balanced by share of speakers (and so of utterances), since a corpus that cycles
 * through all voices is dominated by espeak-ng's many variants, its easiest voices.
 */
public final class WsjPlan {
  /** Kaldi names of the three sets, mapped to the prompt pools they read. */
  public static final Map<String, TextCorpus.Split> SETS;

  static {
    Map<String, TextCorpus.Split> m = new LinkedHashMap<>();
    m.put("train_si284", TextCorpus.Split.TRAIN);
    m.put("test_dev93", TextCorpus.Split.DEV);
    m.put("test_eval92", TextCorpus.Split.EVAL);
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
   * @param espeakShare share of espeak-ng speakers in training (flite and festival share the rest
   *     in proportion 3:2)
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
      return new Config(1, 1.5, 150, 40, 8, 0.4, 3.1);
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
  }

  private final Map<String, List<SynthUtterance>> sets;

  private WsjPlan(Map<String, List<SynthUtterance>> sets) {
    this.sets = sets;
  }

  /** Plans the corpus from the prompt pools of a {@link TextCorpus}. */
  public static WsjPlan plan(Map<TextCorpus.Split, List<Prompt>> prompts, Config c) {
    VoiceInventory voices = new VoiceInventory(c.seed(), Math.max(1, c.testSpeakers() / 2));
    Map<String, List<SynthUtterance>> sets = new LinkedHashMap<>();
    for (Map.Entry<String, TextCorpus.Split> e : SETS.entrySet()) {
      String set = e.getKey();
      TextCorpus.Split split = e.getValue();
      Random rnd = Seeds.random(c.seed(), "corpus.wsj." + set);
      List<Prompt> pool = new ArrayList<>(prompts.getOrDefault(split, List.of()));
      Seeds.shuffle(pool, rnd);
      List<Prompt> chosen = new ArrayList<>();
      if (split == TextCorpus.Split.TRAIN) {
        double seconds = 0;
        for (Prompt p : pool) {
          if (seconds >= c.trainHours() * 3600) {
            break;
          }
          chosen.add(p);
          seconds += estimateSeconds(p, c);
        }
      } else {
        chosen.addAll(pool.subList(0, Math.min(c.testUtterances(), pool.size())));
      }
      if (chosen.isEmpty()) {
        sets.put(set, List.of());
        continue;
      }
      List<Voice> setVoices =
          switch (split) {
            case TRAIN -> voices.train();
            case DEV -> voices.dev();
            case EVAL -> voices.eval();
          };
      int nSpk =
          split == TextCorpus.Split.TRAIN
              ? Math.max(12, (int) Math.round(c.trainHours() * c.trainSpeakersPerHour()))
              : c.testSpeakers();
      nSpk = Math.min(nSpk, chosen.size());
      String letter =
          split == TextCorpus.Split.TRAIN ? "t" : split == TextCorpus.Split.DEV ? "d" : "e";
      List<Speaker> speakers = speakers(setVoices, nSpk, letter, split, c, rnd);
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

  static double estimateSeconds(Prompt p, Config c) {
    // 0.65 s: the mean leading plus trailing silence.
    return p.wordCount() / c.wordsPerSecond() + 0.65;
  }

  private static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  /** Speakers: a share per engine, voices of an engine taken in turn, seeded rate/pitch/gain. */
  private static List<Speaker> speakers(
      List<Voice> voices, int n, String letter, TextCorpus.Split split, Config c, Random rnd) {
    Map<Engine, Integer> counts = new EnumMap<>(Engine.class);
    if (split == TextCorpus.Split.TRAIN) {
      int espeak = (int) Math.round(n * c.espeakShare());
      int flite = (int) Math.round((n - espeak) * 0.6);
      counts.put(Engine.ESPEAK, espeak);
      counts.put(Engine.FLITE, flite);
      counts.put(Engine.FESTIVAL, n - espeak - flite);
    } else {
      // Test sets: half espeak-ng (one speaker per held-out variant), the rest flite and festival.
      int espeak = n / 2;
      int flite = (n - espeak + 1) / 2;
      counts.put(Engine.ESPEAK, espeak);
      counts.put(Engine.FLITE, flite);
      counts.put(Engine.FESTIVAL, n - espeak - flite);
    }
    List<Speaker> out = new ArrayList<>();
    for (Engine e : Engine.values()) {
      List<Voice> ev = new ArrayList<>(VoiceInventory.of(voices, e));
      Seeds.shuffle(ev, rnd);
      for (int i = 0; i < counts.get(e); i++) {
        Voice v = ev.get(i % ev.size());
        double rate = round3(0.85 + 0.3 * rnd.nextDouble());
        int pitch = e == Engine.ESPEAK ? 30 + rnd.nextInt(41) : -150 + rnd.nextInt(301);
        double gain = round3(-8 + 7 * rnd.nextDouble());
        String id = String.format(Locale.ROOT, "%s%03d", letter, out.size() + 1);
        out.add(new Speaker(id, v, rate, pitch, gain));
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

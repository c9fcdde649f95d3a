package org.asrnas.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;

/**
 * What a Switchboard-style stand-in corpus will contain: conversations between two synthetic
 * speakers (one per channel), each a sequence of turns of one or two short sentences, some opened
 * by a filler (UM, UH), with backchannels (UH-HUH, YEAH, RIGHT, ...) from the listener in the
 * middle of long turns, and gaps between turns that are sometimes negative (overlapping speech).
 * Timing is finished in {@link SwbdStandIn} once the turn durations are known.
 *
 * <p>Voices as in {@link WsjPlan}: training conversations are held by speakers of most espeak-ng
 * variants and of the recorded persons kal, awb and slt (flite, festival); {@code eval2000} by new
 * speakers of that population (espeak-ng variants never in training, and the recorded training
 * persons with rate, F0, warp and level never within {@link SpeakerDraw#MIN_DISTANCE} of a training
 * speaker's); {@code eval2000_newvoice}, an out-of-distribution set never for tuning, by voices
 * never heard in training (flite rms, festival ked_diphone, two held-out espeak-ng variants). Each
 * side's voice is drawn engine first, a third each.
 */
public final class SwbdPlan {
  /** Backchannels and their spoken form. */
  static final List<String[]> BACKCHANNELS =
      List.of(
          new String[] {"UH-HUH", "uh-huh."},
          new String[] {"YEAH", "yeah."},
          new String[] {"RIGHT", "right."},
          new String[] {"OKAY", "okay."},
          new String[] {"UM", "um."},
          new String[] {"OH", "oh."},
          new String[] {"REALLY", "really?"},
          new String[] {"SURE", "sure."},
          new String[] {"HMM", "hmm."},
          new String[] {"YEAH YEAH", "yeah, yeah."},
          new String[] {"UH-HUH RIGHT", "uh-huh, right."},
          new String[] {"WOW", "wow."});

  /**
   * One turn.
   *
   * @param side {@code A} or {@code B}
   * @param utterance what is synthesised (its speaker is the side's speaker)
   * @param backchannel spoken by the listener inside the previous main turn
   * @param gapSeconds for a main turn: silence after the previous main turn (negative: overlap)
   * @param atFraction for a backchannel: where in the previous main turn it starts
   */
  public record Turn(
      String side,
      SynthUtterance utterance,
      boolean backchannel,
      double gapSeconds,
      double atFraction) {}

  /**
   * A conversation: a recording id (the {@code .sph} file name) and its two speakers.
   *
   * @param id conversation id, e.g. {@code sw50001}
   * @param a speaker on channel 1 (side A)
   * @param b speaker on channel 2 (side B)
   * @param turns in order of their start
   */
  public record Conversation(String id, Speaker a, Speaker b, List<Turn> turns) {
    public Conversation {
      turns = List.copyOf(turns);
    }
  }

  /**
   * Size and style.
   *
   * @param seed root seed
   * @param trainHours estimated hours of training speech (both sides)
   * @param evalHours estimated hours of evaluation speech
   * @param turnsPerConversation main turns of a conversation
   * @param backchannelProbability chance a main turn gets a backchannel from the listener
   * @param fillerProbability chance a main turn opens with UM or UH
   * @param wordsPerSecond speaking rate used for the estimate
   */
  public record Config(
      long seed,
      double trainHours,
      double evalHours,
      int turnsPerConversation,
      double backchannelProbability,
      double fillerProbability,
      double wordsPerSecond) {
    public Config {
      Checks.checkPositive(trainHours, "trainHours");
      Checks.checkNonNegative(evalHours, "evalHours");
      Checks.checkInRange(turnsPerConversation, 4, 1000, "turnsPerConversation");
      Checks.checkInRange(backchannelProbability, 0.0, 1.0, "backchannelProbability");
      Checks.checkInRange(fillerProbability, 0.0, 1.0, "fillerProbability");
      Checks.checkPositive(wordsPerSecond, "wordsPerSecond");
    }

    /** 1 hour of training speech, 0.2 hours of evaluation speech, 40 turns a conversation. */
    public static Config defaults() {
      return new Config(1, 1.0, 0.2, 40, 0.35, 0.15, 3.1);
    }

    public Config withSize(long s, double train, double eval) {
      return new Config(
          s,
          train,
          eval,
          turnsPerConversation,
          backchannelProbability,
          fillerProbability,
          wordsPerSecond);
    }
  }

  /** The out-of-distribution evaluation set. */
  public static final String NEW_VOICE_SET = "eval2000_newvoice";

  /** Speaker settings of every set: rate 0.9..1.25, level -6..-1 dB. */
  static final SpeakerDraw DRAW = new SpeakerDraw(0.9, 1.25, -6, -1);

  private final Map<String, List<Conversation>> sets;

  private SwbdPlan(Map<String, List<Conversation>> sets) {
    this.sets = sets;
  }

  /** Set names: {@code train}, {@code eval2000} and {@code eval2000_newvoice}. */
  public List<String> setNames() {
    return List.copyOf(sets.keySet());
  }

  public List<Conversation> conversations(String set) {
    Checks.checkArgument(sets.containsKey(set), "unknown set %s", set);
    return sets.get(set);
  }

  /**
   * Plans training conversations from the train pool, eval2000 and eval2000_newvoice from the dev
   * and eval pools.
   */
  public static SwbdPlan plan(Map<PromptSets.Split, List<Prompt>> prompts, Config c) {
    VoiceInventory inv = new VoiceInventory(c.seed(), 4);
    List<Voice> evalVoices = new ArrayList<>(inv.dev());
    inv.eval().stream().filter(v -> !evalVoices.contains(v)).forEach(evalVoices::add);
    List<Prompt> evalPrompts =
        new ArrayList<>(prompts.getOrDefault(PromptSets.Split.DEV, List.of()));
    evalPrompts.addAll(prompts.getOrDefault(PromptSets.Split.EVAL, List.of()));
    Map<String, List<Conversation>> sets = new LinkedHashMap<>();
    List<Speaker> drawn = new ArrayList<>();
    Random trainRnd = Seeds.random(c.seed(), "corpus.swbd.train");
    sets.put(
        "train",
        conversations(
            prompts.getOrDefault(PromptSets.Split.TRAIN, List.of()),
            inv.train(),
            c.trainHours(),
            List.of("sw5"),
            c,
            trainRnd,
            (id, v) -> DRAW.draw(id, v, trainRnd),
            drawn));
    Random evalRnd = Seeds.random(c.seed(), "corpus.swbd.eval2000");
    sets.put(
        "eval2000",
        conversations(
            evalPrompts,
            evalVoices,
            c.evalHours(),
            EVAL2000_HALVES,
            c,
            evalRnd,
            (id, v) -> DRAW.drawNew(id, v, evalRnd, drawn),
            drawn));
    Random newRnd = Seeds.random(c.seed(), "corpus.swbd." + NEW_VOICE_SET);
    sets.put(
        NEW_VOICE_SET,
        conversations(
            evalPrompts,
            inv.newVoice(),
            c.evalHours(),
            NEW_VOICE_HALVES,
            c,
            newRnd,
            (id, v) -> DRAW.draw(id, v, newRnd),
            drawn));
    return new SwbdPlan(sets);
  }

  /** Conversation prefixes of eval2000_newvoice (distinct from eval2000's). */
  static final List<String> NEW_VOICE_HALVES = List.of("sw_6", "en_8");

  /**
   * LDC eval2000 is half Switchboard (sw_4xxxx conversations) and half CallHome English (en_xxxx);
   * Kaldi scores the Switchboard half on its own. The stand-in alternates the two prefixes, so its
   * SW subset is every other conversation, drawn from the same voices and prompts as the rest.
   */
  static final List<String> EVAL2000_HALVES = List.of("sw_4", "en_7");

  /**
   * Plans conversations until {@code hours} of speech; conversation i takes prefix i mod
   * |prefixes|, numbered from 1 within its prefix.
   */
  private static List<Conversation> conversations(
      List<Prompt> pool,
      List<Voice> voices,
      double hours,
      List<String> prefixes,
      Config c,
      Random rnd,
      java.util.function.BiFunction<String, Voice, Speaker> speaker,
      List<Speaker> drawn) {
    List<Prompt> prompts = new ArrayList<>(pool);
    Seeds.shuffle(prompts, rnd);
    List<Conversation> out = new ArrayList<>();
    List<Voice.Engine> deck = new ArrayList<>();
    double seconds = 0;
    int next = 0;
    while (seconds < hours * 3600 && next < prompts.size()) {
      String prefix = prefixes.get(out.size() % prefixes.size());
      String id = String.format(Locale.ROOT, "%s%04d", prefix, out.size() / prefixes.size() + 1);
      Voice va = pickVoice(voices, nextEngine(deck, rnd), rnd);
      Voice.Engine eb = nextEngine(deck, rnd);
      Voice vb = va;
      for (int tries = 0; vb.family().equals(va.family()) && tries < 100; tries++) {
        // Another voice of the side's engine; when that has none of another person, any engine.
        vb = pickVoice(voices, tries < 20 ? eb : Voice.Engine.values()[rnd.nextInt(3)], rnd);
      }
      Speaker a = speaker.apply(id + "-A", va);
      drawn.add(a);
      Speaker b = speaker.apply(id + "-B", vb);
      drawn.add(b);
      List<Turn> turns = new ArrayList<>();
      String side = rnd.nextBoolean() ? "A" : "B";
      for (int t = 0; t < c.turnsPerConversation() && next < prompts.size(); t++) {
        Speaker s = side.equals("A") ? a : b;
        Prompt p = prompts.get(next++);
        if (rnd.nextDouble() < c.fillerProbability()) {
          boolean um = rnd.nextBoolean();
          p =
              new Prompt(
                  p.id(),
                  (um ? "UM " : "UH ") + p.transcript(),
                  (um ? "um, " : "uh, ") + p.spoken());
        }
        double gap = -0.4 + 1.2 * rnd.nextDouble();
        turns.add(new Turn(side, utt(s, turns.size(), p), false, round3(gap), 0));
        seconds += p.wordCount() / c.wordsPerSecond();
        if (rnd.nextDouble() < c.backchannelProbability()) {
          Speaker l = side.equals("A") ? b : a;
          String[] bc = BACKCHANNELS.get(rnd.nextInt(BACKCHANNELS.size()));
          Prompt bp = new Prompt(p.id() + "bc", bc[0], bc[1]);
          turns.add(
              new Turn(
                  side.equals("A") ? "B" : "A",
                  utt(l, turns.size(), bp),
                  true,
                  0,
                  round3(0.25 + 0.4 * rnd.nextDouble())));
          seconds += 0.6;
        }
        side = side.equals("A") ? "B" : "A";
      }
      out.add(new Conversation(id, a, b, turns));
    }
    return out;
  }

  /**
   * The engine of the next side: drawn from a shuffled deck of the three engines, refilled when
   * empty, so that every engine holds a third of the sides (give or take two). Drawing voices
   * uniformly would let espeak-ng's many variants fill the corpus.
   */
  static Voice.Engine nextEngine(List<Voice.Engine> deck, Random rnd) {
    if (deck.isEmpty()) {
      deck.addAll(List.of(Voice.Engine.values()));
      Seeds.shuffle(deck, rnd);
    }
    return deck.remove(deck.size() - 1);
  }

  /** One of the voices of engine {@code e} (of any engine when the pool has none of {@code e}). */
  static Voice pickVoice(List<Voice> voices, Voice.Engine e, Random rnd) {
    List<Voice> of = VoiceInventory.of(voices, e);
    if (of.isEmpty()) {
      of = voices;
    }
    return of.get(rnd.nextInt(of.size()));
  }

  private static SynthUtterance utt(Speaker s, int index, Prompt p) {
    return new SynthUtterance(
        String.format(Locale.ROOT, "%s_t%03d", s.id(), index), s, p, 0.0, 0.0);
  }

  private static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}

package org.asrnas.core.corpus;

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
 * Training and evaluation conversations use disjoint voice families. Timing is finished in {@link
 * SwbdStandIn} once the turn durations are known.
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

  private final Map<String, List<Conversation>> sets;

  private SwbdPlan(Map<String, List<Conversation>> sets) {
    this.sets = sets;
  }

  /** Set names: {@code train} and {@code eval2000}. */
  public List<String> setNames() {
    return List.copyOf(sets.keySet());
  }

  public List<Conversation> conversations(String set) {
    Checks.checkArgument(sets.containsKey(set), "unknown set %s", set);
    return sets.get(set);
  }

  /** Plans training conversations from the train pool and eval2000 from the dev and eval pools. */
  public static SwbdPlan plan(Map<TextCorpus.Split, List<Prompt>> prompts, Config c) {
    VoiceInventory inv = new VoiceInventory(c.seed(), 4);
    List<Voice> evalVoices = new ArrayList<>(inv.dev());
    evalVoices.addAll(inv.eval());
    List<Prompt> evalPrompts =
        new ArrayList<>(prompts.getOrDefault(TextCorpus.Split.DEV, List.of()));
    evalPrompts.addAll(prompts.getOrDefault(TextCorpus.Split.EVAL, List.of()));
    Map<String, List<Conversation>> sets = new LinkedHashMap<>();
    sets.put(
        "train",
        conversations(
            prompts.getOrDefault(TextCorpus.Split.TRAIN, List.of()),
            inv.train(),
            c.trainHours(),
            List.of("sw5"),
            c,
            Seeds.random(c.seed(), "corpus.swbd.train")));
    sets.put(
        "eval2000",
        conversations(
            evalPrompts,
            evalVoices,
            c.evalHours(),
            EVAL2000_HALVES,
            c,
            Seeds.random(c.seed(), "corpus.swbd.eval2000")));
    return new SwbdPlan(sets);
  }

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
      Random rnd) {
    List<Prompt> prompts = new ArrayList<>(pool);
    Seeds.shuffle(prompts, rnd);
    List<Conversation> out = new ArrayList<>();
    double seconds = 0;
    int next = 0;
    while (seconds < hours * 3600 && next < prompts.size()) {
      String prefix = prefixes.get(out.size() % prefixes.size());
      String id = String.format(Locale.ROOT, "%s%04d", prefix, out.size() / prefixes.size() + 1);
      Voice va = pickVoice(voices, rnd);
      Voice vb = va;
      for (int tries = 0; vb.family().equals(va.family()) && tries < 100; tries++) {
        vb = pickVoice(voices, rnd);
      }
      Speaker a = speaker(id + "-A", va, rnd);
      Speaker b = speaker(id + "-B", vb, rnd);
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
   * An engine first (espeak-ng 40%, flite 35%, festival 25%, among those the pool has), then one of
   * its voices: drawing voices uniformly would let espeak-ng's many variants fill the corpus.
   */
  static Voice pickVoice(List<Voice> voices, Random rnd) {
    double u = rnd.nextDouble();
    Voice.Engine e =
        u < 0.4 ? Voice.Engine.ESPEAK : u < 0.75 ? Voice.Engine.FLITE : Voice.Engine.FESTIVAL;
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

  private static Speaker speaker(String id, Voice v, Random rnd) {
    double rate = round3(0.9 + 0.35 * rnd.nextDouble());
    int pitch = v.engine() == Voice.Engine.ESPEAK ? 30 + rnd.nextInt(41) : -150 + rnd.nextInt(301);
    double gain = round3(-6 + 5 * rnd.nextDouble());
    return new Speaker(id, v, rate, pitch, gain);
  }

  private static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}

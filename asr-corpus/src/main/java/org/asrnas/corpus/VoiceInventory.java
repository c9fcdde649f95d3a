package org.asrnas.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asrnas.core.Seeds;
import org.asrnas.corpus.Voice.Engine;

/**
 * The voices of the stand-in corpora and which are held out. espeak-ng speaks US English ({@code
 * en-us}) and New York City English ({@code en-us-nyc}) with many variants; flite has kal16, awb,
 * rms and slt; festival has kal and ked diphones and slt HTS.
 *
 * <p>As in WSJ, where the test speakers are new speakers from the training population, the recorded
 * persons kal (flite kal16, festival kal_diphone), awb (flite) and slt (flite slt, festival slt
 * HTS: the only female recorded voice) are all in training, male and female both; the test sets
 * meet them again only as new speakers with their own rate, F0, warp and level ({@link WsjPlan},
 * {@link SwbdPlan}). The espeak-ng variants are drawn with the seed: {@code heldOutVariants} for
 * the eval set, as many for the dev set, {@link #NEW_VOICE_VARIANTS} more held out from everything,
 * and the rest (both languages each) for training. The out-of-distribution voices ({@link
 * #newVoice()}) are recorded persons never heard in training: flite rms and festival ked_diphone,
 * plus those held-out espeak-ng variants; they are only for the {@code *_newvoice} sets, never for
 * tuning.
 */
public final class VoiceInventory {
  /**
   * espeak-ng variants that sound like a person (robotic, whispering and novelty variants are left
   * out).
   */
  public static final List<String> ESPEAK_VARIANTS =
      List.of(
          "m1",
          "m2",
          "m3",
          "m4",
          "m5",
          "m6",
          "m7",
          "m8",
          "f1",
          "f2",
          "f3",
          "f4",
          "f5",
          "adam",
          "Alex",
          "Alicia",
          "Andrea",
          "Andy",
          "Annie",
          "aunty",
          "belinda",
          "benjamin",
          "boris",
          "caleb",
          "david",
          "ed",
          "edward",
          "Gene",
          "gustave",
          "Henrique",
          "Hugo",
          "iven",
          "Jacky",
          "john",
          "Lee",
          "linda",
          "max",
          "Michael",
          "Mike",
          "norbert",
          "paul",
          "quincy",
          "rob",
          "robert",
          "steph",
          "travis",
          "victor",
          "zac",
          "grandpa",
          "grandma",
          "klatt",
          "klatt2",
          "klatt3");

  /** espeak-ng variants held out from every set but the newvoice sets. */
  public static final int NEW_VOICE_VARIANTS = 2;

  /** The recorded (flite and festival) voices of training. */
  public static final List<Voice> RECORDED_TRAIN =
      List.of(
          new Voice(Engine.FLITE, "kal16", "kal"),
          new Voice(Engine.FLITE, "awb", "awb"),
          new Voice(Engine.FLITE, "slt", "slt"),
          new Voice(Engine.FESTIVAL, "kal_diphone", "kal"),
          new Voice(Engine.FESTIVAL, "cmu_us_slt_arctic_hts", "slt"));

  /** The recorded voices never heard in training. */
  public static final List<Voice> RECORDED_NEW =
      List.of(
          new Voice(Engine.FLITE, "rms", "rms"), new Voice(Engine.FESTIVAL, "ked_diphone", "ked"));

  private final List<Voice> train = new ArrayList<>();
  private final List<Voice> dev = new ArrayList<>();
  private final List<Voice> eval = new ArrayList<>();
  private final List<Voice> newVoice = new ArrayList<>();

  /**
   * Draws the held-out espeak-ng variants.
   *
   * @param seed root seed
   * @param heldOutVariants espeak-ng variants per test set
   */
  public VoiceInventory(long seed, int heldOutVariants) {
    List<String> variants = new ArrayList<>(ESPEAK_VARIANTS);
    Random rnd = Seeds.random(seed, "corpus.voices");
    Seeds.shuffle(variants, rnd);
    for (int i = 0; i < variants.size(); i++) {
      String v = variants.get(i);
      if (i < 2 * heldOutVariants + NEW_VOICE_VARIANTS) {
        String lang = rnd.nextBoolean() ? "en-us" : "en-us-nyc";
        List<Voice> to = i < heldOutVariants ? eval : i < 2 * heldOutVariants ? dev : newVoice;
        to.add(new Voice(Engine.ESPEAK, lang + "+" + v, v));
      } else {
        train.add(new Voice(Engine.ESPEAK, "en-us+" + v, v));
        train.add(new Voice(Engine.ESPEAK, "en-us-nyc+" + v, v));
      }
    }
    train.addAll(RECORDED_TRAIN);
    dev.addAll(RECORDED_TRAIN);
    eval.addAll(RECORDED_TRAIN);
    newVoice.addAll(RECORDED_NEW);
  }

  /** Training voices: most espeak-ng variants (both languages) and {@link #RECORDED_TRAIN}. */
  public List<Voice> train() {
    return List.copyOf(train);
  }

  /** Dev voices: the dev set's held-out espeak-ng variants and the recorded training voices. */
  public List<Voice> dev() {
    return List.copyOf(dev);
  }

  /** Eval voices: the eval set's held-out espeak-ng variants and the recorded training voices. */
  public List<Voice> eval() {
    return List.copyOf(eval);
  }

  /** Voices never in training nor in the primary test sets (flite rms, festival ked, espeak-ng). */
  public List<Voice> newVoice() {
    return List.copyOf(newVoice);
  }

  /** Voices of one engine. */
  static List<Voice> of(List<Voice> voices, Engine e) {
    return voices.stream().filter(v -> v.engine() == e).toList();
  }
}

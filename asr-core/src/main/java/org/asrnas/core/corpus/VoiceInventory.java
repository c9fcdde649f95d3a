package org.asrnas.core.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asrnas.core.Seeds;
import org.asrnas.core.corpus.Voice.Engine;

/**
 * The voices of the stand-in corpora and which are held out. espeak-ng speaks US English ({@code
 * en-us}) and New York City English ({@code en-us-nyc}) with many variants; flite has kal16, awb,
 * rms and slt; festival has kal and ked diphones and slt HTS. Test sets get whole voice families
 * (rms and ked for dev; slt on both flite and festival for eval) plus espeak-ng variants drawn with
 * the seed; training keeps the rest (flite kal16 and awb, festival kal, most espeak-ng variants).
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

  private final List<Voice> train = new ArrayList<>();
  private final List<Voice> dev = new ArrayList<>();
  private final List<Voice> eval = new ArrayList<>();

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
      if (i < 2 * heldOutVariants) {
        String lang = rnd.nextBoolean() ? "en-us" : "en-us-nyc";
        (i < heldOutVariants ? eval : dev).add(new Voice(Engine.ESPEAK, lang + "+" + v, v));
      } else {
        train.add(new Voice(Engine.ESPEAK, "en-us+" + v, v));
        train.add(new Voice(Engine.ESPEAK, "en-us-nyc+" + v, v));
      }
    }
    train.add(new Voice(Engine.FLITE, "kal16", "kal"));
    train.add(new Voice(Engine.FLITE, "awb", "awb"));
    train.add(new Voice(Engine.FESTIVAL, "kal_diphone", "kal"));
    dev.add(new Voice(Engine.FLITE, "rms", "rms"));
    dev.add(new Voice(Engine.FESTIVAL, "ked_diphone", "ked"));
    eval.add(new Voice(Engine.FLITE, "slt", "slt"));
    eval.add(new Voice(Engine.FESTIVAL, "cmu_us_slt_arctic_hts", "slt"));
  }

  public List<Voice> train() {
    return List.copyOf(train);
  }

  public List<Voice> dev() {
    return List.copyOf(dev);
  }

  public List<Voice> eval() {
    return List.copyOf(eval);
  }

  /** Voices of one engine. */
  static List<Voice> of(List<Voice> voices, Engine e) {
    return voices.stream().filter(v -> v.engine() == e).toList();
  }
}

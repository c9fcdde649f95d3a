package org.asrnas.decoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;

/**
 * Stand-in CTC output for benchmarks and decoder tests while no trained model exists: a forced path
 * through the phones of real sentences (first pronunciation of each word), shaped like the output
 * of a CTC model — a one- or two-frame spike per phone, blanks elsewhere — with noisy logits, a
 * competing unit on every frame, some spikes where the competitor wins (substitutions) and some
 * spurious spikes (insertions), then log-softmax. It measures decoder speed and checks that the LM
 * repairs errors; it says nothing about a real model's accuracy.
 */
public final class SyntheticLogProbs {
  /**
   * Options.
   *
   * @param meanPhoneFrames mean frames per phone (≥ 2: the spike, then at least one blank)
   * @param confusionRate share of phone spikes where a wrong unit has the higher logit
   * @param insertionRate share of blank frames with a spurious phone spike
   * @param targetLogit mean logit of the right unit
   * @param competitorLogit mean logit of the competing unit
   */
  public record Options(
      double meanPhoneFrames,
      double confusionRate,
      double insertionRate,
      double targetLogit,
      double competitorLogit) {
    public Options {
      Checks.checkArgument(meanPhoneFrames >= 2, "meanPhoneFrames must be >= 2");
      Checks.checkInRange(confusionRate, 0, 1, "confusionRate");
      Checks.checkInRange(insertionRate, 0, 1, "insertionRate");
    }

    /** About 30 ms frames (a stride-3 model): 2.7 frames per phone, 15% confused spikes. */
    public static Options defaults() {
      return new Options(2.7, 0.15, 0.01, 7.0, 3.5);
    }
  }

  private SyntheticLogProbs() {}

  /** The phone ids of a sentence (first pronunciations), or null if a word is not covered. */
  public static int[] phones(List<String> words, Lexicon lexicon, Units units) {
    List<Integer> out = new ArrayList<>();
    for (String w : words) {
      List<List<String>> p = lexicon.pronunciations(w);
      if (p.isEmpty() || !p.get(0).stream().allMatch(units::contains)) {
        return null;
      }
      for (String ph : p.get(0)) {
        out.add(units.id(ph));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Synthetic output with the alignment it was made from.
   *
   * @param logProbs (frames, units) log-probabilities
   * @param path the planted unit of every frame (0 = blank): each phone's spike frames, blanks
   *     elsewhere
   */
  public record Planted(FloatMatrix logProbs, int[] path) {
    public Planted {
      path = path.clone();
    }

    @Override
    public int[] path() {
      return path.clone();
    }
  }

  /** Log-probabilities (frames, units) for a phone-id sequence. */
  public static FloatMatrix generate(int[] phones, int units, Random r, Options o) {
    return plant(phones, units, r, o).logProbs();
  }

  /**
   * As {@link #generate}, also returning the planted alignment (same random draws, so the same
   * matrix for the same generator state).
   */
  public static Planted plant(int[] phones, int units, Random r, Options o) {
    List<Integer> path = new ArrayList<>();
    List<Boolean> spike = new ArrayList<>();
    int lead = 3 + r.nextInt(6);
    for (int i = 0; i < lead; i++) {
      path.add(0);
      spike.add(false);
    }
    for (int ph : phones) {
      int d = 2;
      while (r.nextDouble() > 1.0 / (o.meanPhoneFrames() - 1)) {
        d++;
      }
      int spikeLen = d > 2 && r.nextDouble() < 0.2 ? 2 : 1;
      for (int i = 0; i < d; i++) {
        path.add(i < spikeLen ? ph : 0);
        spike.add(i < spikeLen);
      }
    }
    int tail = 3 + r.nextInt(6);
    for (int i = 0; i < tail; i++) {
      path.add(0);
      spike.add(false);
    }
    int frames = path.size();
    float[] d = new float[frames * units];
    double[] x = new double[units];
    int confusedWith = -1;
    for (int t = 0; t < frames; t++) {
      int target = path.get(t);
      for (int u = 0; u < units; u++) {
        x[u] = r.nextGaussian();
      }
      int competitor = 1 + r.nextInt(units - 1);
      if (competitor == target) {
        competitor = 0;
      }
      double tl = o.targetLogit() + r.nextGaussian();
      double cl = o.competitorLogit() + 1.5 * r.nextGaussian();
      if (spike.get(t)) {
        boolean firstOfSpike = t == 0 || !spike.get(t - 1);
        if (firstOfSpike) {
          confusedWith = r.nextDouble() < o.confusionRate() ? competitor : -1;
        }
        if (confusedWith >= 0) {
          competitor = confusedWith;
          double hi = Math.max(tl, cl) + 0.5 + r.nextDouble();
          cl = hi;
          tl = hi - 0.5 - 1.5 * r.nextDouble();
        }
      } else if (target == 0 && r.nextDouble() < o.insertionRate()) {
        cl = tl + 0.5 + r.nextDouble();
      }
      x[target] = tl;
      x[competitor] = cl;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : x) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : x) {
        sum += Math.exp(v - max);
      }
      double lse = max + Math.log(sum);
      for (int u = 0; u < units; u++) {
        d[t * units + u] = (float) (x[u] - lse);
      }
    }
    int[] planted = path.stream().mapToInt(Integer::intValue).toArray();
    return new Planted(new FloatMatrix(frames, units, d), planted);
  }

  /**
   * Command line for bench/decode.sh: {@code LEXICON UNITS TEXT OUT.ark OUT_PHONES_TEXT SEED}. TEXT
   * is Kaldi text; utterances with a word outside the lexicon are skipped (counted on stderr).
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println(
          "usage: SyntheticLogProbs LEXICON UNITS TEXT OUT.ark OUT_PHONES_TEXT SEED");
      System.exit(2);
    }
    Lexicon lex = Lexicon.read(Path.of(args[0]));
    Units units = Units.read(Path.of(args[1]));
    Random r = Seeds.random(Long.parseLong(args[5]), "synthetic-logprobs");
    Map<String, String> phoneText = new LinkedHashMap<>();
    int skipped = 0;
    long frames = 0;
    try (KaldiArchive.Writer w = new KaldiArchive.Writer(Path.of(args[3]))) {
      for (var line : KaldiTables.readLines(Path.of(args[2]))) {
        List<String> words = List.of(KaldiTables.fields(line.rest()));
        int[] ph = phones(words, lex, units);
        if (ph == null || words.isEmpty()) {
          skipped++;
          continue;
        }
        FloatMatrix m = generate(ph, units.size(), r, Options.defaults());
        frames += m.rows();
        w.write(line.key(), m);
        phoneText.put(line.key(), String.join(" ", units.decode(ph)));
      }
    }
    KaldiTables.writeTable(Path.of(args[4]), phoneText);
    System.err.printf(
        Locale.ROOT,
        "synthesised %d utterances (%d frames), skipped %d with words outside the lexicon%n",
        phoneText.size(),
        frames,
        skipped);
  }
}

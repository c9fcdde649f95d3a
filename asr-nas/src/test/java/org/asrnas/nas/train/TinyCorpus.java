package org.asrnas.nas.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;

/**
 * A learnable synthetic corpus: every phone is a few frames around a phone-specific mean vector,
 * every speaker adds its own offset (which per-speaker CMVN removes). Shared by the trainer's and
 * the search's tests.
 */
public final class TinyCorpus {
  private TinyCorpus() {}

  static final String[] WORDS = {"AA", "BEE", "SEA", "DEE"};
  static final String[][] PRONS = {{"a"}, {"b", "i"}, {"s", "i"}, {"d", "i", "a"}};
  static final String[] PHONES = {"a", "b", "d", "i", "s"};
  static final int DIM = 8;

  /** Writes data dir {@code dir} and lang files into {@code lang}; one OOV utterance included. */
  public static void write(Path dir, Path lang, int utterances, long seed) throws IOException {
    Files.createDirectories(dir);
    Files.createDirectories(lang);
    Random r = new Random(seed);
    float[][] means = new float[PHONES.length][DIM];
    for (float[] m : means) {
      for (int d = 0; d < DIM; d++) {
        m[d] = (float) (3 * r.nextGaussian());
      }
    }
    List<String> text = new ArrayList<>();
    List<String> utt2spk = new ArrayList<>();
    try (KaldiArchive.Writer w = new KaldiArchive.Writer(dir.resolve("feats.ark"))) {
      for (int u = 0; u < utterances; u++) {
        String spk = "spk" + (u % 3);
        String id = String.format(Locale.ROOT, "%s-u%03d", spk, u);
        float[] offset = new float[DIM];
        for (int d = 0; d < DIM; d++) {
          offset[d] = (u % 3) * 2f - 2f;
        }
        int nw = 2 + r.nextInt(4);
        List<String> words = new ArrayList<>();
        List<float[]> frames = new ArrayList<>();
        for (int k = 0; k < nw; k++) {
          int wi = r.nextInt(WORDS.length);
          words.add(WORDS[wi]);
          for (String ph : PRONS[wi]) {
            int p = java.util.Arrays.asList(PHONES).indexOf(ph);
            int len = 5 + r.nextInt(4);
            for (int t = 0; t < len; t++) {
              float[] f = new float[DIM];
              for (int d = 0; d < DIM; d++) {
                f[d] = means[p][d] + offset[d] + (float) (0.5 * r.nextGaussian());
              }
              frames.add(f);
            }
          }
        }
        if (u == utterances - 1) {
          words.add("ZZZ"); // not in the lexicon: skipped and reported
        }
        w.write(id, FloatMatrix.of(frames.toArray(new float[0][])));
        text.add(id + " " + String.join(" ", words));
        utt2spk.add(id + " " + spk);
      }
      KaldiArchive.writeScp(dir.resolve("feats.scp"), w.entries());
    }
    Files.write(dir.resolve("text"), text);
    Files.write(dir.resolve("utt2spk"), utt2spk);
    List<String> lex = new ArrayList<>();
    for (int i = 0; i < WORDS.length; i++) {
      lex.add(WORDS[i] + " " + String.join(" ", PRONS[i]));
    }
    Files.write(lang.resolve("lexicon.txt"), lex);
    List<String> units = new ArrayList<>(List.of("<blk> 0"));
    for (int i = 0; i < PHONES.length; i++) {
      units.add(PHONES[i] + " " + (i + 1));
    }
    Files.write(lang.resolve("units.txt"), units);
  }

  static final String MODEL_JSON =
      """
      {"input_dim": 24, "units": 0, "width": 32, "dropout": 0.1,
       "blocks": [{"op": "tdnn-C1D1"}, {"op": "tdnn-C1D2"}, {"op": "sepconv-K3"}],
       "fixed": [{"after": 1, "op": "tdnn-C1D1S3"}]}
      """;
}

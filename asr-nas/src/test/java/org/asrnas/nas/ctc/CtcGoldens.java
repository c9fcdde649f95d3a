package org.asrnas.nas.ctc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Reads the goldens of scripts/golden/make_ctc_goldens.py (layout documented there). */
public final class CtcGoldens {
  private CtcGoldens() {}

  public record Case(
      int batch,
      int time,
      int vocab,
      long seed,
      float scale,
      int[] inputLengths,
      int[][] targets,
      double[] lossNone,
      double lossMean,
      double lossSum,
      int[][] frames,
      float[][][] grad) {
    /** The activations, drawn exactly as the script draws them. */
    public float[] activations() {
      int n = batch * time * vocab;
      float[] a = new float[n];
      for (int i = 0; i < n; i++) {
        long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        double u = (z >>> 11) * 0x1.0p-53;
        a[i] = (float) ((u * 2.0 - 1.0) * scale);
      }
      return a;
    }
  }

  static List<Case> load() throws IOException {
    try (InputStream in = CtcGoldens.class.getResourceAsStream("/ctc/ctc-goldens.bin")) {
      return parse(new DataInputStream(in).readAllBytes());
    }
  }

  public static List<Case> parse(byte[] all) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[4];
    b.get(magic);
    if (!new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("CTCG")
        || b.getInt() != 1) {
      throw new IOException("not a CTC golden file (version 1)");
    }
    int n = b.getInt();
    List<Case> out = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      int bs = b.getInt();
      int t = b.getInt();
      int v = b.getInt();
      long seed = b.getLong();
      float scale = b.getFloat();
      int[] il = ints(b, bs);
      int[] tl = ints(b, bs);
      int[][] tg = new int[bs][];
      for (int i = 0; i < bs; i++) {
        tg[i] = ints(b, tl[i]);
      }
      double[] none = new double[bs];
      for (int i = 0; i < bs; i++) {
        none[i] = b.getDouble();
      }
      double mean = b.getDouble();
      double sum = b.getDouble();
      int f = b.getInt();
      int[][] frames = new int[bs][];
      for (int i = 0; i < bs; i++) {
        frames[i] = ints(b, f);
      }
      float[][][] g = new float[bs][f][v];
      for (int i = 0; i < bs; i++) {
        for (int j = 0; j < f; j++) {
          for (int k = 0; k < v; k++) {
            g[i][j][k] = b.getFloat();
          }
        }
      }
      out.add(new Case(bs, t, v, seed, scale, il, tg, none, mean, sum, frames, g));
    }
    return out;
  }

  private static int[] ints(ByteBuffer b, int n) {
    int[] x = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = b.getInt();
    }
    return x;
  }
}

package org.asrnas.frontend.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.io.DoubleMatrix;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;

/**
 * Cepstral mean and variance normalisation as Kaldi's {@code compute-cmvn-stats} and {@code
 * apply-cmvn} ({@code AccCmvnStats} and {@code ApplyCmvn} in {@code transform/cmvn.cc}). Statistics
 * per speaker (accumulate every utterance of the speaker) or global (merge all speakers).
 */
public final class Cmvn {
  private Cmvn() {}

  /** Kaldi floors the variance at this value before taking {@code 1/sqrt(var)}. */
  static final double VARIANCE_FLOOR = 1.0e-20;

  /**
   * Statistics in Kaldi's layout, shape (2, dim + 1): row 0 holds the sums of each dimension and,
   * in the last column, the frame count; row 1 the sums of squares and a 0.
   *
   * @param stats the two rows, each of length dim + 1 (copied on the way in)
   */
  public record CmvnStats(double[][] stats) {
    public CmvnStats {
      Checks.checkArgument(stats.length == 2, "CMVN stats need 2 rows, got %s", stats.length);
      Checks.checkArgument(
          stats[0].length >= 1 && stats[0].length == stats[1].length,
          "CMVN stats rows must have the same length >= 1, got %s and %s",
          stats[0].length,
          stats[1].length);
      stats = new double[][] {stats[0].clone(), stats[1].clone()};
    }

    /** Empty statistics for features of {@code dim} dimensions. */
    public static CmvnStats zeros(int dim) {
      Checks.checkArgument(dim >= 1, "dim must be >= 1, got %s", dim);
      return new CmvnStats(new double[2][dim + 1]);
    }

    /** Feature dimension (columns minus the count column). */
    public int dim() {
      return stats[0].length - 1;
    }

    /** Number of frames accumulated (weighted). */
    public double count() {
      return stats[0][dim()];
    }

    /** As a (2, dim + 1) double matrix, for {@link KaldiArchive}. */
    public DoubleMatrix toMatrix() {
      int c = stats[0].length;
      double[] d = new double[2 * c];
      System.arraycopy(stats[0], 0, d, 0, c);
      System.arraycopy(stats[1], 0, d, c, c);
      return new DoubleMatrix(2, c, d);
    }

    /** From a (2, dim + 1) matrix as Kaldi writes it. */
    public static CmvnStats fromMatrix(DoubleMatrix m) {
      Checks.checkArgument(
          m.rows() == 2 && m.cols() >= 2,
          "CMVN stats must be 2 x (dim + 1), got %s x %s",
          m.rows(),
          m.cols());
      int c = m.cols();
      double[][] s = new double[2][c];
      System.arraycopy(m.data(), 0, s[0], 0, c);
      System.arraycopy(m.data(), c, s[1], 0, c);
      return new CmvnStats(s);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CmvnStats c && java.util.Arrays.deepEquals(c.stats, stats);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.deepHashCode(stats);
    }

    @Override
    public String toString() {
      return "CmvnStats[dim=" + dim() + ", count=" + count() + "]";
    }
  }

  /**
   * Adds every frame of {@code feats} (shape (frames, dim)) to {@code stats} in place and returns
   * it.
   */
  public static CmvnStats accumulate(CmvnStats stats, FloatMatrix feats) {
    int dim = stats.dim();
    Checks.checkArgument(
        feats.cols() == dim, "features have %s dims, CMVN stats %s", feats.cols(), dim);
    double[] sum = stats.stats()[0];
    double[] sq = stats.stats()[1];
    float[] x = feats.data();
    for (int r = 0; r < feats.rows(); r++) {
      int base = r * dim;
      for (int d = 0; d < dim; d++) {
        double v = x[base + d];
        sum[d] += v;
        sq[d] += v * v;
      }
    }
    sum[dim] += feats.rows();
    return stats;
  }

  /** Statistics of one matrix (shape (frames, dim)). */
  public static CmvnStats of(FloatMatrix feats) {
    return accumulate(CmvnStats.zeros(feats.cols()), feats);
  }

  /** The sum of several statistics (for global CMVN, or a speaker's utterances). */
  public static CmvnStats merge(List<CmvnStats> parts) {
    Checks.checkArgument(!parts.isEmpty(), "nothing to merge");
    int dim = parts.get(0).dim();
    CmvnStats out = CmvnStats.zeros(dim);
    for (CmvnStats p : parts) {
      Checks.checkArgument(
          p.dim() == dim, "cannot merge CMVN stats of dims %s and %s", dim, p.dim());
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c <= dim; c++) {
          out.stats()[r][c] += p.stats()[r][c];
        }
      }
    }
    return out;
  }

  /**
   * Normalises features: {@code (x - mean)} or, with {@code normVars}, {@code (x - mean) /
   * sqrt(var)} per dimension, where {@code mean = sum / count} and {@code var = sumsq / count -
   * mean^2} floored at 1e-20, exactly as {@code apply-cmvn [--norm-vars]}.
   *
   * @param feats shape (frames, dim); not modified
   * @return a new matrix of the same shape
   * @throws IllegalArgumentException when the dims differ or the count is below 1 (Kaldi refuses
   *     such stats too)
   */
  public static FloatMatrix apply(FloatMatrix feats, CmvnStats stats, boolean normVars) {
    int dim = stats.dim();
    Checks.checkArgument(
        feats.cols() == dim, "features have %s dims, CMVN stats %s", feats.cols(), dim);
    double count = stats.count();
    Checks.checkArgument(count >= 1.0, "insufficient samples for CMVN: count is %s", count);
    double[] scale = new double[dim];
    double[] offset = new double[dim];
    for (int d = 0; d < dim; d++) {
      double mean = stats.stats()[0][d] / count;
      if (!normVars) {
        scale[d] = 1;
        offset[d] = -mean;
      } else {
        double var = stats.stats()[1][d] / count - mean * mean;
        if (var < VARIANCE_FLOOR) {
          var = VARIANCE_FLOOR;
        }
        scale[d] = 1.0 / Math.sqrt(var);
        offset[d] = -(mean * scale[d]);
      }
    }
    float[] in = feats.data();
    float[] out = new float[in.length];
    for (int r = 0; r < feats.rows(); r++) {
      int base = r * dim;
      for (int d = 0; d < dim; d++) {
        out[base + d] = (float) (in[base + d] * scale[d] + offset[d]);
      }
    }
    return new FloatMatrix(feats.rows(), dim, out);
  }

  /**
   * Writes statistics as {@code DM} matrices to a Kaldi archive and its scp (for example {@code
   * cmvn.ark} + {@code cmvn.scp} keyed by speaker).
   */
  public static void write(Path ark, Path scp, Map<String, CmvnStats> stats) throws IOException {
    KaldiArchive.Writer w = new KaldiArchive.Writer(ark);
    try (w) {
      for (Map.Entry<String, CmvnStats> e : stats.entrySet()) {
        w.write(e.getKey(), e.getValue().toMatrix());
      }
    }
    KaldiArchive.writeScp(scp, w.entries());
  }

  /** Reads every entry a {@code cmvn.scp} names, in file order. */
  public static Map<String, CmvnStats> read(Path scp) throws IOException, AsrInputException {
    Map<String, CmvnStats> out = new LinkedHashMap<>();
    for (KaldiArchive.ScpEntry e : KaldiArchive.readScp(scp)) {
      DoubleMatrix m = KaldiArchive.readDouble(e);
      if (m.rows() != 2 || m.cols() < 2) {
        throw AsrInputException.atByte(
            e.archive(),
            e.offset(),
            "entry "
                + e.key()
                + " is "
                + m.rows()
                + " x "
                + m.cols()
                + ", not CMVN stats (2 x (dim + 1)); make it with compute-cmvn-stats or asr features");
      }
      out.put(e.key(), CmvnStats.fromMatrix(m));
    }
    return out;
  }
}

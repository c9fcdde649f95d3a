package org.asrnas.decoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.decoder.internal.LongIntMap;

/**
 * CTC prefix beam search (Hannun et al. 2014, "First-pass large vocabulary continuous speech
 * recognition using bi-directional recurrent DNNs", Algorithm 1) without a language model. Each
 * prefix ℓ keeps p_b (ending in blank) and p_nb (ending in its last unit); per frame t:
 *
 * <pre>
 *   p_b'(ℓ)   += (p_b(ℓ) + p_nb(ℓ)) · y_t(blank)
 *   p_nb'(ℓ)  += p_nb(ℓ) · y_t(last(ℓ))                         (repeat, collapsed)
 *   p_nb'(ℓc) += (c == last(ℓ) ? p_b(ℓ) : p_b(ℓ) + p_nb(ℓ)) · y_t(c)
 * </pre>
 *
 * then the {@code beamSize} prefixes with the largest p_b + p_nb are kept. With a beam that holds
 * every prefix the scores are the exact sums over all alignments of each labelling.
 */
public final class PrefixBeamDecoder implements CtcDecoder {
  /**
   * Options.
   *
   * @param beamSize prefixes kept per frame
   * @param nBest hypotheses returned (at most {@code beamSize})
   * @param unitPruneLogProb units whose log-probability in a frame is below this are not extended
   *     (blank is always considered); {@code -Infinity} considers every unit
   */
  public record Options(int beamSize, int nBest, double unitPruneLogProb) {
    public Options {
      Checks.checkPositive(beamSize, "beamSize");
      Checks.checkPositive(nBest, "nBest");
      Checks.checkArgument(!Double.isNaN(unitPruneLogProb), "unitPruneLogProb is NaN");
    }

    public static Options defaults() {
      return new Options(16, 1, Double.NEGATIVE_INFINITY);
    }

    public Options withBeamSize(int b) {
      return new Options(b, nBest, unitPruneLogProb);
    }

    public Options withNBest(int n) {
      return new Options(beamSize, n, unitPruneLogProb);
    }

    public Options withUnitPruneLogProb(double p) {
      return new Options(beamSize, nBest, p);
    }
  }

  private static final int ROOT = 0;
  private final Options options;

  // Prefix tree of the utterance: node -> (parent, last unit, length); children by (parent, unit).
  private int[] parent = new int[1024];
  private int[] lastUnit = new int[1024];
  private int[] length = new int[1024];
  private int nodes;
  private final LongIntMap children = new LongIntMap(1024);

  // The beam: prefix node and its two probabilities.
  private int[] beamNode = new int[0];
  private double[] beamB = new double[0];
  private double[] beamNb = new double[0];
  private int beamCount;

  // Candidates of the next frame: key -> slot; a key is a node id (>= 0) or an unmaterialised
  // extension ~(parent * units + unit) (< 0).
  private final LongIntMap slots = new LongIntMap(1024);
  private long[] candKey = new long[0];
  private double[] candB = new double[0];
  private double[] candNb = new double[0];
  private double[] candTotal = new double[0];
  private int[] order = new int[0];
  private int candCount;

  public PrefixBeamDecoder(Options options) {
    this.options = Checks.checkNotNull(options, "options");
  }

  @Override
  public List<Hypothesis> decode(FloatMatrix logProbs) {
    int frames = logProbs.rows();
    int units = logProbs.cols();
    Checks.checkArgument(units >= 1, "log-probabilities need at least the blank column");
    float[] y = logProbs.data();
    int beam = options.beamSize();
    int maxCand = beam * units + beam;
    if (candKey.length < maxCand) {
      candKey = new long[maxCand];
      candB = new double[maxCand];
      candNb = new double[maxCand];
      candTotal = new double[maxCand];
      order = new int[maxCand];
      beamNode = new int[beam];
      beamB = new double[beam];
      beamNb = new double[beam];
    }
    slots.ensureCapacity(maxCand);
    children.clear();
    nodes = 1;
    parent[ROOT] = -1;
    lastUnit[ROOT] = 0;
    length[ROOT] = 0;
    beamCount = 1;
    beamNode[0] = ROOT;
    beamB[0] = 0;
    beamNb[0] = Double.NEGATIVE_INFINITY;

    double prune = options.unitPruneLogProb();
    for (int t = 0; t < frames; t++) {
      int off = t * units;
      slots.clear();
      candCount = 0;
      double yBlank = y[off];
      for (int b = 0; b < beamCount; b++) {
        int node = beamNode[b];
        double pb = beamB[b];
        double pnb = beamNb[b];
        double total = LogMath.logAdd(pb, pnb);
        int s = slot(node);
        candB[s] = LogMath.logAdd(candB[s], total + yBlank);
        int last = lastUnit[node];
        if (node != ROOT) {
          candNb[s] = LogMath.logAdd(candNb[s], pnb + y[off + last]);
        }
        for (int c = 1; c < units; c++) {
          double yc = y[off + c];
          if (yc < prune) {
            continue;
          }
          int child = children.get(key(node, c, units), -1);
          int cs = child >= 0 ? slot(child) : slot(~key(node, c, units));
          double from = (c == last && node != ROOT) ? pb : total;
          candNb[cs] = LogMath.logAdd(candNb[cs], from + yc);
        }
      }
      for (int i = 0; i < candCount; i++) {
        candTotal[i] = LogMath.logAdd(candB[i], candNb[i]);
        order[i] = i;
      }
      int kept = LogMath.selectTop(order, candCount, beam, candTotal);
      beamCount = 0;
      for (int i = 0; i < kept; i++) {
        int ci = order[i];
        if (candTotal[ci] == Double.NEGATIVE_INFINITY) {
          continue;
        }
        long k = candKey[ci];
        int node = k >= 0 ? (int) k : materialise(~k, units);
        beamNode[beamCount] = node;
        beamB[beamCount] = candB[ci];
        beamNb[beamCount] = candNb[ci];
        beamCount++;
      }
    }
    return results();
  }

  private static long key(int node, int unit, int units) {
    return (long) node * units + unit;
  }

  private int slot(long key) {
    int s = slots.get(key, -1);
    if (s < 0) {
      s = candCount++;
      slots.put(key, s, -1);
      candKey[s] = key;
      candB[s] = Double.NEGATIVE_INFINITY;
      candNb[s] = Double.NEGATIVE_INFINITY;
    }
    return s;
  }

  private int materialise(long ext, int units) {
    int p = (int) (ext / units);
    int u = (int) (ext % units);
    if (nodes == parent.length) {
      int n = nodes * 2;
      parent = Arrays.copyOf(parent, n);
      lastUnit = Arrays.copyOf(lastUnit, n);
      length = Arrays.copyOf(length, n);
    }
    int id = nodes++;
    parent[id] = p;
    lastUnit[id] = u;
    length[id] = length[p] + 1;
    children.put(ext, id, -1);
    return id;
  }

  private List<Hypothesis> results() {
    double[] total = new double[beamCount];
    int[] idx = new int[beamCount];
    for (int b = 0; b < beamCount; b++) {
      total[b] = LogMath.logAdd(beamB[b], beamNb[b]);
      idx[b] = b;
    }
    LogMath.sortDescending(idx, beamCount, total);
    List<Hypothesis> out = new ArrayList<>();
    for (int i = 0; i < Math.min(options.nBest(), beamCount); i++) {
      int b = idx[i];
      int node = beamNode[b];
      int[] u = new int[length[node]];
      for (int n = node, j = u.length - 1; n != ROOT; n = parent[n], j--) {
        u[j] = lastUnit[n];
      }
      out.add(new Hypothesis(u, List.of(), total[b], total[b], 0));
    }
    if (out.isEmpty()) {
      out.add(new Hypothesis(new int[0], List.of(), Double.NEGATIVE_INFINITY, 0, 0));
    }
    return out;
  }
}

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
 *
 * <p>Times: alongside the sums each kept prefix keeps the Viterbi scores v_b and v_nb (the same
 * recursion with max in place of +) and a back-pointer of the path that attains each, as WeNet's
 * prefix beam search does for its timestamps. A prefix ℓc has one parent ℓ, so its best path at
 * frame t comes from ℓ or from ℓc itself in the previous beam; it is worked out only for the
 * prefixes that survive pruning, leaving the inner loop over units as it was. The {@link
 * Hypothesis#unitSpans() span} of a unit is the run of frames where the best alignment of the
 * returned labelling (among the alignments the beam kept) emits it, first to last frame, end
 * exclusive; CTC peaks are short and near the onset, so spans mark where a unit was recognised (the
 * convention of CTC toolkits such as WeNet; see docs/word-times.md). Confidence of a unit: the
 * geometric mean posterior of its frames on that path, exp((1/|run|) Σ_{t ∈ run} ln y_t(u)), in [0,
 * 1] — the same measure as {@link GreedyDecoder}, so a beam of 1 on peaked input returns the greedy
 * spans.
 *
 * <p>Over 400 lines because the prefix sums and the Viterbi back-pointers for unit times run in the
 * same frame loop over the same preallocated arrays (fields, reused across calls); keeping them in
 * one class is what lets the hot loop allocate nothing.
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

  // Best path of each beam entry b ending in blank (state 2b) and in its last unit (2b + 1):
  // Viterbi score, last finished run in the trace, and the current run of the prefix's last unit
  // (start, end, log-probability sum; start -1 at the root). Double-buffered: cur* is the beam,
  // nxt* the next frame's. beamOfNode maps a node to its entry in the previous beam (-1: none).
  private final UnitTrace trace = new UnitTrace();
  private double[] curV = new double[0];
  private int[] curChain = new int[0];
  private int[] curStart = new int[0];
  private int[] curEnd = new int[0];
  private double[] curSum = new double[0];
  private double[] nxtV = new double[0];
  private int[] nxtChain = new int[0];
  private int[] nxtStart = new int[0];
  private int[] nxtEnd = new int[0];
  private double[] nxtSum = new double[0];
  private int[] pushed = new int[0];
  private int[] oldNode = new int[0];
  private int[] beamOfNode = filled(1024);

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
    ensureCapacity(options.beamSize(), units);
    reset();
    for (int t = 0; t < frames; t++) {
      int off = t * units;
      int oldCount = beamCount;
      for (int b = 0; b < oldCount; b++) {
        oldNode[b] = beamNode[b];
        beamOfNode[beamNode[b]] = b;
      }
      expand(y, off, units);
      keepBest(y, off, t, units, oldCount);
      for (int b = 0; b < oldCount; b++) {
        beamOfNode[oldNode[b]] = -1;
      }
      swapPaths();
    }
    return results();
  }

  /** Grows the per-frame arrays for a beam of {@code beam} prefixes over {@code units} units. */
  private void ensureCapacity(int beam, int units) {
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
      curV = new double[2 * beam];
      curChain = new int[2 * beam];
      curStart = new int[2 * beam];
      curEnd = new int[2 * beam];
      curSum = new double[2 * beam];
      nxtV = new double[2 * beam];
      nxtChain = new int[2 * beam];
      nxtStart = new int[2 * beam];
      nxtEnd = new int[2 * beam];
      nxtSum = new double[2 * beam];
      pushed = new int[2 * beam];
      oldNode = new int[beam];
    }
    slots.ensureCapacity(maxCand);
  }

  /** The beam before the first frame: the empty prefix alone, ending in blank with log-prob 0. */
  private void reset() {
    children.clear();
    nodes = 1;
    parent[ROOT] = -1;
    lastUnit[ROOT] = 0;
    length[ROOT] = 0;
    beamCount = 1;
    beamNode[0] = ROOT;
    beamB[0] = 0;
    beamNb[0] = Double.NEGATIVE_INFINITY;
    trace.clear();
    curV[0] = 0;
    curV[1] = Double.NEGATIVE_INFINITY;
    curChain[0] = UnitTrace.NONE;
    curStart[0] = -1;
    curChain[1] = UnitTrace.NONE;
    curStart[1] = -1;
  }

  /**
   * The candidates of one frame (at offset {@code off} of {@code y}): every beam prefix kept
   * (blank, or a repeat of its last unit) and extended by every unit above the pruning threshold,
   * with blank- and unit-ending log-probabilities summed over the ways to reach them.
   */
  private void expand(float[] y, int off, int units) {
    slots.clear();
    candCount = 0;
    double prune = options.unitPruneLogProb();
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
  }

  /**
   * The next beam: the best {@code beamSize} candidates of frame t, new prefixes made nodes of the
   * prefix tree, each with its best paths (for word times) followed from the previous beam of
   * {@code oldCount} entries.
   */
  private void keepBest(float[] y, int off, int t, int units, int oldCount) {
    for (int i = 0; i < candCount; i++) {
      candTotal[i] = LogMath.logAdd(candB[i], candNb[i]);
      order[i] = i;
    }
    int kept = LogMath.selectTop(order, candCount, options.beamSize(), candTotal);
    Arrays.fill(pushed, 0, 2 * oldCount, -2);
    beamCount = 0;
    double prune = options.unitPruneLogProb();
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
      follow(beamCount, node, y, off, t, prune);
      beamCount++;
    }
  }

  /**
   * The best paths of a kept prefix at frame t: ending in blank, from its own entry in the previous
   * beam; ending in its last unit c, the better of a repeat of c (its own entry, unit state) and a
   * new c after its parent (the parent's entry: its blank state if c repeats the parent's last
   * unit, else its better state) — the max counterparts of the sums above.
   */
  private void follow(int b, int node, float[] y, int off, int t, double prune) {
    int self = beamOfNode[node];
    int to = 2 * b;
    if (self >= 0) {
      int from = better(self);
      nxtV[to] = curV[from] + y[off];
      copyPath(to, from);
    } else {
      noPath(to);
    }
    to = 2 * b + 1;
    double best = Double.NEGATIVE_INFINITY;
    int from = -1;
    boolean isNew = false;
    if (node != ROOT) {
      int c = lastUnit[node];
      double yc = y[off + c];
      if (self >= 0 && curV[2 * self + 1] + yc > best) {
        best = curV[2 * self + 1] + yc;
        from = 2 * self + 1;
      }
      int p = parent[node];
      int bp = beamOfNode[p];
      if (bp >= 0 && yc >= prune) {
        int fs = c == lastUnit[p] && p != ROOT ? 2 * bp : better(bp);
        if (curV[fs] + yc > best) {
          best = curV[fs] + yc;
          from = fs;
          isNew = true;
        }
      }
      if (from >= 0 && !isNew) {
        copyPath(to, from);
        nxtEnd[to] = t + 1;
        nxtSum[to] = curSum[from] + yc;
      } else if (from >= 0) {
        int chain = curChain[from];
        if (curStart[from] >= 0) {
          if (pushed[from] == -2) {
            pushed[from] =
                trace.push(lastUnit[p], curStart[from], curEnd[from], curSum[from], false, chain);
          }
          chain = pushed[from];
        }
        nxtChain[to] = chain;
        nxtStart[to] = t;
        nxtEnd[to] = t + 1;
        nxtSum[to] = yc;
      }
    }
    if (from < 0) {
      noPath(to);
    }
    nxtV[to] = best;
  }

  /** The state (2e or 2e + 1) of previous-beam entry e with the larger Viterbi score. */
  private int better(int e) {
    return curV[2 * e + 1] > curV[2 * e] ? 2 * e + 1 : 2 * e;
  }

  private void copyPath(int to, int from) {
    nxtChain[to] = curChain[from];
    nxtStart[to] = curStart[from];
    nxtEnd[to] = curEnd[from];
    nxtSum[to] = curSum[from];
  }

  private void noPath(int to) {
    nxtV[to] = Double.NEGATIVE_INFINITY;
    nxtChain[to] = UnitTrace.NONE;
    nxtStart[to] = -1;
    nxtEnd[to] = -1;
    nxtSum[to] = 0;
  }

  private void swapPaths() {
    double[] v = curV;
    curV = nxtV;
    nxtV = v;
    int[] c = curChain;
    curChain = nxtChain;
    nxtChain = c;
    int[] st = curStart;
    curStart = nxtStart;
    nxtStart = st;
    int[] e = curEnd;
    curEnd = nxtEnd;
    nxtEnd = e;
    double[] sm = curSum;
    curSum = nxtSum;
    nxtSum = sm;
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
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
    if (nodes == beamOfNode.length) {
      int old = beamOfNode.length;
      beamOfNode = Arrays.copyOf(beamOfNode, old * 2);
      Arrays.fill(beamOfNode, old, old * 2, -1);
    }
    int id = nodes++;
    parent[id] = p;
    lastUnit[id] = u;
    length[id] = length[p] + 1;
    children.put(ext, id, -1);
    return id;
  }

  private List<Hypothesis> results() {
    double[] total = candTotal;
    int[] idx = order;
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
      out.add(new Hypothesis(u, List.of(), total[b], total[b], 0, spans(b, u.length), List.of()));
    }
    if (out.isEmpty()) {
      out.add(new Hypothesis(new int[0], List.of(), Double.NEGATIVE_INFINITY, 0, 0));
    }
    return out;
  }

  /** The unit spans of beam entry b's best path (its better state), in order. */
  private List<Span> spans(int b, int n) {
    int st = curV[2 * b + 1] > curV[2 * b] ? 2 * b + 1 : 2 * b;
    Span[] out = new Span[n];
    int j = n - 1;
    if (curStart[st] >= 0) {
      out[j--] = span(curStart[st], curEnd[st], curSum[st]);
    }
    for (int r = curChain[st]; r != UnitTrace.NONE; r = trace.parent(r)) {
      out[j--] = span(trace.start(r), trace.end(r), trace.logSum(r));
    }
    Checks.checkArgument(j == -1, "internal: the best path of a %s-unit prefix is too short", n);
    return Arrays.asList(out);
  }

  private static Span span(int start, int end, double logSum) {
    return new Span(start, end, UnitTrace.confidence(logSum, end - start));
  }
}

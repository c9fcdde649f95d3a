package org.asrnas.nas.ctc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.io.AtomicFiles;
import org.asrnas.core.text.TextFiles;

/**
 * The denominator graph of CTC-CRF: the composition {@code T o G} of the CTC topology {@code T}
 * with the phone LM {@code G} ({@link PhoneLm}), as CAT builds it with {@code fstcompose T_den.fst
 * phone_lm.fst}. A path consumes one unit per frame (its input label, blank included); the sum of
 * its arc weights is {@code ln p_LM(B(pi))} including the final weight, so the forward-backward sum
 * over all paths of T frames is {@code Z(x)}.
 *
 * <p>{@code T} is CAT's "corrected" CTC topology: state 0 (after a blank, and the start) and one
 * state per unit {@code k} (after emitting {@code k}); arcs {@code 0 -blank:eps-> 0}, {@code 0
 * -k:k-> k}, {@code k -k:eps-> k} (a repeat emits nothing), {@code k -blank:eps-> 0} and {@code k
 * -j:j-> j} for {@code j != k}; every state final with weight 1. Because {@code G} is deterministic
 * and epsilon-free, every unit sequence of T frames follows at most one path, and the states of
 * {@code T o G} are the reachable pairs (topology state, LM state); states that cannot reach a
 * final state are removed, as {@code fstcompose}'s connect does.
 *
 * <p>Text form: OpenFst's AT&amp;T format with numeric labels as CAT writes them, input label =
 * unit id + 1 (OpenFst reserves 0 for epsilon), output label = unit id (0 = epsilon), weight =
 * {@code -ln} of the LM probability; the start state is 0 and comes first.
 *
 * <p>Over 400 lines because composition, pruning, the text format and the blank/unit pair detection
 * that the fast forward pass of {@link CtcCrfLoss} relies on all work on the same compressed arc
 * arrays, which stay private to this class.
 */
public final class DenominatorGraph {
  private final int vocab;
  private final int numStates;
  // arcs in source order
  private final int[] src;
  private final int[] dst;
  private final int[] ilabel;
  private final int[] olabel;
  private final double[] logWeight;
  private final double[] finalLogWeight;
  // incoming arcs grouped by destination (forward), outgoing by source (backward); linear weights
  final int[] inStart;
  final int[] inSrc;
  final double[] inWeight;
  final int[] outStart;
  final int[] outDst;
  final int[] outLabel;
  final double[] outWeight;
  final double[] finalWeight;
  // the input label of every arc that enters a state (-1: no arc enters it)
  final int[] stateLabel;

  private DenominatorGraph(
      int vocab,
      int numStates,
      int[] src,
      int[] dst,
      int[] ilabel,
      int[] olabel,
      double[] logWeight,
      double[] finalLogWeight) {
    this(vocab, numStates, src, dst, ilabel, olabel, logWeight, finalLogWeight, true);
  }

  private DenominatorGraph(
      int vocab,
      int numStates,
      int[] src,
      int[] dst,
      int[] ilabel,
      int[] olabel,
      double[] logWeight,
      double[] finalLogWeight,
      boolean usePairs) {
    this.vocab = vocab;
    this.numStates = numStates;
    this.src = src;
    this.dst = dst;
    this.ilabel = ilabel;
    this.olabel = olabel;
    this.logWeight = logWeight;
    this.finalLogWeight = finalLogWeight;
    int m = src.length;
    inStart = new int[numStates + 1];
    outStart = new int[numStates + 1];
    for (int a = 0; a < m; a++) {
      inStart[dst[a] + 1]++;
      outStart[src[a] + 1]++;
    }
    for (int s = 0; s < numStates; s++) {
      inStart[s + 1] += inStart[s];
      outStart[s + 1] += outStart[s];
    }
    inSrc = new int[m];
    inWeight = new double[m];
    outDst = new int[m];
    outLabel = new int[m];
    outWeight = new double[m];
    int[] inFill = Arrays.copyOf(inStart, numStates);
    int[] outFill = Arrays.copyOf(outStart, numStates);
    for (int a = 0; a < m; a++) {
      int i = inFill[dst[a]]++;
      inSrc[i] = src[a];
      inWeight[i] = Math.exp(logWeight[a]);
      int o = outFill[src[a]]++;
      outDst[o] = dst[a];
      outLabel[o] = ilabel[a];
      outWeight[o] = Math.exp(logWeight[a]);
    }
    finalWeight = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      finalWeight[s] = Math.exp(finalLogWeight[s]);
    }
    // In T o G every arc into a state carries the same unit (the topology state is "after
    // emitting k" or "after blank"), so the emission factors out of the sums per state.
    stateLabel = new int[numStates];
    Arrays.fill(stateLabel, -1);
    for (int a = 0; a < m; a++) {
      if (stateLabel[dst[a]] >= 0 && stateLabel[dst[a]] != ilabel[a]) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "state %d is entered by arcs with input units %d and %d; a CTC-CRF denominator"
                    + " graph (CTC topology o phone LM) enters each state with one unit",
                dst[a],
                stateLabel[dst[a]],
                ilabel[a]));
      }
      stateLabel[dst[a]] = ilabel[a];
    }
    pairs = usePairs ? Pairs.detect(this) : null;
  }

  /**
   * The structure of {@code T o G} that halves the work of the forward-backward: every state
   * entered by a unit {@code k} (a "unit state") has a self-loop {@code k}, a blank arc of weight 1
   * to its "twin" (the state after a blank at the same LM state, which is entered only by blanks
   * and has a blank self-loop of weight 1), and exactly the twin's other arcs except the one with
   * unit {@code k}. So the twin's arcs can be summed once for both. Null when the graph does not
   * have this form (the recursion then visits every arc).
   */
  final Pairs pairs;

  /** See {@link #pairs}. */
  static final class Pairs {
    /** Per blank state: its unit-state twin, or -1. */
    final int[] twin;

    /** Blank states, and per blank state its arcs other than the self-loop (CSR, label order). */
    final int[] blanks;

    final int[] arcStart;
    final int[] arcDst;
    final double[] arcWeight;
    final int[] arcLabel;

    /** Per blank state: index in its arc list of the arc its twin lacks (label = twin's), or -1. */
    final int[] excluded;

    /**
     * Per unit state: incoming arcs from blank states (CSR), and whether the source's twin lacks
     * the arc (then only the blank state's own forward value flows).
     */
    final int[] units;

    final int[] inStart;
    final int[] inSrc;
    final double[] inWeight;
    final boolean[] inBlankOnly;

    private Pairs(
        int[] twin,
        int[] blanks,
        int[] arcStart,
        int[] arcDst,
        double[] arcWeight,
        int[] arcLabel,
        int[] excluded,
        int[] units,
        int[] inStart,
        int[] inSrc,
        double[] inWeight,
        boolean[] inBlankOnly) {
      this.twin = twin;
      this.blanks = blanks;
      this.arcStart = arcStart;
      this.arcDst = arcDst;
      this.arcWeight = arcWeight;
      this.arcLabel = arcLabel;
      this.excluded = excluded;
      this.units = units;
      this.inStart = inStart;
      this.inSrc = inSrc;
      this.inWeight = inWeight;
      this.inBlankOnly = inBlankOnly;
    }

    static Pairs detect(DenominatorGraph g) {
      int n = g.numStates;
      int[] label = g.stateLabel;
      int[] twin = new int[n];
      int[] blankOf = new int[n];
      Arrays.fill(twin, -1);
      Arrays.fill(blankOf, -1);
      List<Integer> blanks = new ArrayList<>();
      List<Integer> units = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        if (label[s] < 0) {
          return null;
        }
        (label[s] == 0 ? blanks : units).add(s);
      }
      for (int b : blanks) {
        if (!blankStateFits(g, b)) {
          return null;
        }
      }
      for (int t : units) {
        if (!pairUnitState(g, t, twin, blankOf)) {
          return null;
        }
      }
      return build(g, blanks, units, twin);
    }

    /** A blank state: one blank self-loop of weight 1, no other blank arc, one arc per unit. */
    private static boolean blankStateFits(DenominatorGraph g, int b) {
      int self = 0;
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int o = g.outStart[b]; o < g.outStart[b + 1]; o++) {
        if (g.outLabel[o] == 0) {
          if (g.outDst[o] != b || g.outWeight[o] != 1) {
            return false;
          }
          self++;
        } else if (!seen.add(g.outLabel[o])) {
          return false;
        }
      }
      return self == 1;
    }

    /**
     * A unit state: a self-loop, a blank arc (weight 1) to its twin blank state, and the twin's
     * other arcs; records the pair in {@code twin} and {@code blankOf}.
     */
    private static boolean pairUnitState(DenominatorGraph g, int t, int[] twin, int[] blankOf) {
      int k = g.stateLabel[t];
      int self = 0;
      int other = 0;
      for (int o = g.outStart[t]; o < g.outStart[t + 1]; o++) {
        int l = g.outLabel[o];
        if (l == k) {
          if (g.outDst[o] != t || g.outWeight[o] != 1 || self++ > 0) {
            return false;
          }
        } else if (l == 0) {
          int b = g.outDst[o];
          if (g.outWeight[o] != 1 || blankOf[t] >= 0 || twin[b] >= 0) {
            return false;
          }
          blankOf[t] = b;
          twin[b] = t;
        } else {
          other++;
        }
      }
      int b = blankOf[t];
      return self == 1 && b >= 0 && sharesOtherArcs(g, t, b, other);
    }

    /**
     * Whether unit state {@code t} and its twin {@code b} have the same {@code other} arcs on
     * labels other than blank and {@code t}'s own unit (same destination and weight).
     */
    private static boolean sharesOtherArcs(DenominatorGraph g, int t, int b, int other) {
      int k = g.stateLabel[t];
      int shared = 0;
      for (int o = g.outStart[t]; o < g.outStart[t + 1]; o++) {
        int l = g.outLabel[o];
        if (l == k || l == 0) {
          continue;
        }
        boolean match = false;
        for (int p = g.outStart[b]; p < g.outStart[b + 1]; p++) {
          if (g.outLabel[p] == l) {
            match = g.outDst[p] == g.outDst[o] && g.outWeight[p] == g.outWeight[o];
            break;
          }
        }
        if (!match) {
          return false;
        }
        shared++;
      }
      int twinOthers = 0;
      for (int p = g.outStart[b]; p < g.outStart[b + 1]; p++) {
        int l = g.outLabel[p];
        twinOthers += l != 0 && l != k ? 1 : 0;
      }
      return shared == other && twinOthers == other;
    }

    /** The pair tables of a graph that passed the checks. */
    private static Pairs build(
        DenominatorGraph g, List<Integer> blanks, List<Integer> units, int[] twin) {
      int n = g.numStates;
      int[] label = g.stateLabel;
      int nb = blanks.size();
      int[] blankIds = blanks.stream().mapToInt(Integer::intValue).toArray();
      int[] arcStart = new int[nb + 1];
      List<Integer> arcs = new ArrayList<>();
      int[] excluded = new int[nb];
      for (int i = 0; i < nb; i++) {
        int b = blankIds[i];
        List<Integer> own = new ArrayList<>();
        for (int o = g.outStart[b]; o < g.outStart[b + 1]; o++) {
          if (g.outLabel[o] != 0) {
            own.add(o);
          }
        }
        own.sort(java.util.Comparator.comparingInt(o -> g.outLabel[o]));
        excluded[i] = -1;
        for (int j = 0; j < own.size(); j++) {
          if (twin[b] >= 0 && g.outLabel[own.get(j)] == label[twin[b]]) {
            excluded[i] = j;
          }
        }
        arcs.addAll(own);
        arcStart[i + 1] = arcs.size();
      }
      int[] arcDst = new int[arcs.size()];
      double[] arcWeight = new double[arcs.size()];
      int[] arcLabel = new int[arcs.size()];
      for (int j = 0; j < arcs.size(); j++) {
        arcDst[j] = g.outDst[arcs.get(j)];
        arcWeight[j] = g.outWeight[arcs.get(j)];
        arcLabel[j] = g.outLabel[arcs.get(j)];
      }
      int nu = units.size();
      int[] unitIds = units.stream().mapToInt(Integer::intValue).toArray();
      int[] inStart = new int[nu + 1];
      List<Integer> in = new ArrayList<>();
      for (int i = 0; i < nu; i++) {
        int d = unitIds[i];
        for (int e = g.inStart[d]; e < g.inStart[d + 1]; e++) {
          if (label[g.inSrc[e]] == 0) {
            in.add(e);
          }
        }
        inStart[i + 1] = in.size();
      }
      int[] inSrc = new int[in.size()];
      double[] inWeight = new double[in.size()];
      boolean[] blankOnly = new boolean[in.size()];
      for (int i = 0; i < nu; i++) {
        for (int j = inStart[i]; j < inStart[i + 1]; j++) {
          int e = in.get(j);
          int b = g.inSrc[e];
          inWeight[j] = g.inWeight[e];
          blankOnly[j] = twin[b] >= 0 && label[twin[b]] == label[unitIds[i]];
          // index into the forward pass's source values: b alone, or n + b for b with its twin
          inSrc[j] = blankOnly[j] ? b : n + b;
        }
      }
      return new Pairs(
          twin, blankIds, arcStart, arcDst, arcWeight, arcLabel, excluded, unitIds, inStart, inSrc,
          inWeight, blankOnly);
    }
  }

  /** Builds {@code T o G} for the units of {@code lm} (blank = 0). */
  public static DenominatorGraph compose(PhoneLm lm) {
    int lmStates = lm.numStates();
    Map<Long, Integer> ids = new HashMap<>();
    List<long[]> pairs = new ArrayList<>(); // (topology state, LM state)
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    List<int[]> arcs = new ArrayList<>(); // src, dst, ilabel, olabel
    List<Double> weights = new ArrayList<>();
    java.util.function.BiFunction<Integer, Integer, Integer> idOf =
        (c, g) -> {
          long key = (long) c * lmStates + g;
          Integer id = ids.get(key);
          if (id == null) {
            id = pairs.size();
            ids.put(key, id);
            pairs.add(new long[] {c, g});
            queue.add(id);
          }
          return id;
        };
    idOf.apply(0, lm.start());
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int c = (int) pairs.get(s)[0];
      int g = (int) pairs.get(s)[1];
      if (c == 0) {
        arcs.add(new int[] {s, s, 0, 0});
        weights.add(0.0);
      } else {
        arcs.add(new int[] {s, s, c, 0});
        weights.add(0.0);
        arcs.add(new int[] {s, idOf.apply(0, g), 0, 0});
        weights.add(0.0);
      }
      int[] labels = lm.labels(g);
      double[] lps = lm.logProbs(g);
      int[] next = lm.next(g);
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] != c) {
          arcs.add(new int[] {s, idOf.apply(labels[i], next[i]), labels[i], labels[i]});
          weights.add(lps[i]);
        }
      }
    }
    double[] fin = new double[pairs.size()];
    for (int s = 0; s < fin.length; s++) {
      fin[s] = lm.finalLogProb((int) pairs.get(s)[1]);
    }
    return trimmed(lm.vocab(), pairs.size(), arcs, weights, fin);
  }

  /** Keeps the states that are reachable and can reach a final state, renumbered in order. */
  private static DenominatorGraph trimmed(
      int vocab, int n, List<int[]> arcs, List<Double> weights, double[] fin) {
    List<List<Integer>> rev = new ArrayList<>();
    List<List<Integer>> fwd = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      rev.add(new ArrayList<>());
      fwd.add(new ArrayList<>());
    }
    for (int[] a : arcs) {
      rev.get(a[1]).add(a[0]);
      fwd.get(a[0]).add(a[1]);
    }
    boolean[] reach = new boolean[n];
    ArrayDeque<Integer> q = new ArrayDeque<>();
    reach[0] = true;
    q.add(0);
    while (!q.isEmpty()) {
      for (int d : fwd.get(q.poll())) {
        if (!reach[d]) {
          reach[d] = true;
          q.add(d);
        }
      }
    }
    boolean[] co = new boolean[n];
    for (int s = 0; s < n; s++) {
      if (fin[s] != Double.NEGATIVE_INFINITY) {
        co[s] = true;
        q.add(s);
      }
    }
    while (!q.isEmpty()) {
      for (int p : rev.get(q.poll())) {
        if (!co[p]) {
          co[p] = true;
          q.add(p);
        }
      }
    }
    int[] map = new int[n];
    int m = 0;
    for (int s = 0; s < n; s++) {
      map[s] = reach[s] && co[s] ? m++ : -1;
    }
    Checks.checkArgument(m > 0 && map[0] == 0, "the graph accepts no sequence");
    List<Integer> keep = new ArrayList<>();
    for (int a = 0; a < arcs.size(); a++) {
      if (map[arcs.get(a)[0]] >= 0 && map[arcs.get(a)[1]] >= 0) {
        keep.add(a);
      }
    }
    int k = keep.size();
    int[] src = new int[k];
    int[] dst = new int[k];
    int[] il = new int[k];
    int[] ol = new int[k];
    double[] w = new double[k];
    for (int i = 0; i < k; i++) {
      int[] a = arcs.get(keep.get(i));
      src[i] = map[a[0]];
      dst[i] = map[a[1]];
      il[i] = a[2];
      ol[i] = a[3];
      w[i] = weights.get(keep.get(i));
    }
    double[] f = new double[m];
    for (int s = 0; s < n; s++) {
      if (map[s] >= 0) {
        f[map[s]] = fin[s];
      }
    }
    return new DenominatorGraph(vocab, m, src, dst, il, ol, w, f);
  }

  /** The same graph with the recursion over every arc (no {@link #pairs}), for tests. */
  DenominatorGraph arcsOnly() {
    return new DenominatorGraph(
        vocab, numStates, src, dst, ilabel, olabel, logWeight, finalLogWeight, false);
  }

  /** Units including blank. */
  public int vocab() {
    return vocab;
  }

  public int numStates() {
    return numStates;
  }

  public int numArcs() {
    return src.length;
  }

  /** The start state (always 0). */
  public int start() {
    return 0;
  }

  /**
   * The weight {@code ln p_LM(B(pi))} of the path that the frame-level unit sequence {@code path}
   * (blank = 0) follows, including the final weight; negative infinity when there is none.
   */
  public double pathLogWeight(int[] path) {
    int s = 0;
    double w = 0;
    for (int k : path) {
      int found = -1;
      for (int o = outStart[s]; o < outStart[s + 1]; o++) {
        if (outLabel[o] == k) {
          found = o;
          break;
        }
      }
      if (found < 0) {
        return Double.NEGATIVE_INFINITY;
      }
      w += Math.log(outWeight[found]);
      s = outDst[found];
    }
    return w + finalLogWeight[s];
  }

  /** Writes the graph in AT&amp;T text format (see the class comment). */
  public void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>(src.length + numStates);
    for (int a = 0; a < src.length; a++) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%d\t%d\t%d\t%d\t%s",
              src[a],
              dst[a],
              ilabel[a] + 1,
              olabel[a],
              PhoneLm.weight(logWeight[a])));
    }
    for (int s = 0; s < numStates; s++) {
      if (finalLogWeight[s] != Double.NEGATIVE_INFINITY) {
        lines.add(String.format(Locale.ROOT, "%d\t%s", s, PhoneLm.weight(finalLogWeight[s])));
      }
    }
    AtomicFiles.writeLines(file, lines);
  }

  /**
   * One arc line {@code src dst ilabel olabel weight} checked against the start state and the unit
   * set: {@code {src, dst, unit, olabel}}.
   */
  private static int[] arc(
      Path file, int lineNo, String line, String[] f, int vocab, Path unitsFile, boolean first)
      throws AsrInputException {
    int s = Integer.parseInt(f[0]);
    int d = Integer.parseInt(f[1]);
    int il = Integer.parseInt(f[2]);
    int ol = Integer.parseInt(f[3]);
    if (s < 0 || d < 0) {
      throw AsrInputException.atLine(file, lineNo, "negative state in: " + line);
    }
    if (first && s != 0) {
      throw AsrInputException.atLine(file, lineNo, "the start state (first arc) must be 0");
    }
    if (il == 0) {
      throw AsrInputException.atLine(
          file, lineNo, "epsilon input label: every arc must consume a frame");
    }
    if (il < 1 || il > vocab || ol < 0 || ol >= vocab) {
      throw AsrInputException.atLine(
          file,
          lineNo,
          String.format(
              Locale.ROOT,
              "labels %d:%d do not fit the %d units of %s (input labels 1..%d = unit + 1,"
                  + " output labels 0..%d); the graph belongs to another unit set: delete %s"
                  + " to build it again",
              il,
              ol,
              vocab,
              unitsFile,
              vocab,
              vocab - 1,
              file));
    }
    return new int[] {s, d, il - 1, ol};
  }

  /**
   * Reads a graph in the text form of {@link #write} for {@code vocab} units (blank included):
   * input labels must be 1..vocab, output labels 0..vocab-1, no epsilon inputs, start state 0.
   * Problems name {@code file}, and {@code unitsFile} when the labels do not fit its units.
   */
  public static DenominatorGraph read(Path file, int vocab, Path unitsFile)
      throws IOException, AsrInputException {
    List<String> lines = TextFiles.readAllLines(file);
    List<int[]> arcs = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    Map<Integer, Double> finals = new HashMap<>();
    int maxState = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      try {
        if (f.length == 5) {
          int[] arc = arc(file, i + 1, line, f, vocab, unitsFile, arcs.isEmpty());
          arcs.add(arc);
          weights.add(-Double.parseDouble(f[4]));
          maxState = Math.max(maxState, Math.max(arc[0], arc[1]));
        } else if (f.length == 1 || f.length == 2) {
          int s = Integer.parseInt(f[0]);
          if (s < 0) {
            throw AsrInputException.atLine(file, i + 1, "negative state in: " + line);
          }
          finals.put(s, f.length == 1 ? 0.0 : -Double.parseDouble(f[1]));
          maxState = Math.max(maxState, s);
        } else {
          throw AsrInputException.atLine(
              file, i + 1, "expected 'src dst ilabel olabel weight' or 'state weight': " + line);
        }
      } catch (NumberFormatException e) {
        throw AsrInputException.atLine(file, i + 1, "not a number in: " + line);
      }
    }
    if (arcs.isEmpty()) {
      throw AsrInputException.inFile(file, "no arcs: not a denominator graph");
    }
    int n = maxState + 1;
    int m = arcs.size();
    int[] src = new int[m];
    int[] dst = new int[m];
    int[] il = new int[m];
    int[] ol = new int[m];
    double[] w = new double[m];
    for (int a = 0; a < m; a++) {
      int[] x = arcs.get(a);
      src[a] = x[0];
      dst[a] = x[1];
      il[a] = x[2];
      ol[a] = x[3];
      w[a] = weights.get(a);
    }
    double[] fin = new double[n];
    for (int s = 0; s < n; s++) {
      fin[s] = finals.getOrDefault(s, Double.NEGATIVE_INFINITY);
    }
    try {
      return new DenominatorGraph(vocab, n, src, dst, il, ol, w, fin);
    } catch (IllegalArgumentException e) {
      throw AsrInputException.inFile(file, e.getMessage());
    }
  }
}

package org.asrnas.nas.ctc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.io.AtomicFiles;
import org.asrnas.core.text.TextFiles;
import org.asrnas.core.text.Units;

/**
 * A phone (unit) n-gram language model as a deterministic, epsilon-free acceptor: the prior {@code
 * p_LM(l)} of the CTC-CRF loss (Xiang &amp; Ou, ICASSP 2019) and the LM side of its denominator
 * graph.
 *
 * <p>Estimated as Kaldi's {@code chain-est-phone-lm}, which CAT uses for CTC-CRF: maximum
 * likelihood without smoothing and with "hard" back-off. A history state is a context of at most
 * {@code order - 1} units (sentence starts padded with a begin marker); every context of fewer than
 * {@code noPruneOrder} units that occurs keeps its own state, and of the longer ones only the
 * {@code extraStates} with the highest counts (count of the events they precede; ties: shorter,
 * then lexicographically smaller first) do. An n-gram's events are counted at the longest kept
 * suffix of its history, {@code s(h)}, and {@code P(u | s) = c(s, u) / c(s)}, {@code P(</s> | s)}
 * the same with the end of sentence, which becomes the state's final weight. From state {@code s}
 * unit {@code u} leads to the longest kept suffix of {@code s u}. The kept set is closed under
 * prefixes and suffixes (the order above ranks both before the context), so this equals {@code s(h
 * u)} for every history {@code h} of {@code s} and the acceptor assigns each training sentence
 * exactly the probability its counts give. Contexts never back off below one unit, as in Kaldi.
 * Unseen n-grams have probability 0 (no smoothing, by design: it keeps the denominator graph
 * small); {@link #logProb} is then negative infinity.
 *
 * <p>Over 400 lines because estimation, scoring and the text format (read with line-numbered
 * errors) share the acceptor's arrays.
 */
public final class PhoneLm {
  /**
   * Estimation options.
   *
   * @param order n-gram order (2-6; CAT: 4)
   * @param noPruneOrder contexts of fewer than this many units are never pruned (Kaldi's {@code
   *     --no-prune-ngram-order}, default 3; capped at {@code order})
   * @param extraStates how many longer contexts keep a state (Kaldi's {@code
   *     --num-extra-lm-states}, default 1000)
   */
  public record Options(int order, int noPruneOrder, int extraStates) {
    public Options {
      Checks.checkArgument(order >= 2 && order <= 6, "phone LM order must be 2-6, got %s", order);
      Checks.checkArgument(
          noPruneOrder >= 2 && noPruneOrder <= order,
          "noPruneOrder must be in [2, order=%s], got %s",
          order,
          noPruneOrder);
      Checks.checkArgument(extraStates >= 0, "extraStates must be >= 0, got %s", extraStates);
    }

    /** Kaldi's defaults for {@code order}: no pruning below trigrams, 1000 extra states. */
    public static Options of(int order) {
      return new Options(order, Math.min(3, order), 1000);
    }
  }

  private final int vocab;
  private final int start;
  // per state: the arcs' units (ascending), natural-log probabilities and destinations
  private final int[][] labels;
  private final double[][] logProbs;
  private final int[][] next;
  private final double[] finalLogProbs;

  private PhoneLm(
      int vocab,
      int start,
      int[][] labels,
      double[][] logProbs,
      int[][] next,
      double[] finalLogProbs) {
    this.vocab = vocab;
    this.start = start;
    this.labels = labels;
    this.logProbs = logProbs;
    this.next = next;
    this.finalLogProbs = finalLogProbs;
  }

  /** Units including blank (the blank, id 0, never labels an arc). */
  public int vocab() {
    return vocab;
  }

  public int numStates() {
    return labels.length;
  }

  public int numArcs() {
    int n = 0;
    for (int[] l : labels) {
      n += l.length;
    }
    return n;
  }

  public int start() {
    return start;
  }

  /** Units of the arcs leaving {@code state}, ascending. */
  public int[] labels(int state) {
    return labels[state].clone();
  }

  /** ln P(unit | state) of the arcs leaving {@code state}, in the order of {@link #labels}. */
  public double[] logProbs(int state) {
    return logProbs[state].clone();
  }

  /** Destinations of the arcs leaving {@code state}. */
  public int[] next(int state) {
    return next[state].clone();
  }

  /** ln P(end of sentence | state); negative infinity when the state is not final. */
  public double finalLogProb(int state) {
    return finalLogProbs[state];
  }

  /**
   * ln p_LM(l): the arcs along {@code sentence} (unit ids 1..vocab-1) plus the final weight;
   * negative infinity when it holds an n-gram the model has not seen.
   */
  public double logProb(int[] sentence) {
    int s = start;
    double lp = 0;
    for (int u : sentence) {
      int i = Arrays.binarySearch(labels[s], u);
      if (i < 0) {
        return Double.NEGATIVE_INFINITY;
      }
      lp += logProbs[s][i];
      s = next[s][i];
    }
    return lp + finalLogProbs[s];
  }

  /**
   * Estimates the model from unit sequences (each unit in 1..vocab-1; empty sentences count only
   * their end).
   */
  public static PhoneLm estimate(List<int[]> sentences, int vocab, Options options) {
    Checks.checkArgument(vocab >= 2, "vocab must include the blank and one unit, got %s", vocab);
    Checks.checkArgument(!sentences.isEmpty(), "no sentences to estimate a phone LM from");
    int h = options.order() - 1;
    int end = vocab; // the end-of-sentence event, not a unit
    Map<Context, Map<Integer, Integer>> counts = historyCounts(sentences, vocab, h);
    Set<Context> kept = keptContexts(counts, h, options);
    // states: the longest kept suffix of every occurring history, numbered breadth-first from the
    // start so that the output is deterministic and the start is state 0
    Map<Context, Map<Integer, Long>> stateCounts = new HashMap<>();
    for (Map.Entry<Context, Map<Integer, Integer>> e : counts.entrySet()) {
      Map<Integer, Long> sc =
          stateCounts.computeIfAbsent(longestKept(e.getKey().units, kept), k -> new HashMap<>());
      e.getValue().forEach((w, c) -> sc.merge(w, (long) c, Long::sum));
    }
    Context startCtx = longestKept(new int[h], kept);
    Map<Context, Integer> ids = new HashMap<>();
    List<Context> order = new ArrayList<>();
    ArrayDeque<Context> queue = new ArrayDeque<>();
    ids.put(startCtx, 0);
    order.add(startCtx);
    queue.add(startCtx);
    List<int[]> labelList = new ArrayList<>();
    List<double[]> probList = new ArrayList<>();
    List<Context[]> nextCtx = new ArrayList<>();
    List<Double> finals = new ArrayList<>();
    while (!queue.isEmpty()) {
      Context s = queue.poll();
      Map<Integer, Long> sc = stateCounts.get(s);
      long total = 0;
      for (long c : sc.values()) {
        total += c;
      }
      int[] units =
          sc.keySet().stream().filter(w -> w != end).mapToInt(Integer::intValue).sorted().toArray();
      double[] lp = new double[units.length];
      Context[] dest = new Context[units.length];
      for (int i = 0; i < units.length; i++) {
        lp[i] = Math.log(sc.get(units[i]) / (double) total);
        int[] ext = Arrays.copyOf(s.units, s.units.length + 1);
        ext[s.units.length] = units[i];
        int[] trimmed = ext.length > h ? Arrays.copyOfRange(ext, ext.length - h, ext.length) : ext;
        dest[i] = longestKept(trimmed, kept);
        if (ids.putIfAbsent(dest[i], order.size()) == null) {
          order.add(dest[i]);
          queue.add(dest[i]);
        }
      }
      Long fc = sc.get(end);
      labelList.add(units);
      probList.add(lp);
      nextCtx.add(dest);
      finals.add(fc == null ? Double.NEGATIVE_INFINITY : Math.log(fc / (double) total));
    }
    int n = order.size();
    int[][] labels = labelList.toArray(new int[0][]);
    double[][] probs = probList.toArray(new double[0][]);
    int[][] next = new int[n][];
    double[] fin = new double[n];
    for (int s = 0; s < n; s++) {
      Context[] d = nextCtx.get(s);
      next[s] = new int[d.length];
      for (int i = 0; i < d.length; i++) {
        next[s][i] = ids.get(d[i]);
      }
      fin[s] = finals.get(s);
    }
    return new PhoneLm(vocab, 0, labels, probs, next, fin);
  }

  /**
   * Counts of (full history, event) over the sentences; the history is padded with 0 (begin of
   * sentence) and the end of a sentence is the event {@code vocab}.
   */
  private static Map<Context, Map<Integer, Integer>> historyCounts(
      List<int[]> sentences, int vocab, int h) {
    int end = vocab;
    Map<Context, Map<Integer, Integer>> counts = new HashMap<>();
    for (int[] sent : sentences) {
      int[] hist = new int[h];
      for (int i = 0; i <= sent.length; i++) {
        int w = i < sent.length ? sent[i] : end;
        if (w != end) {
          Checks.checkArgument(w >= 1 && w < vocab, "unit %s not in [1, %s)", w, vocab);
        }
        counts
            .computeIfAbsent(new Context(hist.clone()), k -> new HashMap<>())
            .merge(w, 1, Integer::sum);
        System.arraycopy(hist, 1, hist, 0, h - 1);
        hist[h - 1] = w;
      }
    }
    return counts;
  }

  /**
   * The contexts that become states: every suffix shorter than {@code noPruneOrder}, and the {@code
   * extraStates} most frequent longer ones (ties: shorter first, then by units).
   */
  private static Set<Context> keptContexts(
      Map<Context, Map<Integer, Integer>> counts, int h, Options options) {
    // count of every suffix (length 1..h) of the occurring histories
    Map<Context, Long> contextCounts = new HashMap<>();
    for (Map.Entry<Context, Map<Integer, Integer>> e : counts.entrySet()) {
      long c = 0;
      for (int v : e.getValue().values()) {
        c += v;
      }
      int[] full = e.getKey().units;
      for (int k = 1; k <= h; k++) {
        contextCounts.merge(new Context(Arrays.copyOfRange(full, h - k, h)), c, Long::sum);
      }
    }
    Set<Context> kept = new HashSet<>();
    List<Map.Entry<Context, Long>> candidates = new ArrayList<>();
    for (Map.Entry<Context, Long> e : contextCounts.entrySet()) {
      if (e.getKey().units.length < options.noPruneOrder()) {
        kept.add(e.getKey());
      } else {
        candidates.add(e);
      }
    }
    candidates.sort(
        Comparator.comparing((Map.Entry<Context, Long> e) -> -e.getValue())
            .thenComparing(e -> e.getKey().units.length)
            .thenComparing(e -> e.getKey(), Context::compareTo));
    for (int i = 0; i < Math.min(options.extraStates(), candidates.size()); i++) {
      kept.add(candidates.get(i).getKey());
    }
    return kept;
  }

  /** The longest suffix of {@code ctx} in {@code kept} (always one of length >= 1 exists). */
  private static Context longestKept(int[] ctx, Set<Context> kept) {
    for (int k = ctx.length; k >= 1; k--) {
      Context c = new Context(Arrays.copyOfRange(ctx, ctx.length - k, ctx.length));
      if (kept.contains(c)) {
        return c;
      }
    }
    throw new IllegalStateException("no kept context for " + Arrays.toString(ctx));
  }

  /**
   * Writes the model in OpenFst's AT&amp;T text format as an acceptor with the unit symbols of
   * {@code units} as labels and {@code -ln P} as weights (start state first), compilable with
   * {@code fstcompile --acceptor --arc_type=log --isymbols=units.txt}.
   */
  public void write(Path file, Units units) throws IOException {
    Checks.checkArgument(
        units.size() == vocab, "units has %s entries, the phone LM %s", units.size(), vocab);
    List<String> lines = new ArrayList<>();
    for (int s = 0; s < labels.length; s++) {
      for (int i = 0; i < labels[s].length; i++) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%d\t%d\t%s\t%s",
                s,
                next[s][i],
                units.symbol(labels[s][i]),
                weight(logProbs[s][i])));
      }
    }
    for (int s = 0; s < labels.length; s++) {
      if (finalLogProbs[s] != Double.NEGATIVE_INFINITY) {
        lines.add(String.format(Locale.ROOT, "%d\t%s", s, weight(finalLogProbs[s])));
      }
    }
    AtomicFiles.writeLines(file, lines);
  }

  /** {@code -ln p} as OpenFst writes weights (shortest round-trip decimal, "0" for ln 1). */
  static String weight(double logProb) {
    double w = -logProb;
    return w == 0 ? "0" : Double.toString(w);
  }

  /**
   * Reads a model written by {@link #write}: every label must be a symbol of {@code units} other
   * than the blank, the start state is the first arc's source, the acceptor deterministic. Problems
   * name {@code file} (and {@code unitsFile} when a symbol does not match).
   */
  public static PhoneLm read(Path file, Units units, Path unitsFile)
      throws IOException, AsrInputException {
    List<String> lines = TextFiles.readAllLines(file);
    List<int[]> arcs = new ArrayList<>(); // src, dst, label
    List<Double> arcLp = new ArrayList<>();
    Map<Integer, Double> finals = new HashMap<>();
    int maxState = -1;
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      try {
        if (f.length == 4) {
          int src = state(f[0]);
          int dst = state(f[1]);
          arcs.add(new int[] {src, dst, unitLabel(file, i + 1, f[2], units, unitsFile)});
          arcLp.add(-Double.parseDouble(f[3]));
          start = start < 0 ? src : start;
          maxState = Math.max(maxState, Math.max(src, dst));
        } else if (f.length == 2 || f.length == 1) {
          int s = state(f[0]);
          finals.put(s, f.length == 1 ? 0.0 : -Double.parseDouble(f[1]));
          maxState = Math.max(maxState, s);
        } else {
          throw AsrInputException.atLine(
              file, i + 1, "expected 'src dst label weight' or 'state weight', got: " + line);
        }
      } catch (NumberFormatException e) {
        throw AsrInputException.atLine(file, i + 1, "not a number in: " + line);
      }
    }
    if (start < 0) {
      throw AsrInputException.inFile(file, "no arcs: not a phone LM");
    }
    int n = maxState + 1;
    List<List<Integer>> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      out.add(new ArrayList<>());
    }
    for (int a = 0; a < arcs.size(); a++) {
      out.get(arcs.get(a)[0]).add(a);
    }
    int[][] labels = new int[n][];
    double[][] lps = new double[n][];
    int[][] next = new int[n][];
    double[] fin = new double[n];
    for (int s = 0; s < n; s++) {
      List<Integer> o = out.get(s);
      o.sort(Comparator.comparingInt(a -> arcs.get(a)[2]));
      labels[s] = new int[o.size()];
      lps[s] = new double[o.size()];
      next[s] = new int[o.size()];
      for (int i = 0; i < o.size(); i++) {
        int[] a = arcs.get(o.get(i));
        labels[s][i] = a[2];
        lps[s][i] = arcLp.get(o.get(i));
        next[s][i] = a[1];
        if (i > 0 && labels[s][i] == labels[s][i - 1]) {
          throw AsrInputException.inFile(
              file,
              "state " + s + " has two arcs for '" + units.symbol(a[2]) + "': not deterministic");
        }
      }
      fin[s] = finals.getOrDefault(s, Double.NEGATIVE_INFINITY);
    }
    if (start != 0) {
      throw AsrInputException.inFile(file, "the start state (the first arc's source) must be 0");
    }
    return new PhoneLm(units.size(), 0, labels, lps, next, fin);
  }

  /** The unit id of an arc label, which must be a unit of {@code units} other than the blank. */
  private static int unitLabel(Path file, int lineNo, String label, Units units, Path unitsFile)
      throws AsrInputException {
    if (!units.contains(label) || units.id(label) == 0) {
      throw AsrInputException.atLine(
          file,
          lineNo,
          "label '"
              + label
              + "' is not a unit of "
              + unitsFile
              + "; the phone LM belongs to another unit set: delete "
              + file
              + " to estimate it again, or use the units.txt it was made with");
    }
    return units.id(label);
  }

  private static int state(String s) {
    int v = Integer.parseInt(s);
    if (v < 0) {
      throw new NumberFormatException(s);
    }
    return v;
  }

  /** A context: up to order-1 unit ids, 0 = begin of sentence. */
  private record Context(int[] units) implements Comparable<Context> {
    @Override
    public boolean equals(Object o) {
      return o instanceof Context c && Arrays.equals(units, c.units);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(units);
    }

    @Override
    public String toString() {
      return Arrays.toString(units);
    }

    @Override
    public int compareTo(Context o) {
      return Arrays.compare(units, o.units);
    }
  }
}

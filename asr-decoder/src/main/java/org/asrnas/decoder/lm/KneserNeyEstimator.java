package org.asrnas.decoder.lm;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.asrnas.core.Checks;
import org.asrnas.core.io.AtomicFiles;

/**
 * Estimates an interpolated modified Kneser-Ney n-gram model and writes it as ARPA, following Chen
 * and Goodman (1998, "An empirical study of smoothing techniques for language modeling", section
 * 3.5) as KenLM's {@code lmplz} implements it (Heafield et al. 2013):
 *
 * <ul>
 *   <li>adjusted counts a(·): raw counts for the highest order and for n-grams starting with {@code
 *       <s>}; for lower orders the number of distinct words seen to the left;
 *   <li>discounts per order from the counts-of-counts n1..n4 of a: Y = n1/(n1+2·n2), D1 =
 *       1−2Y·n2/n1, D2 = 2−3Y·n3/n2, D3+ = 3−4Y·n4/n3 (KenLM's {@code --discount_fallback} values
 *       0.5, 1, 1.5 when a count-of-count is zero or a discount falls outside its range, which
 *       happens on tiny corpora);
 *   <li>p(w|h) = (a(hw) − D(a(hw)))/Σa(h·) + γ(h)·p(w|h'), γ(h) = (D1·N1(h·) + D2·N2(h·) +
 *       D3+·N3+(h·))/Σa(h·), and for unigrams p(w|h') = 1/|V| (V: the vocabulary without {@code
 *       <s>}, including {@code </s>} and {@code <unk>}).
 * </ul>
 *
 * In ARPA form an unlisted word after h gets γ(h)·p(w|h'), so the back-off weight of h is γ(h)
 * exactly. Words outside an optional vocabulary are mapped to {@code <unk>}; vocabulary words never
 * seen get the uniform share only. BerkeleyLM 1.1.2 was tried first and rejected: its ARPA output
 * lacks the lower-order n-grams ending in {@code </s>} (e.g. {@code sat </s>} when {@code cat sat
 * </s>} is listed) and {@code <unk>}, so its conditional distributions do not sum to one.
 *
 * <p>Over 400 lines because counting, adjusted counts, discounts, interpolation and ARPA writing
 * are the successive steps of one estimate over the same count tables; each is a named method, and
 * a class per step would pass those tables around.
 */
public final class KneserNeyEstimator {
  /**
   * Options.
   *
   * @param order n-gram order (≥ 1)
   * @param vocabulary words to keep (others become {@code <unk>}); empty for every training word
   */
  public record Options(int order, Optional<Set<String>> vocabulary) {
    public Options {
      Checks.checkInRange(order, 1, 10, "order");
      vocabulary = vocabulary.map(Set::copyOf);
    }

    public static Options ofOrder(int order) {
      return new Options(order, Optional.empty());
    }

    public Options withVocabulary(Collection<String> words) {
      return new Options(order, Optional.of(Set.copyOf(words)));
    }
  }

  /**
   * What was estimated.
   *
   * @param sentences training sentences
   * @param tokens training words (without sentence ends)
   * @param unknownTokens words mapped to {@code <unk>} (outside the vocabulary)
   * @param ngramCounts listed n-grams per order (index 0 = unigrams)
   * @param discounts D1, D2, D3+ per order (index 0 = unigrams)
   * @param fallbackOrders orders that used the fallback discounts
   */
  public record Summary(
      long sentences,
      long tokens,
      long unknownTokens,
      long[] ngramCounts,
      double[][] discounts,
      List<Integer> fallbackOrders) {
    public Summary {
      ngramCounts = ngramCounts.clone();
      discounts = discounts.clone();
      fallbackOrders = List.copyOf(fallbackOrders);
    }

    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "%d sentences, %d words, %d mapped to <unk> (%.2f%%)%n",
              sentences,
              tokens,
              unknownTokens,
              tokens == 0 ? 0.0 : 100.0 * unknownTokens / tokens));
      for (int n = 0; n < ngramCounts.length; n++) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%d-grams: %d, discounts %.4f %.4f %.4f%s%n",
                n + 1,
                ngramCounts[n],
                discounts[n][0],
                discounts[n][1],
                discounts[n][2],
                fallbackOrders.contains(n + 1) ? " (fallback)" : ""));
      }
      return sb.toString();
    }
  }

  static final String BOS = "<s>";
  static final String EOS = "</s>";
  static final String UNK = "<unk>";
  private static final int BOS_ID = 0;

  /** An n-gram of word ids (hash cached). */
  private record Gram(int[] w, int hash) {
    static Gram of(int[] w) {
      return new Gram(w, Arrays.hashCode(w));
    }

    Gram suffix() {
      return of(Arrays.copyOfRange(w, 1, w.length));
    }

    Gram prefix() {
      return of(Arrays.copyOf(w, w.length - 1));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Gram g && g.hash == hash && Arrays.equals(g.w, w);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Per-context sums: Σa, and how many extensions have a = 1, 2, ≥3. */
  private static final class ContextStats {
    long total;
    long n1;
    long n2;
    long n3;
  }

  private final Options options;
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> words = new ArrayList<>();
  private final List<Map<Gram, long[]>> counts = new ArrayList<>();
  private long sentences;
  private long tokens;
  private long unknownTokens;
  private final int unkId;
  private final int eosId;

  public KneserNeyEstimator(Options options) {
    this.options = Checks.checkNotNull(options, "options");
    id(BOS);
    eosId = id(EOS);
    unkId = id(UNK);
    options.vocabulary().ifPresent(v -> v.stream().sorted().forEach(this::id));
    for (int n = 0; n < options.order(); n++) {
      counts.add(new HashMap<>());
    }
  }

  private int id(String w) {
    Integer i = ids.get(w);
    if (i == null) {
      i = words.size();
      ids.put(w, i);
      words.add(w);
    }
    return i;
  }

  /** Adds one training sentence (words without {@code <s>}/{@code </s>}). */
  public void add(List<String> sentence) {
    int m = sentence.size();
    int[] tok = new int[m + 2];
    tok[0] = BOS_ID;
    int k = 1;
    for (String w : sentence) {
      if (w.equals(BOS) || w.equals(EOS)) {
        continue;
      }
      tokens++;
      int id;
      if (options.vocabulary().isPresent() && !options.vocabulary().get().contains(w)) {
        unknownTokens++;
        id = unkId;
      } else {
        id = w.equals(UNK) ? unkId : id(w);
      }
      tok[k++] = id;
    }
    tok[k++] = eosId;
    sentences++;
    int order = options.order();
    // Raw counts for the highest order and for n-grams that start at <s>.
    for (int end = 1; end < k; end++) {
      for (int n = 1; n <= order && end - n + 1 >= 0; n++) {
        int start = end - n + 1;
        if (n == order || start == 0) {
          Gram g = Gram.of(Arrays.copyOfRange(tok, start, end + 1));
          counts.get(n - 1).computeIfAbsent(g, x -> new long[1])[0]++;
        }
      }
    }
  }

  /** Estimates the model and writes it to {@code out} (atomically: temp file + rename). */
  public Summary write(Path out) throws IOException {
    Summary[] s = new Summary[1];
    AtomicFiles.write(
        out,
        os -> {
          Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
          s[0] = write(w);
          w.flush();
        });
    return s[0];
  }

  /** Estimates the model and writes ARPA text. */
  public Summary write(Writer out) throws IOException {
    int order = options.order();
    addContinuationCounts(order);
    List<Integer> fallback = new ArrayList<>();
    double[][] discounts = orderDiscounts(order, fallback);
    List<Map<Gram, ContextStats>> ctx = contextStats(order);
    List<Map<Gram, Double>> prob = probabilities(order, discounts, ctx);
    long[] listed = writeArpa(out, order, discounts, ctx, prob);
    return new Summary(sentences, tokens, unknownTokens, listed, discounts, fallback);
  }

  /**
   * Replaces the counts of every order below the highest by continuation counts and adds every
   * vocabulary word as a unigram.
   */
  private void addContinuationCounts(int order) {
    // Continuation counts: every distinct (n+1)-gram adds one to its suffix, unless the suffix
    // starts with <s> (never: <s> only starts a sentence) — those keep raw counts.
    for (int n = order - 1; n >= 1; n--) {
      Map<Gram, long[]> lower = counts.get(n - 1);
      for (Gram g : counts.get(n).keySet()) {
        Gram s = g.suffix();
        lower.computeIfAbsent(s, x -> new long[1])[0]++;
      }
    }
    // Every vocabulary word (and </s>, <unk>) is a unigram, seen or not; <s> only as a context.
    Map<Gram, long[]> uni = counts.get(0);
    for (int i = 0; i < words.size(); i++) {
      uni.computeIfAbsent(Gram.of(new int[] {i}), x -> new long[1]);
    }
  }

  /**
   * Modified Kneser-Ney discounts D1, D2, D3+ per order from its count-of-counts; orders whose
   * counts do not allow them get 0.5, 1.0, 1.5 and are added to {@code fallback}.
   */
  private double[][] orderDiscounts(int order, List<Integer> fallback) {
    double[][] discounts = new double[order][];
    for (int n = 1; n <= order; n++) {
      long[] coc = new long[5];
      for (Map.Entry<Gram, long[]> e : counts.get(n - 1).entrySet()) {
        long a = e.getValue()[0];
        if (n == 1 && e.getKey().w()[0] == BOS_ID) {
          continue;
        }
        if (a >= 1 && a <= 4) {
          coc[(int) a]++;
        }
      }
      discounts[n - 1] = discounts(coc);
      if (discounts[n - 1] == null) {
        discounts[n - 1] = new double[] {0.5, 1.0, 1.5};
        fallback.add(n);
      }
    }
    return discounts;
  }

  /** Per order: the total, n1, n2 and n3+ counts of each context. */
  private List<Map<Gram, ContextStats>> contextStats(int order) {
    List<Map<Gram, ContextStats>> ctx = new ArrayList<>();
    for (int n = 1; n <= order; n++) {
      Map<Gram, ContextStats> m = new HashMap<>();
      for (Map.Entry<Gram, long[]> e : counts.get(n - 1).entrySet()) {
        Gram g = e.getKey();
        long a = e.getValue()[0];
        if (n == 1 && g.w()[0] == BOS_ID) {
          continue;
        }
        ContextStats cs = m.computeIfAbsent(g.prefix(), x -> new ContextStats());
        cs.total += a;
        if (a == 1) {
          cs.n1++;
        } else if (a == 2) {
          cs.n2++;
        } else if (a >= 3) {
          cs.n3++;
        }
      }
      ctx.add(m);
    }
    return ctx;
  }

  /** Interpolated probabilities per order, lowest order first so that p(w|h') is ready. */
  private List<Map<Gram, Double>> probabilities(
      int order, double[][] discounts, List<Map<Gram, ContextStats>> ctx) {
    int vocabSize = words.size() - 1; // without <s>
    List<Map<Gram, Double>> prob = new ArrayList<>();
    for (int n = 1; n <= order; n++) {
      Map<Gram, Double> p = new HashMap<>();
      double[] d = discounts[n - 1];
      for (Map.Entry<Gram, long[]> e : counts.get(n - 1).entrySet()) {
        Gram g = e.getKey();
        if (n == 1 && g.w()[0] == BOS_ID) {
          continue;
        }
        long a = e.getValue()[0];
        Gram h = g.prefix();
        ContextStats cs = ctx.get(n - 1).get(h);
        double lower = n == 1 ? 1.0 / vocabSize : prob.get(n - 2).get(g.suffix());
        double v;
        if (cs.total == 0) {
          v = lower; // only unseen vocabulary words: the uniform distribution
        } else {
          double disc = a == 0 ? 0 : a == 1 ? d[0] : a == 2 ? d[1] : d[2];
          double gamma = (d[0] * cs.n1 + d[1] * cs.n2 + d[2] * cs.n3) / cs.total;
          v = (a - disc) / cs.total + gamma * lower;
        }
        p.put(g, v);
      }
      prob.add(p);
    }
    return prob;
  }

  /** Writes the ARPA text, sorted by words for a deterministic file; returns the counts listed. */
  private long[] writeArpa(
      Writer out,
      int order,
      double[][] discounts,
      List<Map<Gram, ContextStats>> ctx,
      List<Map<Gram, Double>> prob)
      throws IOException {
    long[] listed = new long[order];
    List<List<Gram>> sorted = new ArrayList<>();
    for (int n = 1; n <= order; n++) {
      List<Gram> gs = new ArrayList<>(counts.get(n - 1).keySet());
      gs.sort(Comparator.comparing(this::text));
      sorted.add(gs);
      listed[n - 1] = gs.size();
    }
    out.write("\\data\\\n");
    for (int n = 1; n <= order; n++) {
      out.write("ngram " + n + "=" + listed[n - 1] + "\n");
    }
    for (int n = 1; n <= order; n++) {
      out.write("\n\\" + n + "-grams:\n");
      Map<Gram, ContextStats> next = n < order ? ctx.get(n) : Map.of();
      double[] dn = n < order ? discounts[n] : null;
      for (Gram g : sorted.get(n - 1)) {
        double lp =
            (n == 1 && g.w()[0] == BOS_ID)
                ? ArpaModel.LOG10_ZERO
                : Math.log10(prob.get(n - 1).get(g));
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "%.6f", lp)).append('\t').append(text(g));
        ContextStats cs = next.get(g);
        if (cs != null && cs.total > 0) {
          double gamma = (dn[0] * cs.n1 + dn[1] * cs.n2 + dn[2] * cs.n3) / cs.total;
          line.append('\t').append(String.format(Locale.ROOT, "%.6f", Math.log10(gamma)));
        }
        out.write(line.append('\n').toString());
      }
    }
    out.write("\n\\end\\\n");
    return listed;
  }

  private String text(Gram g) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < g.w().length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(words.get(g.w()[i]));
    }
    return sb.toString();
  }

  /** Modified Kneser-Ney discounts from counts-of-counts, or null when they are not defined. */
  static double[] discounts(long[] coc) {
    if (coc[1] == 0 || coc[2] == 0 || coc[3] == 0 || coc[4] == 0) {
      return null;
    }
    double y = (double) coc[1] / (coc[1] + 2.0 * coc[2]);
    double d1 = 1 - 2 * y * coc[2] / coc[1];
    double d2 = 2 - 3 * y * coc[3] / coc[2];
    double d3 = 3 - 4 * y * coc[4] / coc[3];
    if (!(d1 > 0 && d1 < 1 && d2 > 0 && d2 < 2 && d3 > 0 && d3 < 3)) {
      return null;
    }
    return new double[] {d1, d2, d3};
  }

  /** The distinct words of a vocabulary file: first field of each line, {@code WORD(2)} merged. */
  public static Set<String> readVocabulary(Path file) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String t = l.strip();
      if (t.isEmpty() || t.startsWith(";;;") || t.startsWith("#")) {
        continue;
      }
      String w = t.split("[ \t]+", 2)[0];
      w = w.replaceFirst("\\(\\d+\\)$", "");
      out.add(w);
    }
    return out;
  }
}

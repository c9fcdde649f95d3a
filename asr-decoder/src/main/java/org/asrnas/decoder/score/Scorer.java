package org.asrnas.decoder.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.asrnas.core.Checks;

/**
 * Scores hypotheses against references as sclite does: both sides filtered alike, aligned by {@link
 * Aligner}, counted per utterance, per speaker ({@link Transcript#speakerOf}) and in total;
 * Switchboard-style SW and CH subset totals (ids starting with {@code sw} and {@code en}) when both
 * occur. A reference without a hypothesis scores as an empty hypothesis (all deletions, counted in
 * {@link Report#missingHypotheses()}); a hypothesis without a reference is a caller error.
 */
public final class Scorer {
  private Scorer() {}

  /** One utterance's result. */
  public record UtteranceScore(
      String id,
      String speaker,
      List<String> ref,
      List<String> hyp,
      Alignment alignment,
      ErrorCounts counts) {}

  /** The whole result. */
  public record Report(
      List<UtteranceScore> utterances,
      Map<String, ErrorCounts> speakers,
      ErrorCounts total,
      Map<String, ErrorCounts> subsets,
      int missingHypotheses,
      boolean characters) {
    public Report {
      utterances = List.copyOf(utterances);
      speakers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(speakers));
      subsets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(subsets));
    }

    /** Kaldi lines for the total, then for each subset. */
    /**
     * {@link #kaldiLines()} as TSV ({@link ErrorCounts#TSV_HEADER}): the total first, then one row
     * per subset (metric {@code WER:SW} etc.).
     */
    public String resultTsv() {
      String metric = characters ? "CER" : "WER";
      StringBuilder sb = new StringBuilder(ErrorCounts.TSV_HEADER).append(total.tsvRow(metric));
      subsets.forEach((name, c) -> sb.append(c.tsvRow(metric + ":" + name)));
      return sb.toString();
    }

    public String kaldiLines() {
      String metric = characters ? "CER" : "WER";
      StringBuilder sb = new StringBuilder(total.kaldiLines(metric));
      subsets.forEach(
          (name, c) -> {
            sb.append(name).append(": ").append(c.kaldiLines(metric).replace("\n%SER", " %SER"));
          });
      return sb.toString();
    }

    /** sclite's {@code sum} (percent) or {@code rsum} (raw counts) table, by speaker. */
    public String summaryTable(String title, boolean raw) {
      Map<String, ErrorCounts> rows = new LinkedHashMap<>(speakers);
      int w = 7;
      for (String s : rows.keySet()) {
        w = Math.max(w, s.length());
      }
      for (String s : subsets.keySet()) {
        w = Math.max(w, s.length());
      }
      String sep =
          "|" + "-".repeat(w + 2) + "+-------------+-----------------------------------------|";
      String dsep = "|" + "=".repeat(sep.length() - 2) + "|";
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "%n%s%n%n",
              raw
                  ? "SYSTEM SUMMARY RAW COUNTS by SPEAKER"
                  : "SYSTEM SUMMARY PERCENTAGES by SPEAKER"));
      sb.append(",").append("-".repeat(sep.length() - 2)).append(".\n");
      sb.append("|").append(center(title, sep.length() - 2)).append("|\n");
      sb.append(sep).append('\n');
      sb.append(
          String.format(
              Locale.ROOT,
              "| %-" + w + "s | # Snt # Wrd | Corr    Sub    Del    Ins    Err  S.Err |%n",
              "SPKR"));
      for (Map.Entry<String, ErrorCounts> e : rows.entrySet()) {
        sb.append(sep).append('\n');
        sb.append(row(e.getKey(), e.getValue(), w, raw));
      }
      sb.append(dsep).append('\n');
      sb.append(row("Sum/Avg", total, w, raw));
      for (Map.Entry<String, ErrorCounts> e : subsets.entrySet()) {
        sb.append(row(e.getKey(), e.getValue(), w, raw));
      }
      sb.append(dsep).append('\n');
      if (!raw && rows.size() > 1) {
        double[][] cols = new double[8][rows.size()];
        int i = 0;
        for (ErrorCounts c : rows.values()) {
          double[] v = percentages(c);
          for (int k = 0; k < 8; k++) {
            cols[k][i] = v[k];
          }
          i++;
        }
        sb.append(statRow(" Mean ", cols, w, Stat.MEAN));
        sb.append(statRow(" S.D. ", cols, w, Stat.SD));
        sb.append(statRow("Median", cols, w, Stat.MEDIAN));
      }
      sb.append("`").append("-".repeat(sep.length() - 2)).append("'\n");
      return sb.toString();
    }

    private enum Stat {
      MEAN,
      SD,
      MEDIAN
    }

    private static double[] percentages(ErrorCounts c) {
      return new double[] {
        c.sentences(),
        c.words(),
        ErrorCounts.pct(c.correct(), c.words()),
        ErrorCounts.pct(c.substitutions(), c.words()),
        ErrorCounts.pct(c.deletions(), c.words()),
        ErrorCounts.pct(c.insertions(), c.words()),
        c.errorRate(),
        c.sentenceErrorRate()
      };
    }

    private static String statRow(String name, double[][] cols, int w, Stat stat) {
      double[] v = new double[8];
      for (int k = 0; k < 8; k++) {
        double[] x = cols[k].clone();
        int n = x.length;
        double mean = 0;
        for (double d : x) {
          mean += d / n;
        }
        v[k] =
            switch (stat) {
              case MEAN -> mean;
              case SD -> {
                double ss = 0;
                for (double d : x) {
                  ss += (d - mean) * (d - mean);
                }
                yield n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
              }
              case MEDIAN -> {
                java.util.Arrays.sort(x);
                yield n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
              }
            };
      }
      return String.format(
          Locale.ROOT,
          "| %-" + w + "s |%5.1f %6.1f |%5.1f  %5.1f  %5.1f  %5.1f  %5.1f  %5.1f |%n",
          name,
          v[0],
          v[1],
          v[2],
          v[3],
          v[4],
          v[5],
          v[6],
          v[7]);
    }

    private static String row(String name, ErrorCounts c, int w, boolean raw) {
      if (raw) {
        return String.format(
            Locale.ROOT,
            "| %-" + w + "s |%5d %6d |%5d  %5d  %5d  %5d  %5d  %5d |%n",
            name,
            c.sentences(),
            c.words(),
            c.correct(),
            c.substitutions(),
            c.deletions(),
            c.insertions(),
            c.errors(),
            c.sentenceErrors());
      }
      double[] p = percentages(c);
      return String.format(
          Locale.ROOT,
          "| %-" + w + "s |%5d %6d |%5.1f  %5.1f  %5.1f  %5.1f  %5.1f  %5.1f |%n",
          name,
          c.sentences(),
          c.words(),
          p[2],
          p[3],
          p[4],
          p[5],
          p[6],
          p[7]);
    }

    private static String center(String s, int w) {
      if (s.length() >= w) {
        return s.substring(0, w);
      }
      int left = (w - s.length()) / 2;
      return " ".repeat(left) + s + " ".repeat(w - s.length() - left);
    }

    /** sclite's {@code pra} report: per-utterance scores and alignments. */
    public String alignments() {
      StringBuilder sb = new StringBuilder();
      for (UtteranceScore u : utterances) {
        ErrorCounts c = u.counts();
        sb.append("id: (").append(u.id()).append(")\n");
        sb.append(
            String.format(
                Locale.ROOT,
                "Scores: (#C #S #D #I) %d %d %d %d%n",
                c.correct(),
                c.substitutions(),
                c.deletions(),
                c.insertions()));
        for (String l : u.alignment().praLines()) {
          sb.append(l.stripTrailing()).append('\n');
        }
        sb.append('\n');
      }
      return sb.toString();
    }

    /** Tab-separated counts: one row per speaker, then Sum and any subsets. */
    public String countsTsv() {
      StringBuilder sb = new StringBuilder("speaker\tsnt\twrd\tcorr\tsub\tdel\tins\terr\tserr\n");
      speakers.forEach((s, c) -> sb.append(tsv(s, c)));
      sb.append(tsv("Sum", total));
      subsets.forEach((s, c) -> sb.append(tsv(s, c)));
      return sb.toString();
    }

    private static String tsv(String name, ErrorCounts c) {
      return String.join(
              "\t",
              name,
              Long.toString(c.sentences()),
              Long.toString(c.words()),
              Long.toString(c.correct()),
              Long.toString(c.substitutions()),
              Long.toString(c.deletions()),
              Long.toString(c.insertions()),
              Long.toString(c.errors()),
              Long.toString(c.sentenceErrors()))
          + "\n";
    }
  }

  /**
   * Scores every reference utterance, in reference order.
   *
   * @throws IllegalArgumentException when a hypothesis has no reference
   */
  public static Report score(
      Map<String, Transcript> refs, Map<String, Transcript> hyps, TextFilter filter) {
    for (String id : hyps.keySet()) {
      Checks.checkArgument(
          refs.containsKey(id),
          "hypothesis '%s' has no reference; score only utterances of the reference set",
          id);
    }
    List<UtteranceScore> utts = new ArrayList<>();
    Map<String, ErrorCounts> speakers = new LinkedHashMap<>();
    Map<String, ErrorCounts> subsets = new LinkedHashMap<>();
    subsets.put("SW", ErrorCounts.ZERO);
    subsets.put("CH", ErrorCounts.ZERO);
    ErrorCounts total = ErrorCounts.ZERO;
    int missing = 0;
    for (Transcript r : refs.values()) {
      Transcript h = hyps.get(r.id());
      if (h == null) {
        missing++;
      }
      List<String> rw = filter.apply(r.words());
      List<String> hw = h == null ? List.of() : filter.apply(h.words());
      Alignment a = Aligner.align(rw, hw);
      ErrorCounts c = ErrorCounts.of(a);
      String id = filter.caseSensitive() ? r.id() : r.id().toLowerCase(Locale.ROOT);
      String spk = Transcript.speakerOf(id);
      utts.add(new UtteranceScore(id, spk, rw, hw, a, c));
      speakers.merge(spk, c, ErrorCounts::plus);
      total = total.plus(c);
      String lower = r.id().toLowerCase(Locale.ROOT);
      if (lower.startsWith("sw")) {
        subsets.merge("SW", c, ErrorCounts::plus);
      } else if (lower.startsWith("en")) {
        subsets.merge("CH", c, ErrorCounts::plus);
      }
    }
    if (subsets.get("SW").sentences() == 0 || subsets.get("CH").sentences() == 0) {
      subsets.clear();
    }
    return new Report(utts, speakers, total, subsets, missing, filter.characters());
  }
}

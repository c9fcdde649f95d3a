package org.asrnas.decoder.score;

import java.util.Locale;

/**
 * Error counts of a set of sentences (sclite's columns).
 *
 * @param sentences #Snt
 * @param words #Wrd (reference words)
 * @param correct Corr
 * @param substitutions Sub
 * @param deletions Del
 * @param insertions Ins
 * @param sentenceErrors sentences with at least one error (S.Err)
 */
public record ErrorCounts(
    long sentences,
    long words,
    long correct,
    long substitutions,
    long deletions,
    long insertions,
    long sentenceErrors) {
  public static final ErrorCounts ZERO = new ErrorCounts(0, 0, 0, 0, 0, 0, 0);

  public static ErrorCounts of(Alignment a) {
    long c = a.count(Alignment.Op.CORRECT);
    long s = a.count(Alignment.Op.SUBSTITUTION);
    long d = a.count(Alignment.Op.DELETION);
    long i = a.count(Alignment.Op.INSERTION);
    return new ErrorCounts(1, c + s + d, c, s, d, i, s + d + i > 0 ? 1 : 0);
  }

  public ErrorCounts plus(ErrorCounts o) {
    return new ErrorCounts(
        sentences + o.sentences,
        words + o.words,
        correct + o.correct,
        substitutions + o.substitutions,
        deletions + o.deletions,
        insertions + o.insertions,
        sentenceErrors + o.sentenceErrors);
  }

  public long errors() {
    return substitutions + deletions + insertions;
  }

  /** Error rate in percent (of reference words); 0 for no words. */
  public double errorRate() {
    return pct(errors(), words);
  }

  public double sentenceErrorRate() {
    return pct(sentenceErrors, sentences);
  }

  static double pct(long a, long b) {
    return b == 0 ? 0 : 100.0 * a / b;
  }

  /** The columns of {@link #tsvRow}. */
  public static final String TSV_HEADER =
      "metric\trate\terrors\twords\tins\tdel\tsub\tser\tsentence_errors\tsentences\n";

  /**
   * One TSV row of {@link #TSV_HEADER}'s columns: the numbers of {@link #kaldiLines}, rates with
   * the same two decimals, for scripts.
   */
  public String tsvRow(String metric) {
    return String.format(
        Locale.ROOT,
        "%s\t%.2f\t%d\t%d\t%d\t%d\t%d\t%.2f\t%d\t%d%n",
        metric,
        errorRate(),
        errors(),
        words,
        insertions,
        deletions,
        substitutions,
        sentenceErrorRate(),
        sentenceErrors,
        sentences);
  }

  /** Kaldi's {@code compute-wer} lines: {@code %WER x [ e / n, i ins, d del, s sub ]}, %SER. */
  public String kaldiLines(String metric) {
    return String.format(
            Locale.ROOT,
            "%%%s %.2f [ %d / %d, %d ins, %d del, %d sub ]%n",
            metric,
            errorRate(),
            errors(),
            words,
            insertions,
            deletions,
            substitutions)
        + String.format(
            Locale.ROOT,
            "%%SER %.2f [ %d / %d ]%n",
            sentenceErrorRate(),
            sentenceErrors,
            sentences);
  }
}

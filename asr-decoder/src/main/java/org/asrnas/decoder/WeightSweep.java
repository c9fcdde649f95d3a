package org.asrnas.decoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.decoder.score.ErrorCounts;
import org.asrnas.decoder.score.Scorer;
import org.asrnas.decoder.score.TextFilter;
import org.asrnas.decoder.score.Transcript;

/**
 * Tunes LM weight and word insertion score on a development set as Kaldi's scoring scripts do
 * ({@code score.sh} sweeping {@code LMWT} and {@code word_ins_penalty}): decode with every pair,
 * score each, report all and the best (lowest WER; ties: the first in sweep order).
 */
public final class WeightSweep {
  private WeightSweep() {}

  /** One point of the sweep. */
  public record Point(double lmWeight, double wordScore, ErrorCounts counts) {}

  /** All points and the best one. */
  public record Result(List<Point> points, Point best) {
    /** Kaldi-style lines, one per point, then the best. */
    public String format() {
      StringBuilder sb = new StringBuilder();
      for (Point p : points) {
        sb.append(line(p));
      }
      sb.append("best: ").append(line(best));
      return sb.toString();
    }

    /**
     * The sweep as TSV for scripts: {@code lm_weight, word_score, wer, errors, words, best} (best 1
     * on the row {@link #format} calls best, else 0), in sweep order.
     */
    public String tsv() {
      StringBuilder sb = new StringBuilder("lm_weight\tword_score\twer\terrors\twords\tbest\n");
      for (Point p : points) {
        ErrorCounts c = p.counts();
        sb.append(
            String.format(
                Locale.ROOT,
                "%s\t%s\t%.2f\t%d\t%d\t%d%n",
                p.lmWeight(),
                p.wordScore(),
                c.errorRate(),
                c.errors(),
                c.words(),
                p == best ? 1 : 0));
      }
      return sb.toString();
    }

    private static String line(Point p) {
      ErrorCounts c = p.counts();
      return String.format(
          Locale.ROOT,
          "%%WER %.2f [ %d / %d, %d ins, %d del, %d sub ] lm-weight=%s word-score=%s%n",
          c.errorRate(),
          c.errors(),
          c.words(),
          c.insertions(),
          c.deletions(),
          c.substitutions(),
          p.lmWeight(),
          p.wordScore());
    }
  }

  /** Runs the sweep with the lexicon decoder; other options come from {@code base}. */
  public static Result run(
      DecoderSetup setup,
      Map<String, FloatMatrix> utterances,
      Map<String, Transcript> refs,
      LexiconDecoder.Options base,
      List<Double> lmWeights,
      List<Double> wordScores,
      TextFilter filter,
      int threads)
      throws Exception {
    Checks.checkArgument(!lmWeights.isEmpty() && !wordScores.isEmpty(), "empty sweep grid");
    List<Point> points = new ArrayList<>();
    Point best = null;
    for (double lw : lmWeights) {
      for (double ws : wordScores) {
        LexiconDecoder.Options o = base.withLmWeight(lw).withWordScore(ws);
        Map<String, BatchDecoding.Result> res =
            BatchDecoding.decodeAll(
                utterances,
                setup.decoders(DecoderSetup.Kind.LEXICON, PrefixBeamDecoder.Options.defaults(), o),
                threads);
        Map<String, Transcript> hyps = new LinkedHashMap<>();
        res.forEach((k, r) -> hyps.put(k, new Transcript(k, r.best().words())));
        Map<String, Transcript> scoredRefs = new LinkedHashMap<>();
        for (String k : utterances.keySet()) {
          Transcript t = refs.get(k);
          Checks.checkArgument(t != null, "utterance '%s' has no reference", k);
          scoredRefs.put(k, t);
        }
        Point p = new Point(lw, ws, Scorer.score(scoredRefs, hyps, filter).total());
        points.add(p);
        if (best == null || p.counts().errors() < best.counts().errors()) {
          best = p;
        }
      }
    }
    return new Result(points, best);
  }
}

package org.asrnas.decoder.lm;

import java.util.List;
import java.util.Locale;

/**
 * Perplexity of a text under a model, counted as SRILM's {@code ngram -ppl} does: words the model
 * does not know (and {@code <unk>}) are OOVs, excluded from the log-probability, and the history
 * restarts after them; each sentence adds its {@code </s>}. ppl = 10^(−logprob / (words − oovs +
 * sentences)), ppl1 the same without the sentence ends.
 *
 * @param sentences sentences scored
 * @param words words (without sentence ends)
 * @param oovs words not in the model
 * @param log10Prob total log10 probability
 */
public record Perplexity(long sentences, long words, long oovs, double log10Prob) {
  /** Scores sentences (words without {@code <s>}/{@code </s>}). */
  public static Perplexity of(ArpaModel lm, Iterable<List<String>> text) {
    long sentences = 0;
    long words = 0;
    long oovs = 0;
    double lp = 0;
    int unk = lm.wordId("<unk>");
    for (List<String> s : text) {
      sentences++;
      int state = lm.startState();
      for (String w : s) {
        words++;
        int id = lm.wordId(w);
        if (id == LanguageModel.UNKNOWN || id == unk) {
          oovs++;
          state = lm.nullState();
          continue;
        }
        long r = lm.score(state, id);
        lp += LanguageModel.scoreOf(r) / ArpaModel.LN10;
        state = LanguageModel.stateOf(r);
      }
      lp += LanguageModel.scoreOf(lm.score(state, lm.endId())) / ArpaModel.LN10;
    }
    return new Perplexity(sentences, words, oovs, lp);
  }

  public double perplexity() {
    return Math.pow(10, -log10Prob / (words - oovs + sentences));
  }

  public double perplexityWithoutSentenceEnds() {
    return Math.pow(10, -log10Prob / (words - oovs));
  }

  public double oovRate() {
    return words == 0 ? 0 : (double) oovs / words;
  }

  /** SRILM-like two-line summary. */
  public String format() {
    return String.format(
        Locale.ROOT,
        "%d sentences, %d words, %d OOVs (%.2f%%)%nlogprob= %.2f ppl= %.2f ppl1= %.2f%n",
        sentences,
        words,
        oovs,
        100 * oovRate(),
        log10Prob,
        perplexity(),
        perplexityWithoutSentenceEnds());
  }
}

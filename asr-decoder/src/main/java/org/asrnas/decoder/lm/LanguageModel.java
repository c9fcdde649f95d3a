package org.asrnas.decoder.lm;

/**
 * A word language model queried through integer states, so that decoders can merge hypotheses with
 * equal LM state and never allocate while scoring. Scores are natural logs.
 *
 * <p>A query returns a packed {@code long}: {@link #scoreOf(long)} is the log-probability of the
 * word given the state and {@link #stateOf(long)} the state after it.
 */
public interface LanguageModel {
  /** The state before the first word (after {@code <s>}). */
  int startState();

  /** Id of a word, or {@link #UNKNOWN} when the model does not know it. */
  int wordId(String word);

  /** Id of the sentence end {@code </s>}. */
  int endId();

  /** Order n of the model (1 for a unigram model; 0 for {@link #NONE}). */
  int order();

  /**
   * Log-probability (natural log) of {@code word} after {@code state}, and the next state, packed;
   * {@code word} may be {@link #UNKNOWN}.
   */
  long score(int state, int word);

  /** The id of unknown words. */
  int UNKNOWN = -1;

  /** Packs a score and a state. */
  static long pack(float score, int state) {
    return ((long) Float.floatToRawIntBits(score) << 32) | (state & 0xFFFFFFFFL);
  }

  static float scoreOf(long packed) {
    return Float.intBitsToFloat((int) (packed >>> 32));
  }

  static int stateOf(long packed) {
    return (int) packed;
  }

  /** A model that gives every word log-probability 0 (decoding with the lexicon only). */
  LanguageModel NONE =
      new LanguageModel() {
        @Override
        public int startState() {
          return 0;
        }

        @Override
        public int wordId(String word) {
          return UNKNOWN;
        }

        @Override
        public int endId() {
          return UNKNOWN;
        }

        @Override
        public int order() {
          return 0;
        }

        @Override
        public long score(int state, int word) {
          return pack(0f, 0);
        }
      };
}

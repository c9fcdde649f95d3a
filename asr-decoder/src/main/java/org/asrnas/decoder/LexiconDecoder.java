package org.asrnas.decoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.decoder.lm.LanguageModel;
import org.asrnas.decoder.lm.LmCache;

/**
 * Lexicon-constrained CTC beam search with a word n-gram LM, after flashlight's {@code
 * LexiconDecoder} (Pratap et al. 2019, wav2letter++; Collobert et al. 2016). A hypothesis is a
 * position in the lexicon trie, an LM state, the last unit and whether the last frame was blank.
 * Per frame every hypothesis (1) enters a child node with a new unit c (CTC: c differs from the
 * last unit or a blank came between), and at a node that ends words it emits each word, adding
 * {@code lmWeight · ln p(word | state) + wordScore} and returning to the root; (2) stays with the
 * blank; (3) stays with a repeat of its last unit. Hypotheses with the same (trie node, LM state,
 * last unit, blank) are merged keeping the best (Viterbi), candidates below best − {@code
 * beamThreshold} are dropped, and the best {@code beamSize} are kept. At the end only hypotheses at
 * the root (all words complete) count, each with {@code lmWeight · ln p(</s> | state)}.
 *
 * <p>The score of a word sequence W with alignment π is therefore Σ_t ln y_t(π_t) + lmWeight · ln
 * P_LM(W </s>) + wordScore · |W| (+ unkScore per unknown word), maximised over alignments and
 * pronunciations. LM scores are natural logs (ARPA log10 × ln 10).
 *
 * <p>LM look-ahead ("smearing", flashlight's {@code SmearingMode::MAX}): every trie node carries
 * the best unigram log-probability of the words below it; entering a node adds {@code lmWeight}
 * times the change of that value, and emitting a word replaces the node's value by the word's real
 * LM score. The terms cancel at every word end, so complete hypotheses score exactly as above, but
 * hypotheses inside long words no longer look cheaper than those that just paid for a word.
 *
 * <p>Times: every hypothesis carries a back-pointer to its path (the runs of frames where it emits
 * each unit, and which unit completed a word), updated only for the hypotheses kept per frame. The
 * {@link Hypothesis#unitSpans() unit spans} of a result are those runs (first to last frame of the
 * unit on the best alignment, end exclusive), its {@link Hypothesis#units() units} the
 * pronunciations of its words along that path, and the {@link Hypothesis#wordSpans() span of a
 * word} runs from the first frame of its first unit to the end of its last. CTC peaks are short and
 * sit near a unit's onset, so a word span covers where its units were recognised, not the full word
 * including its final phone's tail or following silence (the convention of CTC toolkits such as
 * WeNet, whose timestamps are token peaks; see docs/word-times.md). Confidence of a unit: the
 * geometric mean posterior of its frames on the path, exp((1/|run|) Σ_{t ∈ run} ln y_t(u)); of a
 * word: the same over all frames of its units, in [0, 1]. It is purely acoustic: a word the LM
 * forced onto frames the network gave to another unit, or onto blank frames, gets a low confidence.
 *
 * <p>The hot loop works on preallocated arrays: candidates, their merge table and the beam are
 * reused across frames and utterances; only the word-history arena grows (amortised), by the words
 * that survive pruning.
 *
 * <p>Over 400 lines because trie moves, word emission with LM look-ahead, hypothesis merging and
 * the time back-pointers work on the same preallocated candidate and beam arrays in one frame loop;
 * each step is a named method, and splitting the state across classes would cost the hot loop
 * indirections.
 */
public final class LexiconDecoder implements CtcDecoder {
  /**
   * Options (flashlight's names).
   *
   * @param beamSize hypotheses kept per frame
   * @param beamThreshold candidates scoring below the frame's best minus this are dropped
   * @param lmWeight weight of the LM log-probability
   * @param wordScore added per word (insertion bonus or penalty)
   * @param unkScore added when a trie prefix that is no word is emitted as {@code <unk>}; -Infinity
   *     (the default) never emits unknown words
   * @param nBest distinct word sequences returned
   * @param unitPruneLogProb units below this log-probability in a frame are not entered (-Infinity:
   *     all)
   */
  public record Options(
      int beamSize,
      double beamThreshold,
      double lmWeight,
      double wordScore,
      double unkScore,
      int nBest,
      double unitPruneLogProb) {
    public Options {
      Checks.checkPositive(beamSize, "beamSize");
      Checks.checkArgument(beamThreshold > 0, "beamThreshold must be > 0, got %s", beamThreshold);
      Checks.checkArgument(Double.isFinite(lmWeight), "lmWeight must be finite");
      Checks.checkArgument(Double.isFinite(wordScore), "wordScore must be finite");
      Checks.checkArgument(!Double.isNaN(unkScore), "unkScore is NaN");
      Checks.checkPositive(nBest, "nBest");
      Checks.checkArgument(!Double.isNaN(unitPruneLogProb), "unitPruneLogProb is NaN");
    }

    public static Options defaults() {
      return new Options(50, 25, 1.0, 0.0, Double.NEGATIVE_INFINITY, 1, Double.NEGATIVE_INFINITY);
    }

    public Options withBeamSize(int v) {
      return new Options(v, beamThreshold, lmWeight, wordScore, unkScore, nBest, unitPruneLogProb);
    }

    public Options withBeamThreshold(double v) {
      return new Options(beamSize, v, lmWeight, wordScore, unkScore, nBest, unitPruneLogProb);
    }

    public Options withLmWeight(double v) {
      return new Options(beamSize, beamThreshold, v, wordScore, unkScore, nBest, unitPruneLogProb);
    }

    public Options withWordScore(double v) {
      return new Options(beamSize, beamThreshold, lmWeight, v, unkScore, nBest, unitPruneLogProb);
    }

    public Options withUnkScore(double v) {
      return new Options(beamSize, beamThreshold, lmWeight, wordScore, v, nBest, unitPruneLogProb);
    }

    public Options withNBest(int v) {
      return new Options(
          beamSize, beamThreshold, lmWeight, wordScore, unkScore, v, unitPruneLogProb);
    }

    public Options withUnitPruneLogProb(double v) {
      return new Options(beamSize, beamThreshold, lmWeight, wordScore, unkScore, nBest, v);
    }
  }

  /** The word id of an emitted unknown word. */
  private static final int UNK_WORD = -2;

  private static final int NO_WORD = -1;
  private static final byte NEW = 0;
  private static final byte BLANK = 1;
  private static final byte REPEAT = 2;
  private static final String UNK = "<unk>";

  private final LexiconTrie trie;
  private final LanguageModel lm;
  private final LmCache cache;
  private final Options options;
  private final int[] lmIds;
  private final int lmUnk;
  private final float[] smear;

  // Beam (struct of arrays).
  private double[] bScore;
  private double[] bAm;
  private double[] bLm;
  private int[] bState;
  private int[] bNode;
  private int[] bPrev;
  private boolean[] bBlank;
  private int[] bHist;
  private int beamCount;

  // Path of each beam entry (double-buffered, see UnitTrace): last finished run, and the current
  // run (unit, frames [start, end), log-probability sum, whether it completed a word); start -1
  // before the first unit.
  private final UnitTrace trace = new UnitTrace();
  private int[] curChain;
  private int[] curUnit;
  private int[] curStart;
  private int[] curEnd;
  private double[] curSum;
  private boolean[] curWordEnd;
  private int[] nxtChain;
  private int[] nxtUnit;
  private int[] nxtStart;
  private int[] nxtEnd;
  private double[] nxtSum;
  private boolean[] nxtWordEnd;
  private int[] pushed;

  // Candidates of the next frame.
  private double[] cScore = new double[0];
  private double[] cAm = new double[0];
  private double[] cLm = new double[0];
  private int[] cState = new int[0];
  private int[] cNode = new int[0];
  private int[] cPrev = new int[0];
  private boolean[] cBlank = new boolean[0];
  private int[] cHist = new int[0];
  private int[] cWord = new int[0];
  // beam entry the candidate came from, and how: NEW unit, BLANK or REPEAT
  private int[] cSrc = new int[0];
  private byte[] cKind = new byte[0];
  private int[] order = new int[0];
  private int candCount;
  private double candBest;

  // Merge table: open addressing over candidate indices, cleared with a stamp.
  private int[] table = new int[0];
  private int[] tableStamp = new int[0];
  private int stamp;

  // Final scores (reused across utterances).
  private double[] finScore = new double[0];
  private double[] finLm = new double[0];
  private int[] finIdx = new int[0];

  // Word history arena: (word, parent), -1 = start.
  private int[] histWord = new int[1024];
  private int[] histParent = new int[1024];
  private int histCount;

  public LexiconDecoder(LexiconTrie trie, LanguageModel lm, Options options) {
    this.trie = Checks.checkNotNull(trie, "trie");
    this.lm = Checks.checkNotNull(lm, "lm");
    this.options = Checks.checkNotNull(options, "options");
    this.cache = new LmCache(lm, 16);
    this.lmIds = new int[trie.words().size()];
    for (int i = 0; i < lmIds.length; i++) {
      lmIds[i] = lm.wordId(trie.word(i));
    }
    this.lmUnk = lm.wordId(UNK);
    this.smear = smear(trie, lm, lmIds);
    int b = options.beamSize();
    bScore = new double[b];
    bAm = new double[b];
    bLm = new double[b];
    bState = new int[b];
    bNode = new int[b];
    bPrev = new int[b];
    bBlank = new boolean[b];
    bHist = new int[b];
    curChain = new int[b];
    curUnit = new int[b];
    curStart = new int[b];
    curEnd = new int[b];
    curSum = new double[b];
    curWordEnd = new boolean[b];
    nxtChain = new int[b];
    nxtUnit = new int[b];
    nxtStart = new int[b];
    nxtEnd = new int[b];
    nxtSum = new double[b];
    nxtWordEnd = new boolean[b];
    pushed = new int[b];
  }

  public Options options() {
    return options;
  }

  /**
   * Max unigram log-probability of the words at or below each node (children have larger ids than
   * their parents, so one backward pass suffices); the root carries 0, as a hypothesis there has
   * paid for all its words.
   */
  private static float[] smear(LexiconTrie trie, LanguageModel lm, int[] lmIds) {
    float[] s = new float[trie.nodeCount()];
    java.util.Arrays.fill(s, Float.NEGATIVE_INFINITY);
    int nul = lm.nullState();
    for (int n = s.length - 1; n > 0; n--) {
      float best = s[n];
      for (int i = trie.wordStart(n); i < trie.wordEnd(n); i++) {
        best = Math.max(best, LanguageModel.scoreOf(lm.score(nul, lmIds[trie.wordAt(i)])));
      }
      for (int e = trie.childStart(n); e < trie.childEnd(n); e++) {
        best = Math.max(best, s[trie.childNode(e)]);
      }
      s[n] = best == Float.NEGATIVE_INFINITY ? 0 : best;
    }
    s[LexiconTrie.ROOT] = 0;
    return s;
  }

  /** LM cache statistics (hits, misses) since this decoder was made. */
  public long[] cacheStats() {
    return new long[] {cache.hits(), cache.misses()};
  }

  @Override
  public List<Hypothesis> decode(FloatMatrix logProbs) {
    int frames = logProbs.rows();
    int units = logProbs.cols();
    float[] y = logProbs.data();
    startBeam();
    double lmWeight = options.lmWeight();
    double wordScore = options.wordScore();
    double unkScore = options.unkScore();
    double prune = options.unitPruneLogProb();
    for (int t = 0; t < frames; t++) {
      int off = t * units;
      beginFrame();
      for (int h = 0; h < beamCount; h++) {
        extend(h, y, off, units, lmWeight, wordScore, unkScore, prune);
      }
      select(y, off, t);
    }
    return finish();
  }

  /** The beam before the first frame: one empty hypothesis at the trie root, after a blank. */
  private void startBeam() {
    histCount = 0;
    beamCount = 1;
    bScore[0] = 0;
    bAm[0] = 0;
    bLm[0] = 0;
    bState[0] = lm.startState();
    bNode[0] = LexiconTrie.ROOT;
    bPrev[0] = 0;
    bBlank[0] = true;
    bHist[0] = -1;
    trace.clear();
    curChain[0] = UnitTrace.NONE;
    curUnit[0] = 0;
    curStart[0] = -1;
    curEnd[0] = -1;
    curSum[0] = 0;
    curWordEnd[0] = false;
  }

  /**
   * The candidates of beam hypothesis {@code h} at the frame whose log-probabilities start at off.
   */
  private void extend(
      int h,
      float[] y,
      int off,
      int units,
      double lmWeight,
      double wordScore,
      double unkScore,
      double prune) {
    int node = bNode[h];
    int prev = bPrev[h];
    boolean blank = bBlank[h];
    double score = bScore[h];
    double am = bAm[h];
    // (1) a new unit: enter a child of the trie node
    for (int e = trie.childStart(node), end = trie.childEnd(node); e < end; e++) {
      int c = trie.childUnit(e);
      if (c >= units) {
        continue;
      }
      if (c == prev && !blank) {
        continue;
      }
      double yc = y[off + c];
      if (yc < prune) {
        continue;
      }
      int child = trie.childNode(e);
      double a = am + yc;
      // score without the look-ahead of the current node, then with the child's
      double s = score + yc - lmWeight * smear[node];
      if (trie.hasChildren(child)) {
        add(
            s + lmWeight * smear[child],
            a,
            bLm[h],
            bState[h],
            child,
            c,
            false,
            bHist[h],
            NO_WORD,
            h,
            NEW);
      }
      emitWords(h, child, c, s, a, lmWeight, wordScore, unkScore);
    }
    // (2) blank
    double yb = y[off];
    add(score + yb, am + yb, bLm[h], bState[h], node, 0, true, bHist[h], NO_WORD, h, BLANK);
    // (3) repeat of the last unit, collapsed
    if (!blank && prev != 0) {
      double yp = y[off + prev];
      add(score + yp, am + yp, bLm[h], bState[h], node, prev, false, bHist[h], NO_WORD, h, REPEAT);
    }
  }

  /**
   * The candidates that end a word at trie node {@code child} (entered from hypothesis {@code h}
   * with unit {@code c}, score {@code s} without look-ahead): one per word there, or the unknown
   * word where none ends and {@code unkScore} allows it; each returns to the root.
   */
  private void emitWords(
      int h,
      int child,
      int c,
      double s,
      double a,
      double lmWeight,
      double wordScore,
      double unkScore) {
    int ws = trie.wordStart(child);
    int we = trie.wordEnd(child);
    for (int i = ws; i < we; i++) {
      int w = trie.wordAt(i);
      long r = cache.score(bState[h], lmIds[w]);
      double lp = LanguageModel.scoreOf(r);
      add(
          s + lmWeight * lp + wordScore,
          a,
          bLm[h] + lp,
          LanguageModel.stateOf(r),
          LexiconTrie.ROOT,
          c,
          false,
          bHist[h],
          w,
          h,
          NEW);
    }
    if (ws == we && unkScore > Double.NEGATIVE_INFINITY) {
      long r = cache.score(bState[h], lmUnk);
      double lp = LanguageModel.scoreOf(r);
      add(
          s + lmWeight * lp + unkScore,
          a,
          bLm[h] + lp,
          LanguageModel.stateOf(r),
          LexiconTrie.ROOT,
          c,
          false,
          bHist[h],
          UNK_WORD,
          h,
          NEW);
    }
  }

  private void beginFrame() {
    int need = beamCount * 4 + 16;
    if (cScore.length < need) {
      grow(Math.max(need, cScore.length * 2));
    }
    candCount = 0;
    candBest = Double.NEGATIVE_INFINITY;
    stamp++;
    if (stamp == Integer.MAX_VALUE) {
      Arrays.fill(tableStamp, 0);
      stamp = 1;
    }
  }

  private void grow(int cap) {
    cScore = Arrays.copyOf(cScore, cap);
    cAm = Arrays.copyOf(cAm, cap);
    cLm = Arrays.copyOf(cLm, cap);
    cState = Arrays.copyOf(cState, cap);
    cNode = Arrays.copyOf(cNode, cap);
    cPrev = Arrays.copyOf(cPrev, cap);
    cBlank = Arrays.copyOf(cBlank, cap);
    cHist = Arrays.copyOf(cHist, cap);
    cWord = Arrays.copyOf(cWord, cap);
    cSrc = Arrays.copyOf(cSrc, cap);
    cKind = Arrays.copyOf(cKind, cap);
    order = Arrays.copyOf(order, cap);
    int tcap = Integer.highestOneBit(cap * 2 - 1) << 1;
    if (table.length < tcap) {
      // rehash the candidates of this frame into the larger table
      table = new int[tcap];
      tableStamp = new int[tcap];
      int mask = tcap - 1;
      for (int i = 0; i < candCount; i++) {
        int slot = hash(cState[i], cNode[i], cPrev[i], cBlank[i]) & mask;
        while (tableStamp[slot] == stamp) {
          slot = (slot + 1) & mask;
        }
        tableStamp[slot] = stamp;
        table[slot] = i;
      }
    }
  }

  private static int hash(int state, int node, int prev, boolean blank) {
    int h = state * 0x9E3779B1;
    h = (h ^ node) * 0x85EBCA6B;
    h = (h ^ prev) * 0xC2B2AE35;
    h ^= blank ? 0x27D4EB2F : 0;
    return h ^ (h >>> 15);
  }

  private void add(
      double score,
      double am,
      double lmTotal,
      int state,
      int node,
      int prev,
      boolean blank,
      int hist,
      int word,
      int src,
      byte kind) {
    if (score < candBest - options.beamThreshold()) {
      return;
    }
    if (score > candBest) {
      candBest = score;
    }
    if (blank) {
      prev = 0;
    }
    if (candCount + 1 >= cScore.length || (candCount + 1) * 2 > table.length) {
      grow(Math.max(16, cScore.length * 2));
    }
    int i = slot(state, node, prev, blank);
    if (i < 0) {
      i = -i - 1;
    } else if (score <= cScore[i]) {
      return;
    }
    cScore[i] = score;
    cAm[i] = am;
    cLm[i] = lmTotal;
    cState[i] = state;
    cNode[i] = node;
    cPrev[i] = prev;
    cBlank[i] = blank;
    cHist[i] = hist;
    cWord[i] = word;
    cSrc[i] = src;
    cKind[i] = kind;
  }

  /**
   * The candidate of (state, node, prev, blank) in this frame's hash table: its index when the
   * table has it, or {@code -index - 1} of a new, empty candidate slot reserved for it.
   */
  private int slot(int state, int node, int prev, boolean blank) {
    int mask = table.length - 1;
    int slot = hash(state, node, prev, blank) & mask;
    while (tableStamp[slot] == stamp) {
      int i = table[slot];
      if (cState[i] == state && cNode[i] == node && cPrev[i] == prev && cBlank[i] == blank) {
        return i;
      }
      slot = (slot + 1) & mask;
    }
    int i = candCount++;
    tableStamp[slot] = stamp;
    table[slot] = i;
    return -i - 1;
  }

  private void select(float[] y, int off, int t) {
    int n = 0;
    double floor = candBest - options.beamThreshold();
    for (int i = 0; i < candCount; i++) {
      if (cScore[i] >= floor) {
        order[n++] = i;
      }
    }
    int kept = LogMath.selectTop(order, n, options.beamSize(), cScore);
    Arrays.fill(pushed, 0, beamCount, -2);
    beamCount = 0;
    for (int k = 0; k < kept; k++) {
      int i = order[k];
      int hist = cHist[i];
      if (cWord[i] != NO_WORD) {
        hist = pushHistory(cWord[i], hist);
      }
      int b = beamCount++;
      bScore[b] = cScore[i];
      bAm[b] = cAm[i];
      bLm[b] = cLm[i];
      bState[b] = cState[i];
      bNode[b] = cNode[i];
      bPrev[b] = cPrev[i];
      bBlank[b] = cBlank[i];
      bHist[b] = hist;
      follow(b, i, y, off, t);
    }
    swapPaths();
  }

  /** Beam entry b's path at frame t, from candidate i's source entry and transition. */
  private void follow(int b, int i, float[] y, int off, int t) {
    int h = cSrc[i];
    switch (cKind[i]) {
      case BLANK -> copyPath(b, h);
      case REPEAT -> {
        copyPath(b, h);
        nxtEnd[b] = t + 1;
        nxtSum[b] += y[off + curUnit[h]];
      }
      default -> {
        int chain = curChain[h];
        if (curStart[h] >= 0) {
          if (pushed[h] == -2) {
            pushed[h] =
                trace.push(
                    curUnit[h], curStart[h], curEnd[h], curSum[h], curWordEnd[h], curChain[h]);
          }
          chain = pushed[h];
        }
        int c = cPrev[i];
        nxtChain[b] = chain;
        nxtUnit[b] = c;
        nxtStart[b] = t;
        nxtEnd[b] = t + 1;
        nxtSum[b] = y[off + c];
        nxtWordEnd[b] = cWord[i] != NO_WORD;
      }
    }
  }

  private void copyPath(int b, int h) {
    nxtChain[b] = curChain[h];
    nxtUnit[b] = curUnit[h];
    nxtStart[b] = curStart[h];
    nxtEnd[b] = curEnd[h];
    nxtSum[b] = curSum[h];
    nxtWordEnd[b] = curWordEnd[h];
  }

  private void swapPaths() {
    int[] a = curChain;
    curChain = nxtChain;
    nxtChain = a;
    a = curUnit;
    curUnit = nxtUnit;
    nxtUnit = a;
    a = curStart;
    curStart = nxtStart;
    nxtStart = a;
    a = curEnd;
    curEnd = nxtEnd;
    nxtEnd = a;
    double[] d = curSum;
    curSum = nxtSum;
    nxtSum = d;
    boolean[] w = curWordEnd;
    curWordEnd = nxtWordEnd;
    nxtWordEnd = w;
  }

  private int pushHistory(int word, int parent) {
    if (histCount == histWord.length) {
      histWord = Arrays.copyOf(histWord, histCount * 2);
      histParent = Arrays.copyOf(histParent, histCount * 2);
    }
    histWord[histCount] = word;
    histParent[histCount] = parent;
    return histCount++;
  }

  private List<Hypothesis> finish() {
    int end = lm.endId();
    if (finScore.length < beamCount) {
      finScore = new double[options.beamSize()];
      finLm = new double[options.beamSize()];
      finIdx = new int[options.beamSize()];
    }
    double[] fin = finScore;
    int[] idx = finIdx;
    int n = 0;
    for (int b = 0; b < beamCount; b++) {
      if (bNode[b] != LexiconTrie.ROOT) {
        continue;
      }
      double lp =
          end == LanguageModel.UNKNOWN ? 0 : LanguageModel.scoreOf(lm.score(bState[b], end));
      fin[b] = bScore[b] + options.lmWeight() * lp;
      finLm[b] = bLm[b] + lp;
      idx[n++] = b;
    }
    if (n == 0) {
      // No hypothesis ends on a word boundary: fall back to every one, dropping the partial word.
      for (int b = 0; b < beamCount; b++) {
        fin[b] = bScore[b];
        finLm[b] = bLm[b];
        idx[n++] = b;
      }
    }
    LogMath.sortDescending(idx, n, fin);
    List<Hypothesis> out = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    for (int k = 0; k < n && out.size() < options.nBest(); k++) {
      int b = idx[k];
      List<String> words = new ArrayList<>();
      for (int h = bHist[b]; h >= 0; h = histParent[h]) {
        int w = histWord[h];
        words.add(w == UNK_WORD ? UNK : trie.word(w));
      }
      java.util.Collections.reverse(words);
      if (!seen.add(words)) {
        continue;
      }
      out.add(path(b, words, fin[b], bAm[b], finLm[b]));
    }
    if (out.isEmpty()) {
      out.add(new Hypothesis(new int[0], List.of(), Double.NEGATIVE_INFINITY, 0, 0));
    }
    return out;
  }

  /**
   * The hypothesis of beam entry b with its path: units up to the last completed word (a partial
   * word at the end of a fallback hypothesis is dropped with its units), their spans, and one span
   * per word over its units.
   */
  private Hypothesis path(int b, List<String> words, double score, double am, double lmTotal) {
    boolean hasCurrent = curStart[b] >= 0;
    int n = trace.length(curChain[b]) + (hasCurrent ? 1 : 0);
    // Walk the path backwards (current run first, then the trace), skipping a trailing partial
    // word, and fill units and spans from the end.
    int partial = 0;
    if (!(hasCurrent && curWordEnd[b])) {
      partial = hasCurrent ? 1 : 0;
      for (int r = curChain[b]; r != UnitTrace.NONE && !trace.wordEnd(r); r = trace.parent(r)) {
        partial++;
      }
    }
    int complete = n - partial;
    int[] unit = new int[complete];
    Span[] unitSpans = new Span[complete];
    Span[] wordSpans = new Span[words.size()];
    int j = n - 1;
    int w = words.size();
    int wordEnd = -1;
    int wordStart = -1;
    double wordSum = 0;
    int wordFrames = 0;
    for (int r = hasCurrent ? -2 : curChain[b]; r != UnitTrace.NONE; j--) {
      boolean cur = r == -2;
      int u = cur ? curUnit[b] : trace.unit(r);
      int st = cur ? curStart[b] : trace.start(r);
      int en = cur ? curEnd[b] : trace.end(r);
      double sm = cur ? curSum[b] : trace.logSum(r);
      boolean ends = cur ? curWordEnd[b] : trace.wordEnd(r);
      r = cur ? curChain[b] : trace.parent(r);
      if (j >= complete) {
        continue;
      }
      if (ends) {
        if (wordEnd >= 0) {
          wordSpans[--w] = new Span(wordStart, wordEnd, UnitTrace.confidence(wordSum, wordFrames));
        }
        wordEnd = en;
        wordSum = 0;
        wordFrames = 0;
      }
      unit[j] = u;
      unitSpans[j] = new Span(st, en, UnitTrace.confidence(sm, en - st));
      wordStart = st;
      wordSum += sm;
      wordFrames += en - st;
    }
    if (wordEnd >= 0) {
      wordSpans[--w] = new Span(wordStart, wordEnd, UnitTrace.confidence(wordSum, wordFrames));
    }
    if (w != 0) {
      throw new IllegalStateException(
          "internal: " + (words.size() - w) + " word ends on a path of " + words.size() + " words");
    }
    return new Hypothesis(
        unit, words, score, am, lmTotal, Arrays.asList(unitSpans), Arrays.asList(wordSpans));
  }
}

package org.asrnas.decoder.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.text.TextFiles;
import org.asrnas.decoder.internal.LongIntMap;

/**
 * A back-off n-gram model read from an ARPA file (any order), scored as SRILM and KenLM do:
 *
 * <pre>
 *   p(w | h) = p*(h w)                    if the n-gram h w is listed
 *            = bow(h) · p(w | h')          otherwise, h' = h without its first word, bow(h) = 1
 *                                          when h is not listed
 * </pre>
 *
 * <p>The n-grams form a tree (node = n-gram, child = one more word at the end) held in arrays and
 * one hash table; every node also points at its suffix (the n-gram without its first word), so a
 * back-off step costs one array read. A state is the node of the longest listed suffix of the
 * history, at most n−1 words (KenLM's state minimisation), so equal states always predict alike.
 *
 * <p>Reading is strict or tolerant. {@link Mode#STRICT} rejects what the ARPA format does not
 * allow: counts that disagree with the header, an n-gram whose context (first n−1 words) is not
 * listed, {@code <s>} after the first position (irstlm's {@code <s> <s>} bigram), {@code </s>}
 * before the last, a back-off weight on {@code </s>} or on the highest order, duplicates. {@link
 * Mode#LENIENT} drops or ignores those and records a warning for each kind; an n-gram whose context
 * is missing is kept but, as in KenLM, a state never ends in an unlisted context, so it is never
 * used.
 *
 * <p>Over 400 lines because the strict and lenient ARPA parser and the array-backed n-gram tree it
 * fills share the tree's private arrays; the parser is a nested class with one method per section
 * of the file.
 */
public final class ArpaModel implements LanguageModel {
  /** How to treat ARPA files that break the format. */
  public enum Mode {
    STRICT,
    LENIENT
  }

  static final double LN10 = Math.log(10);

  /** log10 probability used for words the model cannot predict at all (SRILM's -99). */
  public static final float LOG10_ZERO = -99f;

  private static final int ROOT = 0;

  private final int order;
  private final Map<String, Integer> vocab;
  private final String[] words;
  private final int unkId;
  private final int startId;
  private final int endId;
  // Per node (node 0 = empty context): ln probability (NaN = not listed, only a path), ln back-off,
  // order, last word, parent (prefix) and suffix nodes.
  private float[] prob;
  private float[] bow;
  private byte[] nodeOrder;
  private int[] nodeWord;
  private int[] parent;
  private int[] suffix;
  private int nodes;
  private final LongIntMap children;
  private final long[] counts;
  private final List<String> warnings;

  private ArpaModel(int order, Map<String, Integer> vocab, int expectedNodes) {
    this.order = order;
    this.vocab = vocab;
    this.words = new String[vocab.size()];
    vocab.forEach((w, i) -> words[i] = w);
    this.unkId = vocab.getOrDefault("<unk>", UNKNOWN);
    this.startId = vocab.getOrDefault("<s>", UNKNOWN);
    this.endId = vocab.getOrDefault("</s>", UNKNOWN);
    int cap = expectedNodes + 1;
    prob = new float[cap];
    bow = new float[cap];
    nodeOrder = new byte[cap];
    nodeWord = new int[cap];
    parent = new int[cap];
    suffix = new int[cap];
    children = new LongIntMap(Math.max(16, expectedNodes - vocab.size()));
    counts = new long[order + 1];
    warnings = new ArrayList<>();
    nodes = 1;
    parent[ROOT] = -1;
    suffix[ROOT] = -1;
    nodeWord[ROOT] = UNKNOWN;
    prob[ROOT] = Float.NaN;
    for (int w = 0; w < words.length; w++) {
      newNode(ROOT, w, 1);
    }
  }

  /** Reads an ARPA file strictly. */
  public static ArpaModel read(Path file) throws IOException, AsrInputException {
    return read(file, Mode.STRICT);
  }

  /** Reads an ARPA file (plain text). */
  public static ArpaModel read(Path file, Mode mode) throws IOException, AsrInputException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Parser(file, r, mode).parse();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw TextFiles.notUtf8(file);
    }
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public int startState() {
    return startId == UNKNOWN ? ROOT : startId + 1;
  }

  /** The empty-history state (no context). */
  @Override
  public int nullState() {
    return ROOT;
  }

  @Override
  public int wordId(String word) {
    Integer id = vocab.get(word);
    return id == null ? UNKNOWN : id;
  }

  @Override
  public int endId() {
    return endId;
  }

  /** The word of an id. */
  public String word(int id) {
    return words[id];
  }

  /** Words in the model's vocabulary (unigrams, including {@code <s>}, {@code </s>}). */
  public int vocabularySize() {
    return words.length;
  }

  /** Whether the model has a {@code <unk>} unigram. */
  public boolean hasUnknownWord() {
    return unkId != UNKNOWN;
  }

  /** Number of n-grams of each order as listed in the file (index 1..order). */
  public long count(int n) {
    return counts[n];
  }

  /** What a lenient read ignored or repaired (empty for a clean file). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public long score(int state, int word) {
    int w = word == UNKNOWN ? unkId : word;
    float acc = 0;
    int ctx = state;
    while (true) {
      int child;
      if (w == UNKNOWN) {
        child = -1;
      } else if (ctx == ROOT) {
        child = w + 1;
      } else {
        child = children.get(key(ctx, w), -1);
      }
      if (child >= 0 && !Float.isNaN(prob[child])) {
        int next = nodeOrder[child] < order ? child : suffix[child];
        return LanguageModel.pack(acc + prob[child], next);
      }
      if (ctx == ROOT) {
        return LanguageModel.pack(acc + (float) (LOG10_ZERO * LN10), ROOT);
      }
      acc += bow[ctx];
      ctx = suffix[ctx];
    }
  }

  /** log10 p(word | context) for words given as strings (the context may be longer than n−1). */
  public double log10Prob(List<String> context, String word) {
    int s = ROOT;
    for (String c : context) {
      s = LanguageModel.stateOf(score(s, idOrUnknownContext(c)));
    }
    return LanguageModel.scoreOf(score(s, wordId(word))) / LN10;
  }

  private int idOrUnknownContext(String w) {
    if (w.equals("<s>")) {
      return startId;
    }
    return wordId(w);
  }

  /** The state after reading {@code context} from the empty history ({@code <s>} allowed first). */
  public int stateAfter(List<String> context) {
    int s = ROOT;
    for (int i = 0; i < context.size(); i++) {
      String c = context.get(i);
      if (i == 0 && c.equals("<s>")) {
        s = startState();
      } else {
        s = LanguageModel.stateOf(score(s, wordId(c)));
      }
    }
    return s;
  }

  /** The words of a state, oldest first (for debugging and tests). */
  public List<String> stateWords(int state) {
    List<String> out = new ArrayList<>();
    for (int n = state; n != ROOT; n = parent[n]) {
      out.add(0, words[nodeWord[n]]);
    }
    return out;
  }

  private static long key(int node, int word) {
    return ((long) node << 32) | (word & 0xFFFFFFFFL);
  }

  private int newNode(int par, int word, int n) {
    if (nodes == prob.length) {
      int c = nodes * 2;
      prob = Arrays.copyOf(prob, c);
      bow = Arrays.copyOf(bow, c);
      nodeOrder = Arrays.copyOf(nodeOrder, c);
      nodeWord = Arrays.copyOf(nodeWord, c);
      parent = Arrays.copyOf(parent, c);
      suffix = Arrays.copyOf(suffix, c);
    }
    int id = nodes++;
    prob[id] = Float.NaN;
    bow[id] = 0;
    nodeOrder[id] = (byte) n;
    nodeWord[id] = word;
    parent[id] = par;
    suffix[id] = -1;
    if (par != ROOT) {
      children.put(key(par, word), id, -1);
    }
    return id;
  }

  private int child(int par, int word) {
    return par == ROOT ? word + 1 : children.get(key(par, word), -1);
  }

  /** The node of (par's words + word), created as an unlisted path node when missing. */
  private int childOrCreate(int par, int word) {
    int c = child(par, word);
    return c >= 0 ? c : newNode(par, word, nodeOrder[par] + 1);
  }

  /** Links every node to its suffix, creating unlisted suffix nodes where the file lacks them. */
  private void linkSuffixes() {
    for (int n = 1; n < nodes; n++) {
      linkSuffix(n);
    }
  }

  private int linkSuffix(int n) {
    if (suffix[n] >= 0) {
      return suffix[n];
    }
    int s;
    if (parent[n] == ROOT) {
      s = ROOT;
    } else {
      s = childOrCreate(linkSuffix(parent[n]), nodeWord[n]);
    }
    suffix[n] = s;
    return s;
  }

  /** Line-by-line ARPA parser. */
  private static final class Parser {
    private final Path file;
    private final BufferedReader in;
    private final Mode mode;
    private long lineNo;

    /**
     * The stripped line that ended the last section read (a section header, or the last line read
     * at the end of the file).
     */
    private String t;

    private final Map<String, Long> warnCounts = new java.util.LinkedHashMap<>();

    Parser(Path file, BufferedReader in, Mode mode) {
      this.file = file;
      this.in = in;
      this.mode = mode;
    }

    private String next() throws IOException {
      String l = in.readLine();
      if (l != null) {
        lineNo++;
      }
      return l;
    }

    private AsrInputException error(String msg) {
      return AsrInputException.atLine(file, lineNo, msg);
    }

    private void quirk(String what, String strictMessage) throws AsrInputException {
      if (mode == Mode.STRICT) {
        throw error(strictMessage + " (read with the lenient mode to accept it)");
      }
      warnCounts.merge(what, 1L, Long::sum);
    }

    ArpaModel parse() throws IOException, AsrInputException {
      List<Long> header = readHeader();
      int order = header.size();
      // Unigrams first: they define the vocabulary, so that higher orders index words by id.
      while (t != null && t.isEmpty()) {
        String l = next();
        t = l == null ? null : l.strip();
      }
      if (t == null || !t.equals("\\1-grams:")) {
        throw error("expected \\1-grams:, got '" + t + "'");
      }
      List<String> uniWords = new ArrayList<>();
      List<float[]> uniValues = new ArrayList<>();
      Map<String, Integer> vocab = new HashMap<>();
      String[] f = new String[order + 2];
      readUnigrams(order, f, vocab, uniWords, uniValues);
      long total = 0;
      for (long c : header) {
        total += c;
      }
      ArpaModel m = new ArpaModel(order, vocab, (int) Math.min(Integer.MAX_VALUE - 8, total + 16));
      checkCount(m, 1, uniWords.size(), header.get(0));
      for (int i = 0; i < uniWords.size(); i++) {
        m.prob[i + 1] = (float) (uniValues.get(i)[0] * LN10);
        m.bow[i + 1] = (float) (uniValues.get(i)[1] * LN10);
      }
      m.counts[1] = uniWords.size();
      int[] ids = new int[order];
      for (int n = 2; n <= order; n++) {
        if (t == null || !t.equals("\\" + n + "-grams:")) {
          throw error("expected \\" + n + "-grams:, got '" + t + "'");
        }
        readOrder(m, n, vocab, header.get(n - 1), f, ids);
      }
      if (t == null || !t.equals("\\end\\")) {
        throw error("expected \\end\\, got '" + t + "'");
      }
      m.linkSuffixes();
      warnCounts.forEach((w, c) -> m.warnings.add(file + ": " + w + ": " + c));
      return m;
    }

    /**
     * Skips to {@code \data\} and reads its {@code ngram N=COUNT} lines; leaves {@link #t} at the
     * line that ended the section (null at the end of the file).
     */
    private List<Long> readHeader() throws IOException, AsrInputException {
      String l;
      while ((l = next()) != null && !l.strip().equals("\\data\\")) {
        // text before \data\ is a comment in the ARPA format
      }
      if (l == null) {
        throw AsrInputException.inFile(file, "no \\data\\ section; not an ARPA language model");
      }
      List<Long> header = new ArrayList<>();
      while ((l = next()) != null) {
        String s = l.strip();
        if (s.isEmpty()) {
          if (!header.isEmpty()) {
            break;
          }
          continue;
        }
        if (!s.startsWith("ngram ")) {
          if (s.startsWith("\\")) {
            break;
          }
          throw error("expected 'ngram N=COUNT' in the \\data\\ section, got '" + s + "'");
        }
        int eq = s.indexOf('=');
        try {
          int n = Integer.parseInt(s.substring(6, eq).strip());
          long c = Long.parseLong(s.substring(eq + 1).strip());
          if (n != header.size() + 1) {
            throw error("ngram orders must be listed as 1, 2, 3, ...; got " + n);
          }
          header.add(c);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          throw error("expected 'ngram N=COUNT', got '" + s + "'");
        }
      }
      if (header.isEmpty()) {
        throw error("the \\data\\ section lists no n-gram counts");
      }
      t = l == null ? null : l.strip();
      return header;
    }

    /** Reads the 1-grams into the vocabulary (word id = position) and their values. */
    private void readUnigrams(
        int order,
        String[] f,
        Map<String, Integer> vocab,
        List<String> uniWords,
        List<float[]> uniValues)
        throws IOException, AsrInputException {
      String l;
      while ((l = next()) != null) {
        t = l.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (t.startsWith("\\")) {
          break;
        }
        int nf = split(t, f);
        if (nf != 2 && nf != 3) {
          throw error("expected 'log10prob word [backoff]', got '" + t + "'");
        }
        String w = f[1];
        float p = probability(f[0]);
        float b = nf == 3 ? number(f[2]) : 0f;
        if (nf == 3 && order == 1) {
          quirk("back-off weight on the highest order", "back-off weight on the highest order");
          b = 0f;
        }
        if (nf == 3 && w.equals("</s>") && b != 0f) {
          quirk("back-off weight on </s> ignored", "</s> has a back-off weight but ends sentences");
          b = 0f;
        }
        if (vocab.containsKey(w)) {
          quirk("duplicate n-grams (last kept)", "duplicate unigram '" + w + "'");
          uniValues.set(vocab.get(w), new float[] {p, b});
          continue;
        }
        vocab.put(w, uniWords.size());
        uniWords.add(w);
        uniValues.add(new float[] {p, b});
      }
    }

    /** Reads the n-grams of order {@code n} (n >= 2) into the tree and checks their count. */
    private void readOrder(
        ArpaModel m, int n, Map<String, Integer> vocab, long declared, String[] f, int[] ids)
        throws IOException, AsrInputException {
      long seen = 0;
      long listed = 0;
      String l;
      while ((l = next()) != null) {
        t = l.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (t.startsWith("\\")) {
          break;
        }
        listed++;
        if (ngram(m, n, vocab, f, ids)) {
          seen++;
        }
      }
      checkCount(m, n, listed, declared);
      m.counts[n] = seen;
    }

    /** Stores the n-gram of line {@link #t}; false when a quirk drops it. */
    private boolean ngram(ArpaModel m, int n, Map<String, Integer> vocab, String[] f, int[] ids)
        throws AsrInputException {
      int order = m.order;
      int nf = split(t, f);
      if (nf != n + 1 && nf != n + 2) {
        throw error(
            "expected 'log10prob w1 .. w"
                + n
                + (n < order ? " [backoff]" : "")
                + "', got '"
                + t
                + "'");
      }
      float p = probability(f[0]);
      float b = 0f;
      if (nf == n + 2) {
        if (n == order) {
          quirk(
              "back-off weight on the highest order ignored",
              "back-off weight on an n-gram of the highest order");
        } else {
          b = number(f[n + 1]);
        }
      }
      if (!wordIds(n, vocab, f, ids)) {
        return false;
      }
      if (b != 0f && ids[n - 1] == m.endId) {
        quirk("back-off weight on </s> ignored", "an n-gram ending in </s> has a back-off");
        b = 0f;
      }
      int node = context(m, n, f, ids);
      int existing = m.child(node, ids[n - 1]);
      if (existing >= 0 && !Float.isNaN(m.prob[existing])) {
        quirk("duplicate n-grams (last kept)", "duplicate n-gram");
      }
      int id = existing >= 0 ? existing : m.newNode(node, ids[n - 1], n);
      m.prob[id] = (float) (p * LN10);
      m.bow[id] = (float) (b * LN10);
      return true;
    }

    /**
     * The word ids of the n-gram's words {@code f[1..n]} into {@code ids}; false when a word is
     * misplaced ({@code <s>} after the first, {@code </s>} before the last) or not a 1-gram.
     */
    private boolean wordIds(int n, Map<String, Integer> vocab, String[] f, int[] ids)
        throws AsrInputException {
      for (int i = 0; i < n; i++) {
        String w = f[i + 1];
        if (i > 0 && w.equals("<s>")) {
          quirk(
              "n-grams with <s> after the first word dropped (irstlm's <s> <s>)",
              "<s> may only be the first word of an n-gram");
          return false;
        }
        if (i < n - 1 && w.equals("</s>")) {
          quirk("n-grams with </s> before the last word dropped", "</s> must end an n-gram");
          return false;
        }
        Integer id = vocab.get(w);
        if (id == null) {
          quirk(
              "n-grams with words missing from the unigrams dropped",
              "word '" + w + "' is not listed in the 1-grams");
          return false;
        }
        ids[i] = id;
      }
      return true;
    }

    /** The tree node of the n-gram's context (its first n-1 words), added when not listed. */
    private int context(ArpaModel m, int n, String[] f, int[] ids) throws AsrInputException {
      int node = ROOT;
      for (int i = 0; i < n - 1; i++) {
        int c = m.child(node, ids[i]);
        if (c < 0 || Float.isNaN(m.prob[c])) {
          quirk(
              "n-grams whose context is not listed (context added)",
              "the context '"
                  + String.join(" ", Arrays.copyOfRange(f, 1, i + 2))
                  + "' of this n-gram is not listed in the "
                  + (i + 1)
                  + "-grams");
        }
        node = c >= 0 ? c : m.newNode(node, ids[i], i + 1);
      }
      return node;
    }

    private void checkCount(ArpaModel m, int n, long seen, long declared) throws AsrInputException {
      if (seen != declared) {
        quirk(
            "n-gram counts differ from the \\data\\ header",
            "the header declares " + declared + " " + n + "-grams but " + seen + " are listed");
      }
    }

    /**
     * A log10 probability: at most 0. A positive one (5.0) would be a probability of 10^5 and
     * silently distorts every hypothesis that uses it.
     */
    private float probability(String s) throws AsrInputException {
      float p = number(s);
      if (p > 0 || s.matches("\\+?(?i:inf(inity)?)")) {
        throw error(
            "log10 probability "
                + s
                + " is positive (a probability above 1); ARPA probabilities"
                + " are <= 0");
      }
      return p;
    }

    private float number(String s) throws AsrInputException {
      try {
        float v = Float.parseFloat(s);
        if (Float.isNaN(v)) {
          throw error("NaN is not a log-probability");
        }
        return Float.isInfinite(v) ? LOG10_ZERO : v;
      } catch (NumberFormatException e) {
        throw error("'" + s + "' is not a number");
      }
    }

    /** Splits on spaces and tabs into {@code f}; returns the field count (capped at f.length). */
    private static int split(String s, String[] f) {
      int n = 0;
      int i = 0;
      int len = s.length();
      while (i < len) {
        while (i < len && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
          i++;
        }
        if (i >= len) {
          break;
        }
        int j = i;
        while (j < len && s.charAt(j) != ' ' && s.charAt(j) != '\t') {
          j++;
        }
        if (n == f.length) {
          return n + 1;
        }
        f[n++] = s.substring(i, j);
        i = j;
      }
      return n;
    }
  }
}

package org.asrnas.decoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asrnas.core.Checks;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;

/**
 * The lexicon as a prefix tree over unit ids (flashlight's {@code Trie}): node 0 is the root, each
 * edge one unit, and a node lists the words whose pronunciation ends there (homophones share a
 * node). Immutable after {@link #build}, so one trie serves every decoding thread.
 */
public final class LexiconTrie {
  static final int ROOT = 0;

  private final List<String> words;
  private final int[] childStart;
  private final int[] childUnit;
  private final int[] childNode;
  private final int[] wordStart;
  private final int[] wordIds;
  private final List<String> skipped;
  private final int pronunciations;

  private LexiconTrie(
      List<String> words,
      int[] childStart,
      int[] childUnit,
      int[] childNode,
      int[] wordStart,
      int[] wordIds,
      List<String> skipped,
      int pronunciations) {
    this.words = words;
    this.childStart = childStart;
    this.childUnit = childUnit;
    this.childNode = childNode;
    this.wordStart = wordStart;
    this.wordIds = wordIds;
    this.skipped = skipped;
    this.pronunciations = pronunciations;
  }

  /**
   * Builds the trie of every pronunciation whose units are all in {@code units}; words with a unit
   * the model does not have are skipped (see {@link #skippedWords()}).
   */
  public static LexiconTrie build(Lexicon lexicon, Units units) {
    Checks.checkNotNull(lexicon, "lexicon");
    List<String> words = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<Map<Integer, Integer>> kids = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    kids.add(new HashMap<>());
    ends.add(new ArrayList<>());
    int prons = 0;
    for (String w : lexicon.words()) {
      int wordId = -1;
      for (List<String> p : lexicon.pronunciations(w)) {
        if (!p.stream().allMatch(units::contains) || p.contains(Units.BLANK)) {
          continue;
        }
        if (wordId < 0) {
          wordId = words.size();
          words.add(w);
        }
        int node = ROOT;
        for (String ph : p) {
          int u = units.id(ph);
          Integer next = kids.get(node).get(u);
          if (next == null) {
            next = kids.size();
            kids.add(new HashMap<>());
            ends.add(new ArrayList<>());
            kids.get(node).put(u, next);
          }
          node = next;
        }
        if (!ends.get(node).contains(wordId)) {
          ends.get(node).add(wordId);
          prons++;
        }
      }
      if (wordId < 0) {
        skipped.add(w);
      }
    }
    int n = kids.size();
    int[] childStart = new int[n + 1];
    int[] wordStart = new int[n + 1];
    int edges = 0;
    int labels = 0;
    for (int i = 0; i < n; i++) {
      edges += kids.get(i).size();
      labels += ends.get(i).size();
    }
    int[] childUnit = new int[edges];
    int[] childNode = new int[edges];
    int[] wordIds = new int[labels];
    int e = 0;
    int l = 0;
    for (int i = 0; i < n; i++) {
      childStart[i] = e;
      int[] us = kids.get(i).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
      for (int u : us) {
        childUnit[e] = u;
        childNode[e] = kids.get(i).get(u);
        e++;
      }
      wordStart[i] = l;
      for (int w : ends.get(i)) {
        wordIds[l++] = w;
      }
    }
    childStart[n] = e;
    wordStart[n] = l;
    return new LexiconTrie(
        List.copyOf(words),
        childStart,
        childUnit,
        childNode,
        wordStart,
        wordIds,
        List.copyOf(skipped),
        prons);
  }

  /** Words in the trie; a word's index here is its id in {@link #word(int)}. */
  public List<String> words() {
    return words;
  }

  public String word(int id) {
    return words.get(id);
  }

  /** Lexicon words left out because a unit of every pronunciation is not a model unit. */
  public List<String> skippedWords() {
    return skipped;
  }

  public int nodeCount() {
    return childStart.length - 1;
  }

  public int pronunciationCount() {
    return pronunciations;
  }

  int childStart(int node) {
    return childStart[node];
  }

  int childEnd(int node) {
    return childStart[node + 1];
  }

  int childUnit(int edge) {
    return childUnit[edge];
  }

  int childNode(int edge) {
    return childNode[edge];
  }

  int wordStart(int node) {
    return wordStart[node];
  }

  int wordEnd(int node) {
    return wordStart[node + 1];
  }

  int wordAt(int index) {
    return wordIds[index];
  }

  boolean hasChildren(int node) {
    return childStart[node + 1] > childStart[node];
  }

  @Override
  public String toString() {
    return "LexiconTrie["
        + words.size()
        + " words, "
        + nodeCount()
        + " nodes, skipped "
        + skipped.size()
        + "]"
        + (skipped.isEmpty() ? "" : " e.g. " + skipped.subList(0, Math.min(5, skipped.size())));
  }
}

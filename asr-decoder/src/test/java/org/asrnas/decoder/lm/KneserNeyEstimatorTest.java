package org.asrnas.decoder.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KneserNeyEstimatorTest {
  static final List<String> CORPUS =
      List.of(
          "the cat sat on the mat",
          "the dog sat on the mat",
          "a cat ran",
          "the cat ran on a mat",
          "a dog sat",
          "the dog ran");

  static List<List<String>> sentences(List<String> lines) {
    List<List<String>> out = new ArrayList<>();
    lines.forEach(l -> out.add(Arrays.asList(l.split(" "))));
    return out;
  }

  static ArpaModel build(Path dir, KneserNeyEstimator.Options o, List<List<String>> text)
      throws Exception {
    KneserNeyEstimator e = new KneserNeyEstimator(o);
    text.forEach(e::add);
    Path out = dir.resolve("lm.arpa");
    e.write(out);
    return ArpaModel.read(out); // strict
  }

  /** Every history the model lists, plus the empty one and <s>. */
  static void assertNormalised(ArpaModel lm, List<List<String>> histories) {
    for (List<String> h : histories) {
      double sum = 0;
      for (int w = 0; w < lm.vocabularySize(); w++) {
        if (lm.word(w).equals("<s>")) {
          continue;
        }
        sum += Math.pow(10, lm.log10Prob(h, lm.word(w)));
      }
      assertEquals(1.0, sum, 1e-4, "sum over words after " + h);
    }
  }

  static List<List<String>> histories(List<List<String>> text, int order) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    for (List<String> s : text) {
      List<String> t = new ArrayList<>();
      t.add("<s>");
      t.addAll(s);
      for (int i = 1; i <= t.size(); i++) {
        out.add(t.subList(Math.max(0, i - (order - 1)), i));
        out.add(t.subList(i - 1, i));
      }
    }
    out.add(List.of("mat", "cat")); // unseen history
    return out;
  }

  @Test
  void trigramModelLoadsStrictlyAndIsNormalised(@TempDir Path dir) throws Exception {
    List<List<String>> text = sentences(CORPUS);
    ArpaModel lm = build(dir, KneserNeyEstimator.Options.ofOrder(3), text);
    assertEquals(3, lm.order());
    assertTrue(lm.hasUnknownWord());
    assertNormalised(lm, histories(text, 3));
  }

  @Test
  void unigramValuesMatchHandComputedKneserNey(@TempDir Path dir) throws Exception {
    // Bigram model on "a b" twice and "b": continuation counts of unigrams: a: {<s>} = 1,
    // b: {a, <s>} = 2, </s>: {b} = 1, <unk>: 0. Tiny corpus -> fallback discounts 0.5, 1, 1.5.
    // Σa = 4, gamma = (0.5*2 + 1*1)/4 = 0.5, |V| = 4 (a, b, </s>, <unk>).
    // p(b) = (2 - 1)/4 + 0.5/4 = 0.375; p(a) = (1 - 0.5)/4 + 0.125 = 0.25; p(<unk>) = 0.125.
    ArpaModel lm =
        build(dir, KneserNeyEstimator.Options.ofOrder(2), sentences(List.of("a b", "a b", "b")));
    assertEquals(Math.log10(0.375), lm.log10Prob(List.of(), "b"), 1e-5);
    assertEquals(Math.log10(0.25), lm.log10Prob(List.of(), "a"), 1e-5);
    assertEquals(Math.log10(0.125), lm.log10Prob(List.of(), "<unk>"), 1e-5);
    // p(b | a): raw bigram counts a b = 2 (highest order), context a: Σ = 2, one extension with
    // count 2 -> D2 = 1: (2 - 1)/2 + (1*1/2) * p(b) = 0.5 + 0.5 * 0.375
    assertEquals(Math.log10(0.5 + 0.5 * 0.375), lm.log10Prob(List.of("a"), "b"), 1e-5);
  }

  @Test
  void vocabularyMapsOtherWordsToUnknownAndListsUnseenOnes(@TempDir Path dir) throws Exception {
    List<List<String>> text = sentences(CORPUS);
    KneserNeyEstimator.Options o =
        KneserNeyEstimator.Options.ofOrder(3)
            .withVocabulary(List.of("the", "cat", "sat", "on", "mat", "zebra"));
    KneserNeyEstimator e = new KneserNeyEstimator(o);
    text.forEach(e::add);
    KneserNeyEstimator.Summary s = e.write(dir.resolve("v.arpa"));
    assertEquals(6, s.sentences());
    assertEquals(9, s.unknownTokens(), s.format()); // a, dog, ran: three times each
    ArpaModel lm = ArpaModel.read(dir.resolve("v.arpa"));
    assertTrue(lm.wordId("zebra") >= 0, "unseen vocabulary word is listed");
    assertEquals(LanguageModel.UNKNOWN, lm.wordId("dog"));
    assertNormalised(lm, List.of(List.of(), List.of("<s>"), List.of("the"), List.of("<s>", "the")));
  }

  @Test
  void largerRandomCorpusUsesRealDiscountsAndStaysNormalised(@TempDir Path dir) throws Exception {
    Random r = new Random(3);
    String[] vocab = "a b c d e f g h i j k l".split(" ");
    List<List<String>> text = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      List<String> s = new ArrayList<>();
      int n = 1 + r.nextInt(8);
      for (int j = 0; j < n; j++) {
        // Zipf-ish choice so that counts-of-counts are all non-zero
        s.add(vocab[(int) Math.min(vocab.length - 1, Math.abs(r.nextGaussian()) * 4)]);
      }
      text.add(s);
    }
    KneserNeyEstimator e = new KneserNeyEstimator(KneserNeyEstimator.Options.ofOrder(3));
    text.forEach(e::add);
    KneserNeyEstimator.Summary s = e.write(dir.resolve("r.arpa"));
    // 12 words: every unigram has many left neighbours, so only order 1 may need the fallback
    assertTrue(!s.fallbackOrders().contains(2) && !s.fallbackOrders().contains(3), s.format());
    ArpaModel lm = ArpaModel.read(dir.resolve("r.arpa"));
    assertNormalised(lm, histories(text.subList(0, 30), 3));
    Perplexity p = Perplexity.of(lm, text.subList(0, 50));
    assertTrue(p.perplexity() > 1 && p.perplexity() < vocab.length + 1, p.format());
    assertEquals(0, p.oovs());
  }
}

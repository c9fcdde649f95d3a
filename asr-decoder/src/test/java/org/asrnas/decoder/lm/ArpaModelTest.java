package org.asrnas.decoder.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArpaModelTest {
  static Path resource(String name) throws Exception {
    return Path.of(ArpaModelTest.class.getResource("/org/asrnas/decoder/lm/" + name).toURI());
  }

  @Test
  void scoresMatchHandComputedBackoff() throws Exception {
    ArpaModel lm = ArpaModel.read(resource("tiny.arpa"));
    assertEquals(3, lm.order());
    assertEquals(6, lm.count(1));
    assertEquals(5, lm.count(2));
    assertEquals(2, lm.count(3));
    // listed trigram
    assertEquals(-0.1, lm.log10Prob(List.of("<s>", "the"), "cat"), 1e-6);
    // bow(<s> the) + p(sat | the) = -0.25 + -0.9
    assertEquals(-1.15, lm.log10Prob(List.of("<s>", "the"), "sat"), 1e-6);
    // bow(the cat) + bow(cat) + p(</s>) = -0.15 - 0.2 - 1.0
    assertEquals(-1.35, lm.log10Prob(List.of("the", "cat"), "</s>"), 1e-6);
    // bow(cat sat) + bow(sat) + p(the) = -0.05 - 0.1 - 0.7
    assertEquals(-0.85, lm.log10Prob(List.of("cat", "sat"), "the"), 1e-6);
    // unknown word: bow(the) + p(<unk>) = -0.3 - 2.0
    assertEquals(-2.3, lm.log10Prob(List.of("the"), "dog"), 1e-6);
    // a history longer than n-1 words is cut to its last two
    assertEquals(-0.05, lm.log10Prob(List.of("sat", "sat", "the", "cat"), "sat"), 1e-6);
  }

  @Test
  void sentenceScoreAndStatesThroughTheIntegerInterface() throws Exception {
    ArpaModel lm = ArpaModel.read(resource("tiny.arpa"));
    int s = lm.startState();
    double total = 0;
    for (String w : List.of("the", "cat", "sat", "</s>")) {
      long r = lm.score(s, lm.wordId(w));
      total += LanguageModel.scoreOf(r);
      s = LanguageModel.stateOf(r);
      if (w.equals("sat")) {
        assertEquals(List.of("cat", "sat"), lm.stateWords(s), "state keeps n-1 words");
      }
    }
    // -0.4 - 0.1 - 0.05 + (bow(cat sat) -0.05 + p(</s>|sat) -0.2)
    assertEquals(-0.8 * Math.log(10), total, 1e-5);
    assertTrue(lm.warnings().isEmpty());
  }

  @Test
  void statesAreMinimalSoEqualFuturesMerge() throws Exception {
    ArpaModel lm = ArpaModel.read(resource("tiny.arpa"));
    // "sat the" is not listed: after it only "the" matters, as after "<unk> the".
    assertEquals(lm.stateAfter(List.of("sat", "the")), lm.stateAfter(List.of("cat", "the")));
    assertEquals(List.of("the"), lm.stateWords(lm.stateAfter(List.of("sat", "the"))));
  }

  @Test
  void strictModeRejectsIrstlmQuirksWithTheLine() throws Exception {
    Path irst = resource("irstlm.arpa");
    AsrInputException e = assertThrows(AsrInputException.class, () -> ArpaModel.read(irst));
    List<String> lines = Files.readAllLines(irst);
    int firstQuirk = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.matches("^\\S+\\t</s>\\t.*") || l.contains("<s> <s>")) {
        firstQuirk = i + 1;
        break;
      }
    }
    assertEquals(firstQuirk, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains("lenient"), "the message says the fix");
  }

  @Test
  void lenientModeLoadsIrstlmAndDropsTheQuirks() throws Exception {
    ArpaModel lm = ArpaModel.read(resource("irstlm.arpa"), ArpaModel.Mode.LENIENT);
    assertEquals(3, lm.order());
    assertFalse(lm.warnings().isEmpty());
    assertTrue(
        lm.warnings().stream().anyMatch(w -> w.contains("<s> <s>")), lm.warnings().toString());
    // listed trigram "<s> the cat" = -0.504079
    assertEquals(-0.504079, lm.log10Prob(List.of("<s>", "the"), "cat"), 1e-6);
    // "mat </s>" keeps its probability; its back-off weight is ignored
    assertEquals(-0.0969096, lm.log10Prob(List.of("mat"), "</s>"), 1e-6);
  }

  @Test
  void strictModeRejectsAMissingContextAndWrongCounts(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.arpa");
    Files.writeString(
        f,
        "\\data\\\nngram 1=2\nngram 2=1\nngram 3=1\n\n\\1-grams:\n-1\ta\t-0.1\n-1\tb\n\n"
            + "\\2-grams:\n-0.5\ta a\n\n\\3-grams:\n-0.2\ta b a\n\n\\end\\\n");
    AsrInputException e = assertThrows(AsrInputException.class, () -> ArpaModel.read(f));
    assertTrue(e.getMessage().contains("context 'a b'"), e.getMessage());
    assertEquals(14, e.line());
    Path g = dir.resolve("count.arpa");
    Files.writeString(g, "\\data\\\nngram 1=3\n\n\\1-grams:\n-1\ta\n-1\tb\n\n\\end\\\n");
    AsrInputException c = assertThrows(AsrInputException.class, () -> ArpaModel.read(g));
    assertTrue(c.getMessage().contains("declares 3"), c.getMessage());
    ArpaModel lenient = ArpaModel.read(f, ArpaModel.Mode.LENIENT);
    // the unlisted context is only a path: states never stop there (KenLM's rule), so the
    // orphan trigram is unreachable and p(a | a b) backs off to p(a)
    assertEquals(-1.0, lenient.log10Prob(List.of("a", "b"), "a"), 1e-6);
    assertEquals(-1.1, lenient.log10Prob(List.of("a"), "b"), 1e-6);
  }

  @Test
  void cacheReturnsTheModelsAnswers() throws Exception {
    ArpaModel lm = ArpaModel.read(resource("tiny.arpa"));
    LmCache cache = new LmCache(lm, 10);
    for (int rep = 0; rep < 3; rep++) {
      for (int s = 0; s < 12; s++) {
        for (int w = -1; w < lm.vocabularySize(); w++) {
          assertEquals(lm.score(s, w), cache.score(s, w));
        }
      }
    }
    assertTrue(cache.hits() > 0);
  }
}

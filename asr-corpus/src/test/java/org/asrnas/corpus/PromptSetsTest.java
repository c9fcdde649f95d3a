package org.asrnas.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.asrnas.core.text.Lexicon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCorpusTest {
  static final String[] WORDS = {
    "the", "cat", "sat", "on", "a", "mat", "dog", "ran", "home", "saw", "big", "red", "house", "we",
    "like", "green", "trees", "you", "should", "go", "now", "i", "hell"
  };

  static Lexicon lexicon() {
    Map<String, List<List<String>>> m = new java.util.HashMap<>();
    for (String w : WORDS) {
      m.put(w, List.of(List.of("AH", "B"), List.of("C")));
    }
    return Lexicon.of(m);
  }

  @Test
  void filterKeepsCleanSentencesAndRejectsTheRest() {
    SentenceFilter f = SentenceFilter.defaults(lexicon());
    Sentence s = f.accept("The cat sat on a  mat").orElseThrow();
    assertEquals(List.of("THE", "CAT", "SAT", "ON", "A", "MAT"), s.words());
    assertEquals("The cat sat on a mat.", s.spoken(), "a final stop is added for prosody");
    assertEquals("I saw a big red house!", f.accept("\"I saw a big red house!\"").get().spoken());
    assertTrue(f.accept("The cat sat on 3 mats").isEmpty(), "digits");
    assertTrue(f.accept("The cat sat on the zebra").isEmpty(), "word not in the lexicon");
    assertTrue(f.accept("The cat sat on a hell mat").isEmpty(), "blocklisted word");
    assertTrue(f.accept("The CAT sat on a mat").isEmpty(), "all-caps word would be spelled");
    assertTrue(f.accept("the cat").isEmpty(), "too short");
    assertTrue(f.accept("The cat & the dog ran home").isEmpty(), "symbol");
  }

  @Test
  void splitsAreDisjointJoinedAndDeterministic() {
    List<String> raw = new ArrayList<>();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 600; i++) {
      int n = 3 + r.nextInt(6);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < n; k++) {
        sb.append(k == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length - 2)]);
      }
      raw.add(sb.toString());
      if (i % 10 == 0) {
        raw.add(sb + ".");
      }
    }
    PromptSets.Config cfg = new PromptSets.Config(3, 40, 50, 10, 20);
    PromptSets a = PromptSets.build(raw, SentenceFilter.defaults(lexicon()), cfg);
    PromptSets b = PromptSets.build(raw, SentenceFilter.defaults(lexicon()), cfg);
    PromptSets c = PromptSets.build(raw, SentenceFilter.defaults(lexicon()), cfg.withSeed(4));
    for (PromptSets.Split s : PromptSets.Split.values()) {
      assertEquals(a.prompts(s), b.prompts(s), "same seed, same prompts");
    }
    assertFalse(a.prompts(PromptSets.Split.EVAL).equals(c.prompts(PromptSets.Split.EVAL)));
    Set<String> trainSentences = sentencesOf(a.prompts(PromptSets.Split.TRAIN));
    for (PromptSets.Split s : List.of(PromptSets.Split.DEV, PromptSets.Split.EVAL)) {
      for (String sent : sentencesOf(a.prompts(s))) {
        assertFalse(trainSentences.contains(sent), "test sentence in training: " + sent);
      }
    }
    // Deduplicated: the sentence with and without a final stop is one sentence.
    assertTrue(a.stats().accepted() - a.stats().unique() >= 60, "at least the 60 repeats removed");
    int n = 0;
    for (Prompt p : a.prompts(PromptSets.Split.TRAIN)) {
      assertTrue(p.wordCount() <= 20, p.toString());
      n += p.wordCount() >= 10 ? 1 : 0;
    }
    int total = a.prompts(PromptSets.Split.TRAIN).size();
    assertTrue(n >= total - 1, "all but the last prompt reach the minimum length");
    assertTrue(a.prompts(PromptSets.Split.TRAIN).get(0).id().startsWith("tr"));
  }

  private static Set<String> sentencesOf(List<Prompt> prompts) {
    Set<String> out = new HashSet<>();
    for (Prompt p : prompts) {
      for (String s : p.spoken().split("(?<=[.!?]) ")) {
        out.add(s);
      }
    }
    return out;
  }

  @Test
  void readsWordnetAndFortunes(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("data.noun"),
        "  1 This software and database is provided \"AS IS\"\n"
            + "00002684 03 n 02 cat 0 001 @ 00001930 n 0000 | a feline; \"the cat sat on a mat\";"
            + " \"we like green trees\"\n",
        StandardCharsets.ISO_8859_1);
    Path fo = dir.resolve("fortunes");
    Files.createDirectories(fo);
    Files.writeString(
        fo.resolve("wisdom"),
        "You should go home.  I saw Mr. Big now!\n\t\t-- Somebody\n%\nThe dog ran home.\n%\n");
    Files.writeString(fo.resolve("wisdom.dat"), "binary");
    Files.writeString(fo.resolve("ethnic"), "The cat sat on a mat.\n%\n");
    assertEquals(
        List.of("the cat sat on a mat", "we like green trees"), RawSentences.wordnetExamples(dir));
    assertEquals(
        List.of("You should go home.", "I saw Mr. Big now!", "The dog ran home."),
        RawSentences.fortunes(fo, RawSentences.EXCLUDED_FORTUNE_FILES));
  }

  @Test
  void promptsRoundTrip(@TempDir Path dir) throws Exception {
    Prompt p =
        Prompt.of(
            "tr000001",
            List.of(
                new Sentence("The cat sat.", List.of("THE", "CAT", "SAT")),
                new Sentence("We go.", List.of("WE", "GO"))));
    assertEquals("THE CAT SAT WE GO", p.transcript());
    assertEquals("The cat sat. We go.", p.spoken());
    Files.writeString(dir.resolve("p.tsv"), p.toLine() + "\n");
    assertEquals(List.of(p), PromptSets.readPrompts(dir.resolve("p.tsv")));
    Files.writeString(dir.resolve("bad.tsv"), "x\ty\n");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.asrnas.core.AsrInputException.class,
            () -> PromptSets.readPrompts(dir.resolve("bad.tsv")));
    assertTrue(e.getMessage().contains("bad.tsv") && e.getMessage().contains("3 tab-separated"));
  }

  @Test
  void lexiconHasFirstPronunciationAndNonSpeechWords() {
    Lexicon lex = LexiconBuilder.build(lexicon(), List.of("cat", "dog", "zebra"), false, true);
    assertEquals(List.of(List.of("AH", "B")), lex.pronunciations("CAT"));
    assertEquals(List.of(List.of("NSN")), lex.pronunciations("<NOISE>"));
    assertEquals(List.of(List.of("SPN")), lex.pronunciations("<UNK>"));
    assertEquals(5, lex.size(), "cat, dog and three non-speech words; zebra is missing");
    assertEquals(List.of("ZEBRA"), LexiconBuilder.missing(lexicon(), List.of("ZEBRA", "<NOISE>")));
    assertEquals(
        2,
        LexiconBuilder.build(lexicon(), List.of("cat"), true, false).pronunciations("cat").size());
    assertEquals(
        Set.of("CAT", "SAT"),
        Set.copyOf(LexiconBuilder.vocabulary(List.of("u1 cat sat", "u2 CAT"), true)));
  }
}

package org.asrnas.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconUnitsTest {
  @TempDir Path tmp;

  private Path cmudict() throws Exception {
    Path f = tmp.resolve("cmudict.dict");
    Files.write(
        f,
        List.of(
            ";;; a comment line",
            "read R IY1 D",
            "read(2) R EH1 D",
            "the DH AH0",
            "the(2) DH AH1",
            "the(3) DH IY0",
            "d'artagnan D AH0 T AE1 NG Y AH0 N # foreign french",
            "yes Y EH1 S"));
    return f;
  }

  @Test
  void readsCmudictAlternatesAndComments() throws Exception {
    Lexicon lex = Lexicon.read(cmudict());
    assertEquals(4, lex.size());
    assertEquals(
        List.of(List.of("R", "IY1", "D"), List.of("R", "EH1", "D")), lex.pronunciations("READ"));
    assertEquals(3, lex.pronunciations("the").size());
    assertEquals(
        List.of("D", "AH0", "T", "AE1", "NG", "Y", "AH0", "N"),
        lex.pronunciations("D'ARTAGNAN").get(0));
    assertTrue(lex.pronunciations("NOPE").isEmpty());
    assertEquals(1, lex.firstPronunciationOnly().pronunciations("THE").size());
  }

  @Test
  void stressIsStrippedOrKept() throws Exception {
    Lexicon lex = Lexicon.read(cmudict());
    assertTrue(lex.phones().contains("IY1"));
    Lexicon plain = lex.withoutStress();
    assertEquals(
        Set.of("AE", "AH", "D", "DH", "EH", "IY", "N", "NG", "R", "S", "T", "Y"), plain.phones());
    // DH AH0 and DH AH1 merge into one pronunciation once stress is gone.
    assertEquals(2, plain.pronunciations("THE").size());
  }

  @Test
  void lexiconRoundTripsThroughKaldiFormat() throws Exception {
    Lexicon lex = Lexicon.read(cmudict()).with("<NOISE>", List.of("NSN"));
    Path out = tmp.resolve("lexicon.txt");
    lex.write(out);
    assertTrue(Files.readAllLines(out).contains("READ R EH1 D"));
    Lexicon back = Lexicon.read(out);
    assertEquals(lex.words(), back.words());
    for (String w : lex.words()) {
      assertEquals(lex.pronunciations(w), back.pronunciations(w));
    }
  }

  @Test
  void wordWithoutPhonesIsAnErrorWithLine() throws Exception {
    Path f = tmp.resolve("bad.dict");
    Files.write(f, List.of("yes Y EH1 S", "broken"));
    AsrInputException e = assertThrows(AsrInputException.class, () -> Lexicon.read(f));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("bad.dict:2"));
  }

  @Test
  void unitsFromLexiconHaveBlankFirstAndRoundTrip() throws Exception {
    Units u = Units.fromLexicon(Lexicon.read(cmudict()).withoutStress());
    assertEquals(Units.BLANK, u.symbol(0));
    assertEquals(13, u.size());
    assertEquals("AE", u.symbol(1));
    Path f = tmp.resolve("units.txt");
    u.write(f);
    assertEquals("<blk> 0", Files.readAllLines(f).get(0));
    Units back = Units.read(f);
    assertEquals(u, back);
    int[] ids = u.encode(List.of("Y", "EH", "S"));
    assertEquals(List.of("Y", "EH", "S"), u.decode(ids));
    assertThrows(IllegalArgumentException.class, () -> u.id("ZH"));
  }

  @Test
  void unitsFromTextAreCharacters() {
    Units u = Units.fromText(List.of("AB BA", "C'A"));
    assertEquals(List.of("<blk>", "<space>", "'", "A", "B", "C"), u.symbols());
    assertArrayEquals(new int[] {3, 4}, u.encode(List.of("A", "B")));
  }

  @Test
  void badUnitsFilesAreRejected() throws Exception {
    Path f = tmp.resolve("u.txt");
    Files.write(f, List.of("A 0", "B 1"));
    assertTrue(
        assertThrows(AsrInputException.class, () -> Units.read(f)).getMessage().contains("blank"));
    Files.write(f, List.of("<blk> 0", "B 2"));
    assertEquals(2, assertThrows(AsrInputException.class, () -> Units.read(f)).line());
  }

  @Test
  void normalizerPlainAndWsj() {
    TextNormalizer plain = new TextNormalizer(TextNormalizer.Style.PLAIN);
    assertEquals(
        "IT'S A WELL-KNOWN FACT SAID HE",
        plain.normalize("  \"It's a well-known fact,\" said he... "));
    assertEquals("BLACK WHITE", plain.normalize("black -- white"));
    TextNormalizer wsj = new TextNormalizer(TextNormalizer.Style.WSJ);
    assertEquals(
        "THE <NOISE> MARKET ROSE ,COMMA TODAY",
        wsj.normalize(
            "The [loud_breath] [<door_slam] market ~ *rose* . ,COMMA [door_slam>] <today>"));
    assertEquals("LONG EMPHASIS", wsj.normalize(":long !emphasis [/phone_ring]"));
  }

  @Test
  void oovReportCountsTokensAndTypes() throws Exception {
    Lexicon lex = Lexicon.read(cmudict());
    OovReport r =
        OovReport.of(List.of("READ THE BOOK", "THE BOOK <NOISE>", "YES"), lex, Set.of("<NOISE>"));
    assertEquals(7, r.tokens());
    assertEquals(2, r.oovTokens());
    assertEquals(5, r.types());
    assertEquals(1, r.oovTypes());
    assertEquals("BOOK", r.topOov().get(0).getKey());
    assertEquals(100.0 * 2 / 7, r.tokenRatePercent(), 1e-9);
    assertTrue(r.toString().contains("(28.57%)"), "numbers must not use decimal commas: " + r);
  }
}

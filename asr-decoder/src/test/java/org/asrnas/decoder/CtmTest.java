package org.asrnas.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.asrnas.core.text.Units;
import org.junit.jupiter.api.Test;

class CtmTest {
  @Test
  void wordsAtTheFrameShiftAndOffset() {
    Hypothesis h =
        new Hypothesis(
            new int[] {3, 1, 2, 1},
            List.of("CAB", "A"),
            -1,
            -1,
            0,
            List.of(new Span(1, 2, 0.9), new Span(3, 4, 0.8), new Span(5, 7, 1), new Span(8, 9, 1)),
            List.of(new Span(1, 7, 0.91234), new Span(8, 9, 0.5)));
    List<String> lines =
        Ctm.lines("sw01", "A", h, LexiconDecoderTestLexicon.UNITS, 0.03, 12.5).stream()
            .map(Ctm.Line::format)
            .toList();
    assertEquals(List.of("sw01 A 12.53 0.18 CAB 0.912", "sw01 A 12.74 0.03 A 0.500"), lines);
  }

  @Test
  void unitsWithoutWordsAndCharactersJoinedIntoWords() {
    Hypothesis phones =
        new Hypothesis(
            new int[] {3, 1},
            List.of(),
            -1,
            -1,
            0,
            List.of(new Span(1, 2, 0.9), new Span(4, 6, 0.8)),
            List.of());
    assertEquals(
        List.of("u1 1 0.01 0.01 c 0.900", "u1 1 0.04 0.02 a 0.800"),
        Ctm.lines("u1", "1", phones, LexiconDecoderTestLexicon.UNITS, 0.01, 0).stream()
            .map(Ctm.Line::format)
            .toList());
    Units chars = Units.of(List.of(Units.SPACE, "a", "b"));
    Hypothesis h =
        new Hypothesis(
            new int[] {2, 3, 1, 2},
            List.of(),
            -1,
            -1,
            0,
            List.of(new Span(0, 1, 0.5), new Span(2, 4, 1), new Span(5, 6, 1), new Span(7, 8, 1)),
            List.of());
    List<Ctm.Line> lines = Ctm.lines("u", "1", h, chars, 0.04, 0);
    assertEquals(List.of("ab", "a"), lines.stream().map(Ctm.Line::token).toList());
    assertEquals(0.0, lines.get(0).startSeconds(), 1e-12);
    assertEquals(0.16, lines.get(0).endSeconds(), 1e-12);
    assertEquals(Math.exp(Math.log(0.5) / 3), lines.get(0).confidence(), 1e-12);
    assertEquals(0.28, lines.get(1).startSeconds(), 1e-12);
  }

  @Test
  void aHypothesisWithoutTimesIsRejected() {
    Hypothesis h = new Hypothesis(new int[0], List.of("A"), 0, 0, 0);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ctm.lines("u1", "1", h, LexiconDecoderTestLexicon.UNITS, 0.01, 0));
    assertEquals(
        "the hypothesis of u1 has 1 tokens but no times (the decoder did not track them)",
        e.getMessage());
    Hypothesis empty = new Hypothesis(new int[0], List.of(), 0, 0, 0);
    assertEquals(List.of(), Ctm.lines("u1", "1", empty, LexiconDecoderTestLexicon.UNITS, 0.01, 0));
  }
}

package org.asrnas.recognizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.DecoderSetup;
import org.asrnas.decoder.Hypothesis;
import org.asrnas.decoder.Span;
import org.asrnas.decoder.lm.LanguageModel;
import org.junit.jupiter.api.Test;

/** Decoder spans (output frames) become seconds; no spans mean NaN ("unknown"). */
class SpanTimesTest {
  static final double SHIFT = 0.03;

  @Test
  void wordSpansBecomeSecondsOfTheOutputFrameShift() {
    DecoderSetup setup =
        DecoderSetup.of(Units.of(List.of("H", "L")), Optional.empty(), LanguageModel.NONE);
    Hypothesis h =
        new Hypothesis(
            new int[] {2, 1},
            List.of("LOW", "HIGH"),
            -1.5,
            -1.0,
            -0.5,
            List.of(new Span(3, 5, 0.9), new Span(10, 12, 0.8)),
            List.of(new Span(2, 6, 0.7), new Span(9, 13, 0.6)));
    Alternative a = Recognizer.alternative(h, setup, SHIFT);
    assertEquals("LOW HIGH", a.text());
    assertEquals(new Word("LOW", 2 * SHIFT, 6 * SHIFT, 0.7), a.words().get(0));
    assertEquals(new Word("HIGH", 9 * SHIFT, 13 * SHIFT, 0.6), a.words().get(1));
    assertEquals(new Unit("L", 3 * SHIFT, 5 * SHIFT, 0.9), a.units().get(0));
    assertEquals(new Unit("H", 10 * SHIFT, 12 * SHIFT, 0.8), a.units().get(1));
    assertEquals(-1.5, a.score());
    assertEquals(-1.0, a.acousticScore());
    assertEquals(-0.5, a.lmScore());
  }

  @Test
  void withoutSpansTimesAndConfidencesAreNaN() {
    DecoderSetup setup =
        DecoderSetup.of(Units.of(List.of("H", "L")), Optional.empty(), LanguageModel.NONE);
    Alternative a =
        Recognizer.alternative(
            new Hypothesis(new int[] {2, 1}, List.of("LOW", "HIGH"), -1, -1, 0), setup, SHIFT);
    for (Word w : a.words()) {
      assertFalse(w.hasTimes());
      assertTrue(Double.isNaN(w.startSeconds()) && Double.isNaN(w.confidence()));
    }
    for (Unit u : a.units()) {
      assertFalse(u.hasTimes());
    }
    Alternative phones =
        Recognizer.alternative(
            new Hypothesis(new int[] {2, 1}, List.of(), -1, -1, 0), setup, SHIFT);
    assertEquals(List.of(Word.untimed("L"), Word.untimed("H")), phones.words());
  }

  /** Phone units: every unit is a word of the transcript, timed by its own span. */
  @Test
  void phoneOutputIsTimedByItsUnitSpans() {
    DecoderSetup setup =
        DecoderSetup.of(Units.of(List.of("AH", "B")), Optional.empty(), LanguageModel.NONE);
    Hypothesis h =
        new Hypothesis(
            new int[] {2, 1},
            List.of(),
            -2,
            -2,
            0,
            List.of(new Span(0, 1, 0.5), new Span(4, 6, 1.0)),
            List.of());
    Alternative a = Recognizer.alternative(h, setup, SHIFT);
    assertEquals("B AH", a.text());
    assertEquals(
        List.of(new Word("B", 0, SHIFT, 0.5), new Word("AH", 4 * SHIFT, 6 * SHIFT, 1.0)),
        a.words());
  }

  /** Character units: a word runs from its first character's start to its last one's end. */
  @Test
  void characterOutputGroupsUnitsIntoWordsAtSpace() {
    Units units = Units.of(List.of("a", "b", "c", Units.SPACE));
    DecoderSetup setup = DecoderSetup.of(units, Optional.empty(), LanguageModel.NONE);
    int sp = units.id(Units.SPACE);
    Hypothesis h =
        new Hypothesis(
            new int[] {units.id("a"), units.id("b"), sp, units.id("c")},
            List.of(),
            -2,
            -2,
            0,
            List.of(
                new Span(1, 2, 0.9), new Span(3, 4, 0.4), new Span(5, 6, 1), new Span(8, 9, 0.8)),
            List.of());
    Alternative a = Recognizer.alternative(h, setup, SHIFT);
    assertEquals("ab c", a.text());
    assertEquals(
        List.of(new Word("ab", SHIFT, 4 * SHIFT, 0.4), new Word("c", 8 * SHIFT, 9 * SHIFT, 0.8)),
        a.words());
  }
}

package org.asrnas.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.decoder.lm.LanguageModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BatchDecodingTest {
  @Test
  void threadsGiveTheSameResultsInInputOrder() throws Exception {
    Random r = new Random(1);
    Map<String, FloatMatrix> utts = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      utts.put("utt" + (40 - i), TestMatrices.random(r, 20 + r.nextInt(50), 6, 3.0));
    }
    PrefixBeamDecoder.Options o = PrefixBeamDecoder.Options.defaults().withBeamSize(8);
    Map<String, BatchDecoding.Result> one =
        BatchDecoding.decodeAll(utts, () -> new PrefixBeamDecoder(o), 1);
    Map<String, BatchDecoding.Result> four =
        BatchDecoding.decodeAll(utts, () -> new PrefixBeamDecoder(o), 4);
    assertEquals(List.copyOf(utts.keySet()), List.copyOf(four.keySet()));
    for (String k : utts.keySet()) {
      assertTrue(Arrays.equals(one.get(k).best().units(), four.get(k).best().units()), k);
      assertEquals(one.get(k).best().score(), four.get(k).best().score(), 0.0);
    }
  }

  /** Issue 17: one unreadable or NaN utterance is named and left out; the others are decoded. */
  @Test
  void aBadUtteranceIsSkippedAndNamedWithASinkAndEndsTheBatchWithout() throws Exception {
    Random r = new Random(3);
    Map<String, FloatMatrix> utts = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      utts.put("u" + i, TestMatrices.random(r, 30, 5, 3.0));
    }
    utts.get("u2").data()[17] = Float.NaN;
    BatchDecoding.Source source =
        k -> {
          if (k.equals("u4")) {
            throw new java.io.IOException("feats.ark (byte 99): truncated " + "x".repeat(500));
          }
          return utts.get(k);
        };
    List<String> keys = List.copyOf(utts.keySet());
    PrefixBeamDecoder.Options o = PrefixBeamDecoder.Options.defaults().withBeamSize(4);
    List<BatchDecoding.Skipped> skipped = Collections.synchronizedList(new ArrayList<>());
    List<BatchDecoding.Result> res =
        BatchDecoding.decodeAll(
            keys, source, () -> new PrefixBeamDecoder(o), 2, x -> {}, skipped::add);
    assertEquals(
        List.of("u0", "u1", "u3", "u5"), res.stream().map(BatchDecoding.Result::key).toList());
    skipped.sort((a, b) -> a.key().compareTo(b.key()));
    assertEquals(List.of("u2", "u4"), skipped.stream().map(BatchDecoding.Skipped::key).toList());
    assertTrue(skipped.get(0).reason().contains("NaN at frame 3"), skipped.get(0).reason());
    assertTrue(skipped.get(1).reason().startsWith("feats.ark (byte 99)"));
    assertTrue(skipped.get(1).reason().length() <= BatchDecoding.MAX_REASON_CHARS);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BatchDecoding.decodeAll(
                List.of("u2"), source, () -> new PrefixBeamDecoder(o), 1, x -> {}));
  }

  /** Decoding a long utterance a second time must allocate next to nothing per frame. */
  @Test
  void lexiconDecoderDoesNotAllocatePerFrame() {
    Assumptions.assumeTrue(BatchDecoding.allocatedBytes() >= 0, "JVM cannot measure allocation");
    Random r = new Random(2);
    int frames = 3000;
    int[] path = new int[frames];
    for (int t = 0; t < frames; t++) {
      path[t] = t % 3 == 0 ? 0 : 1 + r.nextInt(3);
    }
    FloatMatrix m = TestMatrices.peaked(path, 4, 0.8);
    LexiconDecoder d =
        new LexiconDecoder(
            LexiconTrie.build(LexiconDecoderTestLexicon.lexicon(), LexiconDecoderTestLexicon.UNITS),
            LanguageModel.NONE,
            LexiconDecoder.Options.defaults().withBeamSize(32));
    d.decode(m); // warm-up: buffers reach their size
    long before = BatchDecoding.allocatedBytes();
    d.decode(m);
    long perFrame = (BatchDecoding.allocatedBytes() - before) / frames;
    // the word history grows with the words kept (a few ints per frame at most) and the result,
    // which holds a Span and a trace record per unit (a unit every 1.5 frames here: measured 62
    // bytes per frame with spans, 11 without); scratch buffers allocated per frame would be far
    // more
    assertTrue(perFrame < 96, "bytes allocated per frame: " + perFrame);
  }
}

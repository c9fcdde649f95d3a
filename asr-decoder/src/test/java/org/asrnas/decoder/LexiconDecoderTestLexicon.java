package org.asrnas.decoder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;

/** A small lexicon over units a, b, c for decoder tests. */
final class LexiconDecoderTestLexicon {
  static final Units UNITS = Units.of(List.of("a", "b", "c"));

  private LexiconDecoderTestLexicon() {}

  static Lexicon lexicon() {
    Map<String, List<List<String>>> m = new LinkedHashMap<>();
    m.put("A", List.of(List.of("a")));
    m.put("B", List.of(List.of("b")));
    m.put("C", List.of(List.of("c")));
    m.put("AB", List.of(List.of("a", "b")));
    m.put("BCA", List.of(List.of("b", "c", "a")));
    m.put("CC", List.of(List.of("c", "c")));
    return Lexicon.of(m);
  }
}

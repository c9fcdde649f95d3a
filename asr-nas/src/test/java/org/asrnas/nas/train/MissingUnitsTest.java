package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F11 of the reliability review: a lexicon unit missing from units.txt that would drop most of the
 * training utterances fails with the count and examples instead of training on the rest.
 */
class MissingUnitsTest {
  @TempDir Path tmp;

  @Test
  void lexiconUnitMissingFromUnitsFailsWithCountAndExamples() throws Exception {
    Path data = tmp.resolve("data/train");
    Path lang = tmp.resolve("data/lang");
    TinyCorpus.write(data, lang, 20, 3);
    Path units = lang.resolve("units.txt");
    // Rename the first pronunciation's first unit in the lexicon only (as lang_badunit did).
    List<String> lex = Files.readAllLines(lang.resolve("lexicon.txt"));
    String unit = lex.get(0).split(" ")[1];
    Files.write(
        lang.resolve("lexicon.txt"),
        lex.stream().map(l -> l.replace(" " + unit, " ZZ")).collect(Collectors.toList()));
    AsrInputException e =
        assertThrows(
            AsrInputException.class,
            () ->
                Corpus.load(
                    data,
                    Units.read(units),
                    Lexicon.read(lang.resolve("lexicon.txt")),
                    true,
                    true));
    String m = e.getMessage();
    assertTrue(m.startsWith(units + ": "), m);
    assertTrue(
        m.matches(
            "(?s).*: \\d+ of 20 utterances \\(\\d+\\.\\d%\\) use units that are not in units.txt: 'ZZ' \\(\\d+ utterances, e\\.g\\. .*"),
        m);
  }

  @Test
  void aFewSkippedUtterancesAreStillOnlyReported() throws Exception {
    Path data = tmp.resolve("ok/train");
    Path lang = tmp.resolve("ok/lang");
    TinyCorpus.write(data, lang, 20, 3);
    Corpus c =
        Corpus.load(
            data,
            Units.read(lang.resolve("units.txt")),
            Lexicon.read(lang.resolve("lexicon.txt")),
            true,
            true);
    assertTrue(c.items().size() > 0);
  }
}

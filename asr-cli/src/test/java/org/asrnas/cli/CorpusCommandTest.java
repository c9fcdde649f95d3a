package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusCommandTest {
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();

  /** Runs asr, keeping the output of every run of the test. */
  private int run(String... args) {
    CliRunner r = CliRunner.run(args);
    out.append(r.out());
    err.append(r.err());
    return r.exitCode();
  }

  private static Path dict(Path dir) throws Exception {
    Path d = dir.resolve("dict");
    Files.writeString(
        d,
        "the DH AH\nthe(2) DH IY\ncat K AE T\nsat S AE T\non AA N\na AH\nmat M AE T\n"
            + "dog D AO G\nran R AE N\nhome HH OW M\n");
    return d;
  }

  @Test
  void sentencesLexiconAndUnitsFromTheCommandLine(@TempDir Path dir) throws Exception {
    Path wn = dir.resolve("wordnet");
    Files.createDirectories(wn);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sb.append(
          String.format(
              "%08d 03 n 01 x 0 000 | gloss; \"the cat sat on a mat %s\"%n",
              i, "the dog ran home ".repeat(i % 3)));
    }
    Files.writeString(wn.resolve("data.noun"), sb.toString());
    Path fo = dir.resolve("fortunes");
    Files.createDirectories(fo);
    Files.writeString(fo.resolve("misc"), "The dog ran home.\n%\nThe cat ran.\n%\n");
    assertEquals(
        0,
        run(
            "corpus",
            "sentences",
            "--dict",
            dict(dir).toString(),
            "--wordnet",
            wn.toString(),
            "--fortunes",
            fo.toString(),
            "--out",
            dir.resolve("p").toString(),
            "--test-sentences",
            "1",
            "--prompt-words",
            "3:12"),
        err.toString());
    assertTrue(out.toString().contains("clean: 42; unique: 5"), out.toString());
    assertTrue(Files.readString(dir.resolve("p/train.tsv")).contains("\tThe "));

    assertEquals(
        0,
        run(
            "corpus",
            "lexicon",
            "--dict",
            dict(dir).toString(),
            "--words-from",
            dir.resolve("p/train.text").toString(),
            "--out",
            dir.resolve("lexicon.txt").toString(),
            "--units",
            dir.resolve("units.txt").toString(),
            "--report",
            dir.resolve("p/eval.text").toString()),
        err.toString());
    List<String> lex = Files.readAllLines(dir.resolve("lexicon.txt"));
    assertTrue(lex.contains("THE DH AH"), "first pronunciation only: " + lex);
    assertTrue(!lex.contains("THE DH IY"));
    assertTrue(
        lex.contains("<NOISE> NSN") && lex.contains("<SPN> SPN") && lex.contains("<UNK> SPN"));
    List<String> units = Files.readAllLines(dir.resolve("units.txt"));
    assertEquals("<blk> 0", units.get(0));
    assertTrue(units.stream().anyMatch(u -> u.startsWith("NSN ")), units.toString());
    assertTrue(out.toString().contains("OOV tokens: 0 of"), out.toString());
  }

  @Test
  void augmentWritesKaldiSpeedCopies(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("wav.scp"), "s1_u1 /x/u1.sph\ns1_u2 /x/u2.sph\n");
    Files.writeString(in.resolve("text"), "s1_u1 THE CAT\ns1_u2 THE DOG\n");
    Files.writeString(in.resolve("utt2spk"), "s1_u1 s1\ns1_u2 s1\n");
    Files.writeString(in.resolve("spk2utt"), "s1 s1_u1 s1_u2\n");
    assertEquals(
        0, run("corpus", "augment", in.toString(), dir.resolve("sp").toString()), err.toString());
    List<String> utt2spk = Files.readAllLines(dir.resolve("sp/utt2spk"));
    assertEquals(
        List.of(
            "s1_u1 s1",
            "s1_u2 s1",
            "sp0.9-s1_u1 sp0.9-s1",
            "sp0.9-s1_u2 sp0.9-s1",
            "sp1.1-s1_u1 sp1.1-s1",
            "sp1.1-s1_u2 sp1.1-s1"),
        utt2spk);
    assertEquals(2, run("corpus", "augment", in.toString()), "missing OUT is a usage error");
  }
}

package org.asrnas.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the validator has a passing fixture and a failing one. */
class DataDirValidatorTest {
  @TempDir Path tmp;

  /** A valid directory without segments: 2 speakers, 3 utterances. */
  static void writeGood(Path d) throws IOException {
    Files.createDirectories(d);
    write(
        d,
        "wav.scp",
        "spkA-u1 /audio/a1.wav",
        "spkA-u2 sph2pipe -f wav -p -c 1 /audio/a2.sph |",
        "spkB-u1 /audio/b1.wav");
    write(d, "text", "spkA-u1 HELLO WORLD", "spkA-u2 GOOD MORNING", "spkB-u1 YES");
    write(d, "utt2spk", "spkA-u1 spkA", "spkA-u2 spkA", "spkB-u1 spkB");
    write(d, "spk2utt", "spkA spkA-u1 spkA-u2", "spkB spkB-u1");
  }

  /** A valid directory with segments and reco2file_and_channel. */
  static void writeGoodSegments(Path d) throws IOException {
    Files.createDirectories(d);
    write(
        d,
        "wav.scp",
        "sw02001-A sph2pipe -f wav -p -c 1 sw02001.sph |",
        "sw02001-B sph2pipe -f wav -p -c 2 sw02001.sph |");
    write(
        d,
        "segments",
        "sw02001-A_000010-000200 sw02001-A 0.10 2.00",
        "sw02001-A_000300-000400 sw02001-A 3.00 4.00",
        "sw02001-B_000050-000100 sw02001-B 0.5 1.0");
    write(
        d,
        "text",
        "sw02001-A_000010-000200 UH-HUH YEAH",
        "sw02001-A_000300-000400 RIGHT",
        "sw02001-B_000050-000100 OKAY");
    write(
        d,
        "utt2spk",
        "sw02001-A_000010-000200 sw02001-A",
        "sw02001-A_000300-000400 sw02001-A",
        "sw02001-B_000050-000100 sw02001-B");
    write(
        d,
        "spk2utt",
        "sw02001-A sw02001-A_000010-000200 sw02001-A_000300-000400",
        "sw02001-B sw02001-B_000050-000100");
    write(d, "reco2file_and_channel", "sw02001-A sw02001 A", "sw02001-B sw02001 B");
  }

  static void write(Path d, String name, String... lines) throws IOException {
    Files.write(d.resolve(name), List.of(lines), StandardCharsets.UTF_8);
  }

  private static DataDirValidator.Report check(Path d) throws IOException {
    return DataDirValidator.validate(
        d, DataDirValidator.Options.defaults().withCheckAudioFilesExist(false));
  }

  @Test
  void acceptsGoodDirectories() throws Exception {
    Path a = tmp.resolve("a");
    writeGood(a);
    DataDirValidator.Report r = check(a);
    assertTrue(r.isValid(), r.problems().toString());
    DataDir d = r.dataDir().orElseThrow();
    assertEquals(3, d.utterances().size());
    assertTrue(d.wavScp().get("spkA-u2").isPipe());
    assertEquals("sph2pipe -f wav -p -c 1 /audio/a2.sph", d.wavScp().get("spkA-u2").command());

    Path b = tmp.resolve("b");
    writeGoodSegments(b);
    r = check(b);
    assertTrue(r.isValid(), r.problems().toString());
    d = r.dataDir().orElseThrow();
    assertEquals(1.9, d.segments().get("sw02001-A_000010-000200").durationSeconds(), 1e-9);
    assertEquals("B", d.reco2FileAndChannel().get("sw02001-B").channel());
    assertEquals("sw02001-B", d.utterances().get(2).audio().recordingId());
  }

  /** A mutation of a good directory and the file:line the error must name. */
  record Broken(
      String name,
      String file,
      String[] lines,
      boolean segments,
      String expectFile,
      int expectLine,
      String expectText) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Broken broken(
      String name,
      boolean seg,
      String file,
      String expectFile,
      int line,
      String text,
      String... lines) {
    return new Broken(name, file, lines, seg, expectFile, line, text);
  }

  static List<Arguments> brokenDirs() {
    return List.of(
            broken(
                "unsorted utt2spk",
                false,
                "utt2spk",
                "utt2spk",
                2,
                "not sorted",
                "spkA-u2 spkA",
                "spkA-u1 spkA",
                "spkB-u1 spkB"),
            broken(
                "duplicate id",
                false,
                "text",
                "text",
                2,
                "duplicate id",
                "spkA-u1 HELLO WORLD",
                "spkA-u1 AGAIN",
                "spkA-u2 GOOD MORNING",
                "spkB-u1 YES"),
            broken(
                "utt2spk field count",
                false,
                "utt2spk",
                "utt2spk",
                2,
                "expected exactly 2",
                "spkA-u1 spkA",
                "spkA-u2 spkA extra",
                "spkB-u1 spkB"),
            broken(
                "blank line",
                false,
                "text",
                "text",
                2,
                "blank line",
                "spkA-u1 HELLO WORLD",
                "",
                "spkA-u2 GOOD MORNING",
                "spkB-u1 YES"),
            broken(
                "spk2utt disagrees",
                false,
                "spk2utt",
                "spk2utt",
                2,
                "utt2spk says",
                "spkA spkA-u1",
                "spkB spkA-u2 spkB-u1"),
            broken(
                "speaker order",
                false,
                "utt2spk",
                "utt2spk",
                2,
                "speaker-ids prefixes",
                "u1 spkB",
                "u2 spkA",
                "u3 spkB"),
            broken(
                "text has extra utterance",
                false,
                "text",
                "text",
                3,
                "not in utt2spk",
                "spkA-u1 HELLO WORLD",
                "spkA-u2 GOOD MORNING",
                "spkA-u3 EXTRA",
                "spkB-u1 YES"),
            broken(
                "text misses utterance",
                false,
                "text",
                "text",
                0,
                "missing here",
                "spkA-u1 HELLO WORLD",
                "spkB-u1 YES"),
            broken(
                "wav.scp misses utterance",
                false,
                "wav.scp",
                "wav.scp",
                0,
                "missing here",
                "spkA-u1 /a.wav",
                "spkB-u1 /b.wav"),
            broken(
                "pipe without bar",
                false,
                "wav.scp",
                "wav.scp",
                2,
                "must end with '|'",
                "spkA-u1 /a.wav",
                "spkA-u2 sox x.wav -t wav - | gain 1",
                "spkB-u1 /b.wav"),
            broken("empty utt2spk", false, "utt2spk", "utt2spk", 0, "empty"),
            broken(
                "segment end before start",
                true,
                "segments",
                "segments",
                2,
                "must be greater than start",
                "sw02001-A_000010-000200 sw02001-A 0.10 2.00",
                "sw02001-A_000300-000400 sw02001-A 4.00 3.00",
                "sw02001-B_000050-000100 sw02001-B 0.5 1.0"),
            broken(
                "segment not numeric",
                true,
                "segments",
                "segments",
                3,
                "must be numbers",
                "sw02001-A_000010-000200 sw02001-A 0.10 2.00",
                "sw02001-A_000300-000400 sw02001-A 3.00 4.00",
                "sw02001-B_000050-000100 sw02001-B 0.5 x"),
            broken(
                "segment recording unknown",
                true,
                "segments",
                "segments",
                3,
                "not in wav.scp",
                "sw02001-A_000010-000200 sw02001-A 0.10 2.00",
                "sw02001-A_000300-000400 sw02001-A 3.00 4.00",
                "sw02001-B_000050-000100 sw02009-B 0.5 1.0"),
            broken(
                "recording without segments",
                true,
                "wav.scp",
                "wav.scp",
                3,
                "has no segment",
                "sw02001-A sph2pipe -f wav -p -c 1 sw02001.sph |",
                "sw02001-B sph2pipe -f wav -p -c 2 sw02001.sph |",
                "sw02002-A sph2pipe -f wav -p -c 1 sw02002.sph |"),
            broken(
                "bad channel",
                true,
                "reco2file_and_channel",
                "reco2file_and_channel",
                2,
                "must be A or B",
                "sw02001-A sw02001 A",
                "sw02001-B sw02001 C"),
            broken(
                "reco2file_and_channel fields",
                true,
                "reco2file_and_channel",
                "reco2file_and_channel",
                1,
                "expected exactly 3",
                "sw02001-A sw02001",
                "sw02001-B sw02001 B"))
        .stream()
        .map(Arguments::of)
        .collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenDirs")
  void rejectsBrokenDirectoryNamingFileAndLine(Broken b) throws Exception {
    Path d = tmp.resolve("d");
    if (b.segments()) {
      writeGoodSegments(d);
    } else {
      writeGood(d);
    }
    write(d, b.file(), b.lines());
    DataDirValidator.Report r = check(d);
    assertFalse(r.isValid(), b.name() + " should be rejected");
    boolean found =
        r.errors().stream()
            .anyMatch(
                p ->
                    p.file().getFileName().toString().equals(b.expectFile())
                        && p.line() == b.expectLine()
                        && p.message().contains(b.expectText()));
    assertTrue(
        found,
        "expected "
            + b.expectFile()
            + ":"
            + b.expectLine()
            + " '"
            + b.expectText()
            + "' in "
            + r.errors());
    assertTrue(r.dataDir().isEmpty());
  }

  @Test
  void missingRequiredFilesAreReported() throws Exception {
    Path d = tmp.resolve("m");
    writeGood(d);
    Files.delete(d.resolve("spk2utt"));
    Files.delete(d.resolve("text"));
    DataDirValidator.Report r = check(d);
    assertTrue(
        r.errors().stream()
            .anyMatch(
                p -> p.file().endsWith("spk2utt") && p.message().contains("utt2spk_to_spk2utt")));
    assertTrue(r.errors().stream().anyMatch(p -> p.file().endsWith("text")));
    // Untranscribed directories are fine with --no-text.
    Files.write(d.resolve("spk2utt"), List.of("spkA spkA-u1 spkA-u2", "spkB spkB-u1"));
    assertTrue(
        DataDirValidator.validate(
                d,
                DataDirValidator.Options.defaults()
                    .withRequireText(false)
                    .withCheckAudioFilesExist(false))
            .isValid());
  }

  @Test
  void missingAudioFileIsAWarning() throws Exception {
    Path d = tmp.resolve("w");
    writeGood(d);
    DataDirValidator.Report r = DataDirValidator.validate(d);
    assertTrue(r.isValid());
    assertEquals(2, r.warnings().size(), r.warnings().toString());
    assertTrue(r.warnings().get(0).message().contains("does not exist"));
  }

  @Test
  void loadThrowsWithFileLineAndCount() throws Exception {
    Path d = tmp.resolve("l");
    writeGood(d);
    write(d, "utt2spk", "spkA-u2 spkA", "spkA-u1 spkA", "spkB-u1 spkB");
    AsrInputException e = assertThrows(AsrInputException.class, () -> DataDir.load(d));
    assertTrue(e.getMessage().contains("utt2spk:2"), e.getMessage());
    assertEquals(2, e.line());
  }

  @Test
  void writeRoundTripsAndSortsInCOrder() throws Exception {
    Path a = tmp.resolve("a");
    writeGoodSegments(a);
    DataDir d = check(a).dataDir().orElseThrow();
    Path b = tmp.resolve("b");
    d.write(b);
    DataDir e = check(b).dataDir().orElseThrow();
    assertEquals(d, e);
    assertEquals(
        Files.readAllLines(a.resolve("spk2utt")), Files.readAllLines(b.resolve("spk2utt")));
    assertEquals(
        "sw02001-A_000010-000200 sw02001-A 0.1 2",
        Files.readAllLines(b.resolve("segments")).get(0));
  }

  @Test
  void kaldiOrderIsByteOrder() {
    // LC_ALL=C sort puts upper case before lower case and '-' before digits.
    assertTrue(KaldiOrder.compare("B", "a") < 0);
    assertTrue(KaldiOrder.compare("a-1", "a1") < 0);
    // U+00E9 (two UTF-8 bytes 0xC3 0xA9) sorts after U+007A 'z' and before U+FF21.
    assertTrue(KaldiOrder.compare("z", "\u00e9") < 0);
    assertTrue(KaldiOrder.compare("\uff21", "\ud83d\ude00") < 0);
  }

  /** F8 of the reliability review: ids become file names, so traversal ids are rejected. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"../../escaped", "a/b", "a\\b", ".hidden", "..", "a\u0001b"})
  void rejectsIdsThatCannotBeFileNamesWithFileAndLine(String bad) throws Exception {
    Path d = tmp.resolve("ids");
    writeGood(d);
    write(d, "wav.scp", "spkA-u1 /audio/a1.wav", "spkA-u2 /audio/a2.wav", bad + " /audio/x.wav");
    DataDirValidator.Report r =
        DataDirValidator.validate(
            d, DataDirValidator.Options.defaults().withCheckAudioFilesExist(false));
    assertFalse(r.isValid());
    String first = r.errors().get(0).toString();
    assertTrue(first.startsWith("error: " + d.resolve("wav.scp") + ":3: id '"), first);
    assertTrue(first.contains("cannot be used in file names"), first);
    AsrInputException e = assertThrows(AsrInputException.class, () -> DataDir.load(d));
    assertTrue(e.getMessage().contains("wav.scp:3: id"), e.getMessage());
  }

  @Test
  void idCheckAcceptsKaldiIds() {
    for (String ok : List.of("sp0.9-sw02001-A_000098-001156", "noise-4k0c0101", "a.b", "x..y")) {
      assertTrue(Ids.fileNameProblem(ok).isEmpty(), ok);
    }
    assertThrows(IllegalArgumentException.class, () -> Ids.checkFileSafe("../x"));
  }

  /** F13 of the reliability review: a wav.scp path that is a directory is named as such. */
  @Test
  void audioPathThatIsADirectoryIsAWarningSayingSo() throws Exception {
    Path d = tmp.resolve("diraudio");
    writeGood(d);
    Path audioDir = Files.createDirectories(tmp.resolve("a1.wav"));
    write(d, "wav.scp", "spkA-u1 " + audioDir, "spkA-u2 /audio/a2.wav", "spkB-u1 /audio/b1.wav");
    DataDirValidator.Report r = DataDirValidator.validate(d);
    assertTrue(r.isValid());
    assertTrue(
        r.warnings().get(0).toString().contains(audioDir + " is a directory, not an audio file"),
        r.warnings().toString());
  }
}

package org.asrnas.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The result must be as readable as any new file (createTempFile would make it mode 600). */
  @Test
  void permissionsFollowTheUmaskLikeANormalFile() throws Exception {
    Path normal = Files.createFile(tmp.resolve("normal.txt"));
    Path atomic = tmp.resolve("sub/logprobs.scp");
    AtomicFiles.writeString(atomic, "utt1 logprobs.ark:5\n");
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(normal);
    assertEquals(expected, Files.getPosixFilePermissions(atomic));
    // Guard against a test that cannot fail: under any usual umask a normal file is
    // group- or other-readable, which a 600 temp file would not be.
    assertTrue(
        expected.contains(PosixFilePermission.GROUP_READ)
            || expected.contains(PosixFilePermission.OTHERS_READ),
        "umask too strict to tell: " + expected);
  }

  @Test
  void replacesTheContentAndLeavesNoTempFile() throws Exception {
    Path f = tmp.resolve("text");
    AtomicFiles.writeLines(f, List.of("a 1", "b 2"));
    assertEquals("a 1\nb 2\n", Files.readString(f, StandardCharsets.UTF_8));
    AtomicFiles.write(f, out -> out.write("é\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("é\n", Files.readString(f, StandardCharsets.UTF_8));
    assertEquals(List.of("text"), names());
  }

  @Test
  void failureKeepsTheOldFileAndRemovesTheTemp() throws Exception {
    Path f = tmp.resolve("model.arpa");
    AtomicFiles.writeString(f, "old\n");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    f,
                    out -> {
                      out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old\n", Files.readString(f, StandardCharsets.UTF_8));
    assertEquals(List.of("model.arpa"), names());
  }

  @Test
  void replaceMovesAFileAnotherProgramWrote() throws Exception {
    Path part = tmp.resolve("a.sph.part");
    Path out = tmp.resolve("a.sph");
    Files.writeString(out, "old");
    Files.writeString(part, "new");
    AtomicFiles.replace(part, out);
    assertEquals("new", Files.readString(out));
    assertEquals(List.of("a.sph"), names());
  }

  /**
   * F15 (reliability review): a write killed by SIGKILL leaves {@code .NAME.HEX.tmp}; the next
   * write of NAME, or {@code removeStaleTemps} at a run's start, removes it. A temp file newer than
   * this process (a live writer's) is kept.
   */
  @Test
  void staleTempFilesOfKilledWritesAreRemoved() throws Exception {
    Path target = tmp.resolve("checkpoint.bin");
    Path stale = tmp.resolve(".checkpoint.bin.0123456789ab.tmp");
    Path otherStale = tmp.resolve(".best.model.ba9876543210.tmp");
    Path live = tmp.resolve(".checkpoint.bin.fedcba987654.tmp");
    Path unrelated = tmp.resolve(".notes.tmp");
    for (Path p : List.of(stale, otherStale, live, unrelated)) {
      Files.writeString(p, "partial");
    }
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1000);
    for (Path p : List.of(stale, otherStale, unrelated)) {
      Files.setLastModifiedTime(p, old);
    }
    AtomicFiles.writeString(target, "new");
    assertEquals(
        List.of(
            ".best.model.ba9876543210.tmp",
            ".checkpoint.bin.fedcba987654.tmp",
            ".notes.tmp",
            "checkpoint.bin"),
        names(),
        "the write removes its own target's stale temp only");
    assertEquals(1, AtomicFiles.removeStaleTemps(tmp));
    assertEquals(
        List.of(".checkpoint.bin.fedcba987654.tmp", ".notes.tmp", "checkpoint.bin"), names());
  }
}

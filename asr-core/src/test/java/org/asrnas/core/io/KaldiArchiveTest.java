package org.asrnas.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaldiArchiveTest {
  @TempDir Path tmp;

  @Test
  void writesKaldiBinaryLayoutAndReadsBack() throws Exception {
    FloatMatrix a = FloatMatrix.of(new float[][] {{1f, 2f, 3f}, {4f, 5f, 6f}});
    FloatMatrix b = FloatMatrix.of(new float[][] {{-0.5f, 7.25f, 1e-7f}});
    Path ark = tmp.resolve("feats.ark");
    List<KaldiArchive.ScpEntry> entries;
    try (KaldiArchive.Writer w = new KaldiArchive.Writer(ark)) {
      assertEquals(5, w.write("utt1", a));
      w.write("utt2", b);
      entries = w.entries();
    }
    byte[] bytes = Files.readAllBytes(ark);
    // Byte layout as Kaldi writes it: "utt1 \0BFM \4<rows>\4<cols>" then little-endian floats.
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("utt1 ", new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    assertArrayEquals(new byte[] {0, 'B', 'F', 'M', ' ', 4}, Arrays.copyOfRange(bytes, 5, 11));
    assertEquals(2, bb.getInt(11));
    assertEquals(4, bytes[15]);
    assertEquals(3, bb.getInt(16));
    assertEquals(1f, bb.getFloat(20));
    assertEquals(5 + 15 + 24, entries.get(1).offset() - "utt2 ".length());

    Path scp = tmp.resolve("feats.scp");
    KaldiArchive.writeScp(scp, entries);
    List<KaldiArchive.ScpEntry> read = KaldiArchive.readScp(scp);
    assertEquals(entries, read);
    assertEquals(b, KaldiArchive.read(read.get(1)));
    Map<String, FloatMatrix> all = KaldiArchive.readAll(ark);
    assertEquals(List.of("utt1", "utt2"), List.copyOf(all.keySet()));
    assertEquals(a, all.get("utt1"));
  }

  @Test
  void truncatedArchiveNamesByteOffset() throws Exception {
    Path ark = tmp.resolve("t.ark");
    try (KaldiArchive.Writer w = new KaldiArchive.Writer(ark)) {
      w.write("u", FloatMatrix.zeros(10, 4));
    }
    byte[] bytes = Files.readAllBytes(ark);
    Files.write(ark, Arrays.copyOf(bytes, bytes.length - 7));
    AsrInputException e = assertThrows(AsrInputException.class, () -> KaldiArchive.readAll(ark));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertEquals(2, e.byteOffset());
  }

  @Test
  void textArchiveIsRejectedWithAFix() throws Exception {
    Path ark = tmp.resolve("text.ark");
    Files.writeString(ark, "u  [ 1 2 ]\n");
    AsrInputException e = assertThrows(AsrInputException.class, () -> KaldiArchive.readAll(ark));
    assertTrue(e.getMessage().contains("copy-feats"), e.getMessage());
  }

  /**
   * F4 (reliability review): crafted sizes (2^30+1 x 1 made {@code n * 4} wrap to 4; 2^31-1 x 1,
   * negative, a row count the bytes cannot hold) fail fast with the byte offset instead of
   * allocating gigabytes or throwing NegativeArraySizeException.
   */
  @Test
  void craftedMatrixSizesAreCheckedAgainstTheBytesPresent() throws Exception {
    int[][] sizes = {
      {1_073_741_825, 1},
      {Integer.MAX_VALUE, 1},
      {65_536, 65_536},
      {-1, 4},
      {4, Integer.MIN_VALUE},
      {11, 4}
    };
    for (int[] rc : sizes) {
      Path ark = tmp.resolve("crafted.ark");
      try (KaldiArchive.Writer w = new KaldiArchive.Writer(ark)) {
        w.write("u", FloatMatrix.zeros(10, 4));
      }
      byte[] bytes = Files.readAllBytes(ark);
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, rc[0]).putInt(13, rc[1]);
      Files.write(ark, bytes);
      for (org.junit.jupiter.api.function.Executable read :
          List.<org.junit.jupiter.api.function.Executable>of(
              () -> KaldiArchive.readAll(ark),
              () -> KaldiArchive.readAllDouble(ark),
              () -> KaldiArchive.read(new KaldiArchive.ScpEntry("u", ark, 2)))) {
        AsrInputException e = assertThrows(AsrInputException.class, read, rc[0] + " x " + rc[1]);
        assertTrue(e.getMessage().contains("crafted.ark (byte "), e.getMessage());
        assertTrue(
            e.getMessage().contains("bad matrix size") || e.getMessage().contains("truncated"),
            e.getMessage());
      }
    }
  }

  /** Review F13: a relative scp path read from another directory says so instead of a raw error. */
  @Test
  void aMissingRelativeArchiveSaysWhereRelativePathsAreReadFrom() {
    KaldiArchive.ScpEntry e =
        new KaldiArchive.ScpEntry("u1", Path.of("data/fbank/nowhere/feats.1.ark"), 9);
    AsrInputException x = assertThrows(AsrInputException.class, () -> KaldiArchive.read(e));
    assertTrue(x.getMessage().contains("archive of 'u1' does not exist"), x.getMessage());
    assertTrue(x.getMessage().contains("read from the current directory"), x.getMessage());
  }
}

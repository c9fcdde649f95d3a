package org.asrnas.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksummedFileTest {
  @TempDir Path tmp;

  private Path sample() throws Exception {
    Path f = tmp.resolve("x.bin");
    ChecksummedFile.write(
        f,
        "TEST-FILE-2",
        out -> {
          out.writeInt(3);
          out.write("abc".getBytes(StandardCharsets.UTF_8));
          for (int i = 0; i < 100; i++) {
            out.writeFloat(i * 0.5f);
          }
        });
    return f;
  }

  private static void read(Path f) throws Exception {
    try (ChecksummedFile.Input in = ChecksummedFile.open(f, "test file")) {
      if (!in.magic().equals("TEST-FILE-2")) {
        throw new AsrInputException(f, 0, 0, "magic");
      }
      in.verified();
      assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), in.readBytes("name"));
      for (int i = 0; i < 100; i++) {
        assertEquals(i * 0.5f, in.data().readFloat());
      }
      in.expectEnd();
    }
  }

  @Test
  void roundTripsAndDetectsSingleBitFlips() throws Exception {
    Path f = sample();
    read(f);
    byte[] good = Files.readAllBytes(f);
    // every bit of the magic, the first field and the trailer, and 200 seeded others
    java.util.List<Integer> bits = new java.util.ArrayList<>();
    for (int bit = 0; bit < 20 * 8; bit++) {
      bits.add(bit);
      bits.add(good.length * 8 - 1 - bit);
    }
    new java.util.Random(17).ints(200, 0, good.length * 8).forEach(bits::add);
    for (int bit : bits) {
      byte[] b = good.clone();
      b[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(f, b);
      int at = bit;
      assertThrows(AsrInputException.class, () -> read(f), () -> "bit " + at);
    }
  }

  @Test
  void truncationAndLengthFieldsAreReportedBeforeAllocating() throws Exception {
    Path f = sample();
    byte[] good = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(good, good.length - 5));
    AsrInputException e = assertThrows(AsrInputException.class, () -> read(f));
    assertTrue(e.getMessage().contains("truncated test file"), e.getMessage());

    // an unverified (old-format) file whose length field claims 2 GB
    Path old = tmp.resolve("old.bin");
    byte[] b = Arrays.copyOf(good, good.length - ChecksummedFile.TRAILER_BYTES);
    java.nio.ByteBuffer.wrap(b).putInt(2 + "TEST-FILE-2".length(), Integer.MAX_VALUE);
    Files.write(old, b);
    try (ChecksummedFile.Input in = ChecksummedFile.open(old, "test file").unverified()) {
      e = assertThrows(AsrInputException.class, () -> in.readBytes("name"));
      assertTrue(
          e.getMessage().contains("corrupt test file: the length of the name"), e.getMessage());
    }
  }

  @Test
  void versionParsesTheMagicSuffix() {
    assertEquals(2, ChecksummedFile.version("ASR-NAS-MODEL-2", "ASR-NAS-MODEL-"));
    assertEquals(17, ChecksummedFile.version("ASR-NAS-MODEL-17", "ASR-NAS-MODEL-"));
    assertEquals(-1, ChecksummedFile.version("ASR-NAS-MODEL-x", "ASR-NAS-MODEL-"));
    assertEquals(-1, ChecksummedFile.version("OTHER-1", "ASR-NAS-MODEL-"));
  }
}

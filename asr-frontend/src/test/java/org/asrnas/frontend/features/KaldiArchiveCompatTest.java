package org.asrnas.frontend.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.asrnas.core.io.DoubleMatrix;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-way compatibility with a kaldi_io-style numpy writer/reader
 * (scripts/golden/kaldi_io_compat.py): we read the archive it wrote (committed), and it reads ours
 * (only where /usr/bin/python3 with numpy exists; the rest of the test needs no Python).
 */
class KaldiArchiveCompatTest {
  @Test
  void readsAnArchiveWrittenByKaldiIoStyleWriter() throws Exception {
    Path ark = Path.of(getClass().getResource("/golden/kaldi_io/python_written.ark").toURI());
    Map<String, DoubleMatrix> m = KaldiArchive.readAllDouble(ark);
    assertEquals(List.of("utt-a", "utt_b", "spk1", "empty"), List.copyOf(m.keySet()));
    DoubleMatrix a = m.get("utt-a");
    assertEquals(3, a.rows());
    assertEquals(4, a.cols());
    for (int i = 0; i < 12; i++) {
      assertEquals((i - 5.5) / 4, a.data()[i], 0);
    }
    assertArrayEquals(new double[] {1e-30f, -3.25, 65504.0}, m.get("utt_b").data(), 0);
    assertArrayEquals(
        new double[] {1e12 + 0.125, 2e12 + 0.125, 3e12 + 0.125, 4e12 + 0.125, 9e12 + 0.125, 0.125},
        m.get("spk1").data(),
        0);
    assertEquals(0, m.get("empty").rows());
    assertEquals(5, m.get("empty").cols());
    Cmvn.CmvnStats s = Cmvn.CmvnStats.fromMatrix(m.get("spk1"));
    assertEquals(3e12 + 0.125, s.count(), 0);
    FloatMatrix f = KaldiArchive.readAll(ark).get("utt-a");
    assertEquals(-1.375f, f.get(0, 0));
  }

  @Test
  void kaldiIoStyleReaderReadsOurArchive(@TempDir Path dir) throws Exception {
    Path ark = dir.resolve("feats.ark");
    Path scp = dir.resolve("feats.scp");
    KaldiArchive.Writer w = new KaldiArchive.Writer(ark);
    try (w) {
      w.write("u1", FloatMatrix.of(new float[][] {{1.5f, -2f}, {0.25f, 4f}}));
      w.write("spk-2", Cmvn.of(FloatMatrix.of(new float[][] {{1f, 2f}})).toMatrix());
      w.write("u3", FloatMatrix.zeros(0, 3));
    }
    KaldiArchive.writeScp(scp, w.entries());
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
    Path script = repoRoot().resolve("scripts/golden/kaldi_io_compat.py");
    Process p =
        new ProcessBuilder(
                "/usr/bin/python3", script.toString(), "check", ark.toString(), scp.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
    assumeTrue(!out.contains("No module named 'numpy'"), "python3 without numpy");
    assertEquals(0, p.exitValue(), out);
    assertEquals(
        List.of("u1 2 2 FM 3.75", "spk-2 2 3 DM 9.0", "u3 0 3 FM 0.0"),
        out.strip().lines().toList());
  }

  private static Path repoRoot() throws IOException {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("scripts/golden/kaldi_io_compat.py"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IOException("repository root not found from " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}

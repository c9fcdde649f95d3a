package org.asrnas.frontend.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmvnTest {
  private static final FloatMatrix X = FloatMatrix.of(new float[][] {{1, 10}, {2, 20}, {3, 60}});

  @Test
  void statsHaveKaldisTwoRowLayout() {
    Cmvn.CmvnStats s = Cmvn.of(X);
    assertArrayEquals(new double[] {6, 90, 3}, s.stats()[0], 0);
    assertArrayEquals(new double[] {14, 4100, 0}, s.stats()[1], 0);
    assertEquals(2, s.dim());
    assertEquals(3, s.count(), 0);
  }

  @Test
  void meanAndVarianceNormalisation() {
    Cmvn.CmvnStats s = Cmvn.of(X);
    FloatMatrix m = Cmvn.apply(X, s, false);
    assertArrayEquals(new float[] {-1, -20}, m.row(0), 1e-5f);
    assertArrayEquals(new float[] {1, 30}, m.row(2), 1e-5f);
    FloatMatrix v = Cmvn.apply(X, s, true);
    // dim 0: mean 2, var 14/3 - 4 = 2/3; dim 1: mean 30, var 4100/3 - 900 = 1400/3.
    assertEquals(-1 / Math.sqrt(2.0 / 3), v.get(0, 0), 1e-5);
    assertEquals(30 / Math.sqrt(1400.0 / 3), v.get(2, 1), 1e-5);
    Cmvn.CmvnStats after = Cmvn.of(v);
    for (int d = 0; d < 2; d++) {
      assertEquals(0, after.stats()[0][d] / 3, 1e-5);
      assertEquals(1, after.stats()[1][d] / 3, 1e-5);
    }
  }

  @Test
  void constantDimensionIsFlooredNotNaN() {
    FloatMatrix c = FloatMatrix.of(new float[][] {{5}, {5}});
    FloatMatrix v = Cmvn.apply(c, Cmvn.of(c), true);
    assertEquals(0, v.get(0, 0), 0);
  }

  @Test
  void mergeEqualsAccumulatingTogether() {
    FloatMatrix a = FloatMatrix.of(new float[][] {{1, 10}});
    FloatMatrix b = FloatMatrix.of(new float[][] {{2, 20}, {3, 60}});
    assertEquals(Cmvn.of(X), Cmvn.merge(List.of(Cmvn.of(a), Cmvn.of(b))));
    Cmvn.CmvnStats acc = Cmvn.CmvnStats.zeros(2);
    Cmvn.accumulate(acc, a);
    Cmvn.accumulate(acc, b);
    assertEquals(Cmvn.of(X), acc);
  }

  @Test
  void rejectsMismatchedDimsAndEmptyStats() {
    assertThrows(
        IllegalArgumentException.class, () -> Cmvn.apply(X, Cmvn.CmvnStats.zeros(3), false));
    assertThrows(
        IllegalArgumentException.class, () -> Cmvn.apply(X, Cmvn.CmvnStats.zeros(2), false));
  }

  @Test
  void roundTripsThroughDoubleMatrixArchive(@TempDir Path dir) throws Exception {
    Map<String, Cmvn.CmvnStats> m = new LinkedHashMap<>();
    m.put("spk1", Cmvn.of(X));
    Cmvn.CmvnStats big = Cmvn.CmvnStats.zeros(2);
    big.stats()[0][0] = 1e15 + 0.25; // needs double precision
    big.stats()[0][2] = 7;
    m.put("spk2", big);
    Path ark = dir.resolve("cmvn.ark");
    Path scp = dir.resolve("cmvn.scp");
    Cmvn.write(ark, scp, m);
    assertEquals(m, Cmvn.read(scp));
    byte[] bytes = Files.readAllBytes(ark);
    // "spk1 \0BDM " then the size-4 rows/cols integers
    assertEquals('D', bytes[7]);
    assertEquals('M', bytes[8]);
    // Each entry: "\0BDM " (5) + two size-4 integers (10) + 2 x 3 doubles (48), then "spk2 ".
    List<KaldiArchive.ScpEntry> e = KaldiArchive.readScp(scp);
    assertEquals(5 + 10 + 48 + "spk2 ".length(), e.get(1).offset() - e.get(0).offset());
  }
}

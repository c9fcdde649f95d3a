package org.asrnas.nas.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sane maxima of architecture JSON (issue 17; reliability review F4). */
class ArchitectureSpecTest {
  @TempDir Path tmp;

  private AsrInputException reject(String json, String... expected) throws Exception {
    Path f = tmp.resolve("arch.json");
    Files.writeString(f, json);
    long t0 = System.nanoTime();
    AsrInputException e = assertThrows(AsrInputException.class, () -> ArchitectureSpec.read(f));
    assertTrue((System.nanoTime() - t0) / 1e9 < 2, "took too long: " + json);
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    for (String s : expected) {
      assertTrue(e.getMessage().contains(s), e.getMessage());
    }
    return e;
  }

  /**
   * F4: {@code "blocks": 1e8} ran 95 s to 8.8 GB and an OutOfMemoryError; {@code width 40000} gave
   * a bare "integer overflow". Both (and other sizes) now fail at once naming the file and key.
   */
  @Test
  void hugeSizesAreRejectedFastNamingTheFileAndKey() throws Exception {
    String base =
        "{\"input_dim\":120,\"units\":0,\"width\":8,\"candidates\":[\"tdnn-C1D1\"],\"blocks\":%s}";
    reject(String.format(base, "1e8"), "'blocks' is 100000000", "[0, 1000]");
    reject(String.format(base, "1e20"), "'blocks'");
    reject(String.format(base, "3.5"), "'blocks' must be an integer");
    reject(base.replace("\"width\":8", "\"width\":40000").formatted("2"), "width", "40000");
    reject(base.replace("\"input_dim\":120", "\"input_dim\":1e9").formatted("2"), "input_dim");
    reject(base.replace("\"units\":0", "\"units\":5000000").formatted("2"), "units");
    reject(base.replace("tdnn-C1D1", "tdnn-C100000D1").formatted("2"), "half context");
    reject(base.replace("tdnn-C1D1", "tdnn-C1D9999").formatted("2"), "dilation");
    reject(base.replace("tdnn-C1D1", "sepconv-K99999").formatted("2"), "sepconv kernel");
    reject(base.replace("tdnn-C1D1", "conv2d-K3C100000").formatted("2"), "conv2d channels");
    reject(base.replace("tdnn-C1D1", "blstm-H99999").formatted("2"), "blstm hidden");
    // each size within its maximum, the product not: 16384^2 x 129 taps x 100 nodes
    reject(
        base.replace("\"width\":8", "\"width\":16384")
            .replace("tdnn-C1D1", "tdnn-C64D1")
            .formatted("100"),
        "parameters");
  }

  @Test
  void theShippedNetworksAndSpacesAreWithinTheMaxima() throws Exception {
    Path dir = Path.of("..", "data", "nas");
    try (var s = Files.list(dir)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".json")).toList()) {
        ArchitectureSpec.read(p);
      }
    }
  }

  @Test
  void fitUnitsSetsAnUnsetSizeAndRejectsAnotherNamingBothFiles() throws Exception {
    Path json = Path.of("..", "data", "nas", "tdnn6-cpu.json");
    ArchitectureSpec unset = ArchitectureSpec.read(json).withUnits(0);
    ArchitectureSpec set = unset.fitUnits(42, json, Path.of("units.txt"));
    assertEquals(42, set.units());
    assertSame(set, set.fitUnits(42, json, Path.of("units.txt")));
    AsrInputException e =
        assertThrows(
            AsrInputException.class, () -> set.fitUnits(46, json, Path.of("lang/units.txt")));
    assertTrue(e.getMessage().contains("tdnn6-cpu.json"), e.getMessage());
    assertTrue(
        e.getMessage().contains("units is 42 but lang/units.txt has 46 units (incl. blank)"),
        e.getMessage());
  }
}

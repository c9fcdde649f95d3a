package org.asrnas.frontend.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampleWindowTest {
  private static float[] held(SampleWindow w) {
    return Arrays.copyOf(w.data(), w.size());
  }

  @Test
  void keepsTheTailFromItsAbsoluteStart() {
    SampleWindow w = new SampleWindow();
    w.append(new float[] {9, 0, 1, 2, 9}, 1, 3);
    w.append(new float[] {3, 4}, 0, 2);
    assertArrayEquals(new float[] {0, 1, 2, 3, 4}, held(w));
    w.dropBefore(2);
    assertEquals(2, w.start());
    assertArrayEquals(new float[] {2, 3, 4}, held(w));
    w.dropBefore(1); // behind the start: nothing to drop
    assertArrayEquals(new float[] {2, 3, 4}, held(w));
    w.dropBefore(99); // past the end: everything held goes, the start stops at what was held
    assertEquals(0, w.size());
    assertEquals(5, w.start());
    assertEquals(5, w.received());
    w.clear();
    assertEquals(0, w.start());
    assertEquals(0, w.received());
  }

  @Test
  void rejectsABadRange() {
    SampleWindow w = new SampleWindow();
    assertThrows(IllegalArgumentException.class, () -> w.append(new float[3], 2, 2));
    assertThrows(IllegalArgumentException.class, () -> w.append(new float[3], -1, 1));
  }
}

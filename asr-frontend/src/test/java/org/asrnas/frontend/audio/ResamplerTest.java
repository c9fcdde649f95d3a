package org.asrnas.frontend.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against torchaudio.functional.resample goldens (scripts/golden/make_resample_goldens.py). */
class ResamplerTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "up_8k_16k,8000,16000",
    "down_16k_8k,16000,8000",
    "speed_0.9,14400,16000",
    "speed_1.1,17600,16000"
  })
  void matchesTorchaudio(String name, int from, int to) throws Exception {
    Path dir = Path.of(getClass().getResource("/golden/resample/").toURI());
    ByteBuffer in =
        ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".in.s16")))
            .order(ByteOrder.LITTLE_ENDIAN);
    float[] x = new float[in.capacity() / 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = in.getShort();
    }
    ByteBuffer ref =
        ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".out.f64")))
            .order(ByteOrder.LITTLE_ENDIAN);
    float[] y = new Resampler(from, to).apply(x);
    assertEquals(ref.capacity() / 8, y.length, "output length");
    double max = 0;
    for (float v : y) {
      max = Math.max(max, Math.abs(v - ref.getDouble()));
    }
    // int16 scale: agreement to a hundredth of one quantisation step
    assertTrue(max < 0.01, name + ": max abs diff " + max);
  }
}

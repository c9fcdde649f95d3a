package org.asrnas.frontend.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.asrnas.core.io.FloatMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our fbank against {@code torchaudio.compliance.kaldi.fbank} goldens (made by
 * scripts/golden/make_fbank_goldens.py, dither 0): log-mel values within 1e-3.
 */
class FbankParityTest {
  static Path golden(String name) throws Exception {
    return Path.of(FbankParityTest.class.getResource("/golden/fbank/" + name).toURI());
  }

  static List<JsonObject> cases() throws Exception {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e :
        JsonParser.parseString(Files.readString(golden("cases.json"))).getAsJsonArray()) {
      out.add(e.getAsJsonObject());
    }
    return out;
  }

  static float[] readSignal(String name) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(golden(name))).order(ByteOrder.LITTLE_ENDIAN);
    float[] x = new float[b.capacity() / 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = b.getShort();
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTorchaudio(JsonObject c) throws Exception {
    FbankConfig config = FbankConfig.fromJson(c.getAsJsonObject("config"), golden("cases.json"));
    FloatMatrix ours = new Fbank(config).compute(readSignal(c.get("signal").getAsString()), 0);
    int rows = c.get("rows").getAsInt();
    int cols = c.get("cols").getAsInt();
    assertEquals(rows, ours.rows(), "frames");
    assertEquals(cols, ours.cols(), "dims");
    ByteBuffer b =
        ByteBuffer.wrap(Files.readAllBytes(golden(c.get("name").getAsString() + ".f32")))
            .order(ByteOrder.LITTLE_ENDIAN);
    double maxDiff = 0;
    for (int i = 0; i < rows * cols; i++) {
      float ref = b.getFloat();
      float v = ours.data()[i];
      // Linear (non-log) energies are large: compare them relatively.
      double diff =
          config.useLogFbank() ? Math.abs(v - ref) : Math.abs(v - ref) / Math.max(1, Math.abs(ref));
      maxDiff = Math.max(maxDiff, diff);
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "fbank parity %s: max diff %.3g%n",
        c.get("name").getAsString(),
        maxDiff);
    assertTrue(maxDiff <= 1e-3, c.get("name").getAsString() + ": max abs diff " + maxDiff);
  }
}

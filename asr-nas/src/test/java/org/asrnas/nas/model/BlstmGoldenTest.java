package org.asrnas.nas.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The BLSTM baseline's layer against torch.nn.LSTM(bidirectional=True) over a packed batch
 * (scripts/golden/make_blstm_golden.py): same weights, same padded input, same output on every
 * valid frame of utterances of different lengths.
 */
class BlstmGoldenTest {
  private record Arr(long[] shape, float[] values) {}

  private static Map<String, Arr> golden() throws IOException {
    Map<String, Arr> out = new HashMap<>();
    try (InputStream in = BlstmGoldenTest.class.getResourceAsStream("/blstm/blstm-golden.txt");
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split(" ");
        String[] dims = f[1].split("x");
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
          shape[i] = Long.parseLong(dims[i]);
        }
        float[] v = new float[f.length - 2];
        for (int i = 0; i < v.length; i++) {
          v[i] = Float.parseFloat(f[i + 2]);
        }
        out.put(f[0], new Arr(shape, v));
      }
    }
    return out;
  }

  @Test
  void matchesTorchBidirectionalLstmOnAPackedBatch() throws IOException {
    Map<String, Arr> g = golden();
    long[] xs = g.get("x").shape(); // batch, time, channels
    int batch = (int) xs[0];
    int time = (int) xs[1];
    int channels = (int) xs[2];
    int hidden = (int) g.get("fwd.w_hh").shape()[1];
    int[] lengths = new int[batch];
    for (int b = 0; b < batch; b++) {
      lengths[b] = (int) g.get("lengths").values()[b];
    }
    try (NDManager m = NDManager.newBaseManager()) {
      ModelParameters ps = new ModelParameters(m, 1);
      Layers.BlstmLayer layer =
          new Layers.BlstmLayer(new OpSpec.Blstm(hidden), "l", channels, 0f, ps);
      for (String d : new String[] {"fwd", "bwd"}) {
        for (String w : new String[] {"w_ih", "w_hh", "b_ih", "b_hh"}) {
          NDArray p = ps.get("l." + d + "." + w);
          Arr a = g.get(d + "." + w);
          assertEquals(new Shape(a.shape()), p.getShape(), d + "." + w);
          p.set(a.values());
        }
      }
      // the layer takes (batch, channels, time) and returns (batch, 2H, time)
      NDArray x = m.create(g.get("x").values(), new Shape(xs)).transpose(0, 2, 1);
      float[] y = layer.forward(x, lengths, false).transpose(0, 2, 1).toFloatArray();
      float[] want = g.get("y").values();
      int frames = 0;
      for (int b = 0; b < batch; b++) {
        for (int t = 0; t < lengths[b]; t++) {
          frames++;
          for (int k = 0; k < 2 * hidden; k++) {
            int i = (b * time + t) * 2 * hidden + k;
            assertEquals(want[i], y[i], 1e-5, "utt " + b + " frame " + t + " unit " + k);
          }
        }
      }
      assertEquals(17, frames);
    }
  }
}

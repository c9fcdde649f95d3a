package org.asrnas.nas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.asrnas.core.Checks;
import org.asrnas.nas.model.ModelParameters;

/**
 * Adam (Kingma and Ba, 2015) as {@code torch.optim.Adam}, with per-parameter step counts: a step
 * updates only the parameters named as having taken part. A parameter outside that set keeps its
 * value and moments, as in the reference code, which drops unsampled ops' gradients so that
 * momentum never moves a weight that got no gradient. Also does global-norm gradient clipping
 * ({@code torch.nn.utils.clip_grad_norm_}) and zeroes the gradients after the update.
 */
public final class Adam {
  private final ModelParameters params;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final Map<String, NDArray> m = new HashMap<>();
  private final Map<String, NDArray> v = new HashMap<>();
  private final Map<String, Long> steps = new LinkedHashMap<>();

  public Adam(ModelParameters params, double beta1, double beta2, double epsilon) {
    this.params = Checks.checkNotNull(params, "params");
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    for (Map.Entry<String, NDArray> e : params.arrays().entrySet()) {
      NDArray p = e.getValue();
      m.put(e.getKey(), p.getManager().zeros(p.getShape(), p.getDataType()));
      v.put(e.getKey(), p.getManager().zeros(p.getShape(), p.getDataType()));
      steps.put(e.getKey(), 0L);
    }
  }

  /** Steps taken by one parameter (0 = never updated). */
  public long steps(String name) {
    return steps.get(name);
  }

  /**
   * One update of the parameters in {@code used}, then all gradients are zeroed.
   *
   * @param lr learning rate
   * @param clipNorm clip the global gradient norm of {@code used} to this (0 = off)
   * @param temp manager for temporaries (closed by the caller)
   * @return the gradient norm before clipping; not finite means the update was skipped
   */
  public double step(Collection<String> used, double lr, double clipNorm, NDManager temp) {
    Map<String, NDArray> grads = new LinkedHashMap<>();
    for (String name : used) {
      NDArray g = params.get(name).getGradient();
      g.attach(temp);
      grads.put(name, g);
    }
    double sq = 0;
    for (NDArray g : grads.values()) {
      NDArray s = g.square().sum();
      s.attach(temp);
      sq += s.getFloat();
    }
    double norm = Math.sqrt(sq);
    if (Double.isFinite(norm)) {
      double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / (norm + 1e-6) : 1.0;
      for (Map.Entry<String, NDArray> e : grads.entrySet()) {
        String name = e.getKey();
        NDArray g = scale == 1.0 ? e.getValue() : tmp(e.getValue().mul(scale), temp);
        long t = steps.get(name) + 1;
        steps.put(name, t);
        NDArray mm = m.get(name);
        NDArray vv = v.get(name);
        mm.muli(beta1).addi(tmp(g.mul(1 - beta1), temp));
        vv.muli(beta2).addi(tmp(tmp(g.square(), temp).mul(1 - beta2), temp));
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        NDArray denom = tmp(tmp(vv.sqrt(), temp).div(Math.sqrt(bc2)), temp).addi(epsilon);
        NDArray update = tmp(mm.div(denom), temp).muli(lr / bc1);
        params.get(name).subi(update);
      }
    }
    zeroGradients(temp);
    return norm;
  }

  /** Sets every gradient to zero (gradients accumulate across backward passes in libtorch). */
  public void zeroGradients(NDManager temp) {
    for (NDArray p : params.arrays().values()) {
      NDArray g = p.getGradient();
      g.attach(temp);
      g.muli(0);
    }
  }

  private static NDArray tmp(NDArray a, NDManager temp) {
    a.attach(temp);
    return a;
  }

  /** Writes step counts and moments in the parameters' canonical order. */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(steps.size());
    for (String name : params.arrays().keySet()) {
      out.writeUTF(name);
      out.writeLong(steps.get(name));
      writeFloats(out, m.get(name));
      writeFloats(out, v.get(name));
    }
  }

  /** Restores what {@link #write} wrote, for the same network. */
  public void read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != steps.size()) {
      throw new ModelParameters.FormatException(
          "optimizer state has " + n + " parameters, expected " + steps.size(), true);
    }
    for (String name : params.arrays().keySet()) {
      String got = in.readUTF();
      if (!got.equals(name)) {
        throw new ModelParameters.FormatException(
            "optimizer state for " + got + " where " + name + " was expected", true);
      }
      steps.put(name, in.readLong());
      readFloats(in, m.get(name), "first moment of " + name);
      readFloats(in, v.get(name), "second moment of " + name);
    }
  }

  private static void writeFloats(DataOutputStream out, NDArray a) throws IOException {
    float[] f = a.toFloatArray();
    out.writeInt(f.length);
    for (float x : f) {
      out.writeFloat(x);
    }
  }

  private static void readFloats(DataInputStream in, NDArray a, String what) throws IOException {
    int n = in.readInt();
    if (n != a.getShape().size()) {
      throw new ModelParameters.FormatException(
          "optimizer " + what + " of size " + n + ", expected " + a.getShape(), false);
    }
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = in.readFloat();
    }
    a.set(java.nio.FloatBuffer.wrap(f));
  }
}

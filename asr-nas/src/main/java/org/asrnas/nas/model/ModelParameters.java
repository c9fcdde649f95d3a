package org.asrnas.nas.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;

/**
 * The named trainable tensors of a network, created on the host from seeded Java generators (one
 * stream per parameter name, so adding a parameter never changes another's initial value and
 * initialisation does not depend on libtorch's generator). Insertion order is the canonical order
 * for checkpoints.
 */
public final class ModelParameters {
  private final NDManager manager;
  private final long seed;
  private final Map<String, NDArray> arrays = new LinkedHashMap<>();

  /** Parameters that live in {@code manager}, initialised from {@code seed}. */
  public ModelParameters(NDManager manager, long seed) {
    this.manager = Checks.checkNotNull(manager, "manager");
    this.seed = seed;
  }

  /** Uniform in [-bound, bound], PyTorch's default for Conv1d, Linear and LSTM. */
  NDArray uniform(String name, Shape shape, double bound) {
    SplittableRandom r = Seeds.splittable(seed, "init/" + name);
    float[] v = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
    }
    return add(name, manager.create(v, shape));
  }

  NDArray constant(String name, Shape shape, float value) {
    float[] v = new float[Math.toIntExact(shape.size())];
    java.util.Arrays.fill(v, value);
    return add(name, manager.create(v, shape));
  }

  private NDArray add(String name, NDArray a) {
    Checks.checkArgument(!arrays.containsKey(name), "duplicate parameter %s", name);
    a.setName(name);
    a.setRequiresGradient(true);
    arrays.put(name, a);
    return a;
  }

  /** Name to array, in canonical order. */
  public Map<String, NDArray> arrays() {
    return Collections.unmodifiableMap(arrays);
  }

  public NDArray get(String name) {
    NDArray a = arrays.get(name);
    Checks.checkArgument(a != null, "no parameter %s", name);
    return a;
  }

  /** Total number of scalar parameters. */
  public long count() {
    return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
  }

  /** Writes names, shapes and float32 values in canonical order. */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(arrays.size());
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      writeArray(out, e.getKey(), e.getValue());
    }
  }

  /** Reads values written by {@link #write}; names and shapes must match this network. */
  public void read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != arrays.size()) {
      throw new IOException(
          "checkpoint has " + n + " parameters, the network " + arrays.size() + "; wrong model?");
    }
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      readInto(in, e.getKey(), e.getValue());
    }
  }

  static void writeArray(DataOutputStream out, String name, NDArray a) throws IOException {
    out.writeUTF(name);
    long[] s = a.getShape().getShape();
    out.writeInt(s.length);
    for (long d : s) {
      out.writeLong(d);
    }
    float[] v = a.toFloatArray();
    out.writeInt(v.length);
    for (float f : v) {
      out.writeFloat(f);
    }
  }

  /** Overwrites {@code target}'s values in place (keeping its autograd identity). */
  static void readInto(DataInputStream in, String name, NDArray target) throws IOException {
    String got = in.readUTF();
    if (!got.equals(name)) {
      throw new IOException("expected parameter " + name + " in checkpoint, found " + got);
    }
    int rank = in.readInt();
    long[] s = new long[rank];
    for (int i = 0; i < rank; i++) {
      s[i] = in.readLong();
    }
    if (!new Shape(s).equals(target.getShape())) {
      throw new IOException(
          "parameter " + name + " has shape " + new Shape(s) + ", expected " + target.getShape());
    }
    float[] v = new float[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readFloat();
    }
    target.set(java.nio.FloatBuffer.wrap(v));
  }
}

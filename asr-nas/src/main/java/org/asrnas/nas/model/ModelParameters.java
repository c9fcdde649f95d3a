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

  /**
   * Creates a parameter uniform in [-bound, bound] (PyTorch's default for Conv1d, Linear and LSTM
   * with bound 1/sqrt(fan_in)).
   */
  public NDArray uniform(String name, Shape shape, double bound) {
    SplittableRandom r = Seeds.splittable(seed, "init/" + name);
    float[] v = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
    }
    return add(name, manager.create(v, shape));
  }

  /** Creates a parameter filled with {@code value} (LayerNorm gains, architecture logits). */
  public NDArray constant(String name, Shape shape, float value) {
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

  /**
   * A stream that does not hold what this network expects: the names, shapes or count of another
   * network ({@link #mismatch()}), or values that no training writes (a corrupt file).
   */
  public static final class FormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean mismatch;

    public FormatException(String message, boolean mismatch) {
      super(message);
      this.mismatch = mismatch;
    }

    /** True when the stream is well formed but belongs to another network. */
    public boolean mismatch() {
      return mismatch;
    }
  }

  /**
   * Reads values written by {@link #write}; names and shapes must match this network. Every count
   * is compared with this network's before anything is allocated, and NaN or infinite values are
   * rejected (a model file).
   */
  public void read(DataInputStream in) throws IOException {
    read(in, true);
  }

  /**
   * {@link #read(DataInputStream)}; {@code finiteOnly} false accepts NaN and infinities (a
   * checkpoint holds whatever state a diverged run reached, and its checksum guards it).
   */
  public void read(DataInputStream in, boolean finiteOnly) throws IOException {
    int n = in.readInt();
    if (n != arrays.size()) {
      throw new FormatException(
          "checkpoint has " + n + " parameters, the network " + arrays.size() + "; wrong model?",
          true);
    }
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      readInto(in, e.getKey(), e.getValue(), finiteOnly);
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
  static void readInto(DataInputStream in, String name, NDArray target, boolean finiteOnly)
      throws IOException {
    String got = in.readUTF();
    if (!got.equals(name)) {
      throw new FormatException(
          "expected parameter " + name + " in checkpoint, found " + got, true);
    }
    long[] want = target.getShape().getShape();
    int rank = in.readInt();
    if (rank != want.length) {
      throw new FormatException(
          "parameter " + name + " has rank " + rank + ", expected " + target.getShape(), true);
    }
    long[] s = new long[rank];
    for (int i = 0; i < rank; i++) {
      s[i] = in.readLong();
    }
    if (!java.util.Arrays.equals(s, want)) {
      throw new FormatException(
          "parameter "
              + name
              + " has shape "
              + java.util.Arrays.toString(s)
              + ", expected "
              + target.getShape(),
          true);
    }
    int count = in.readInt();
    if (count != target.getShape().size()) {
      throw new FormatException(
          "parameter "
              + name
              + " declares "
              + count
              + " values, its shape "
              + target.getShape()
              + " holds "
              + target.getShape().size(),
          false);
    }
    float[] v;
    if (finiteOnly) {
      v = readFinite(in, count, "parameter " + name);
    } else {
      v = new float[count];
      for (int i = 0; i < count; i++) {
        v[i] = in.readFloat();
      }
    }
    target.set(java.nio.FloatBuffer.wrap(v));
  }

  /**
   * Reads {@code count} float32 values, rejecting NaN and infinities (a diverged or corrupt model:
   * with them every output is NaN and decoding gives empty hypotheses).
   */
  public static float[] readFinite(DataInputStream in, int count, String what) throws IOException {
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      v[i] = in.readFloat();
      if (!Float.isFinite(v[i])) {
        throw new FormatException(
            what + " holds " + v[i] + " at index " + i + " (weights must be finite)", false);
      }
    }
    return v;
  }
}

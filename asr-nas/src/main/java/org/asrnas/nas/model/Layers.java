package org.asrnas.nas.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;
import org.asrnas.core.Checks;

/**
 * Builds the {@link Layer} of an {@link OpSpec}.
 *
 * <p>Over 400 lines because the layer of every op of the search-space grammar (TDNN with its shared
 * kernels, separable and 2-D convolution, BLSTM, identity, zero) is a small nested class here, next
 * to the one dispatch, so that adding an op touches one file.
 */
final class Layers {
  private Layers() {}

  static final float LAYER_NORM_EPS = 1e-5f;

  /**
   * @param prefix parameter name prefix, unique per node and op ({@code b3.tdnn-C1D2})
   */
  /**
   * The {@code j}-th fixed layer placed after node {@code p} (before node 0 for p = 0), its
   * parameters named {@code fixed<p>_<j>.<op>} as in a derived network and in the supernet alike,
   * so that both lay out the fixed layers the same way.
   */
  static Layer buildFixed(
      ArchitectureSpec.FixedLayer f,
      int p,
      int j,
      int inputDim,
      double dropout,
      ModelParameters ps) {
    return build(
        f.op(), "fixed" + p + "_" + j + "." + f.op().name(), inputDim, f.width(), dropout, ps);
  }

  static Layer build(
      OpSpec op, String prefix, int inputDim, int width, double dropout, ModelParameters params) {
    // instanceof chain rather than a pattern switch: Java 17 without preview features
    if (op instanceof OpSpec.Tdnn t) {
      return new TdnnLayer(t, prefix, inputDim, width, (float) dropout, params);
    } else if (op instanceof OpSpec.SepConv s) {
      return new SepConvLayer(s, prefix, inputDim, width, (float) dropout, params);
    } else if (op instanceof OpSpec.Conv2d c) {
      return new Conv2dLayer(c, prefix, inputDim, width, (float) dropout, params);
    } else if (op instanceof OpSpec.Identity i) {
      Checks.checkArgument(
          inputDim == width,
          "identity at %s needs input dim %s to equal the width %s",
          prefix,
          inputDim,
          width);
      return new Stateless(i, inputDim, (x, lengths, training) -> x);
    } else if (op instanceof OpSpec.Zero z) {
      return new Stateless(
          z,
          width,
          (x, lengths, training) ->
              x.getManager().zeros(new Shape(x.getShape().get(0), width, x.getShape().get(2))));
    } else if (op instanceof OpSpec.Blstm b) {
      return new BlstmLayer(b, prefix, inputDim, (float) dropout, params);
    }
    throw new IllegalStateException("unhandled op " + op);
  }

  /** ReLU, LayerNorm over channels per frame (transposed to put channels last), dropout. */
  static NDArray reluNormDrop(
      NDArray x, NDArray gamma, NDArray beta, float dropout, boolean training) {
    NDArray y = Activation.relu(x).transpose(0, 2, 1);
    y =
        LayerNorm.layerNorm(y, new Shape(gamma.getShape().get(0)), gamma, beta, LAYER_NORM_EPS)
            .singletonOrThrow();
    y = y.transpose(0, 2, 1);
    if (training && dropout > 0) {
      y = Dropout.dropout(y, dropout, true).singletonOrThrow();
    }
    return y;
  }

  @FunctionalInterface
  interface Fn {
    NDArray apply(NDArray x, int[] lengths, boolean training);
  }

  record Stateless(OpSpec spec, int outputDim, Fn fn) implements Layer {
    @Override
    public List<String> parameterNames() {
      return List.of();
    }

    @Override
    public NDArray forward(NDArray x, int[] lengths, boolean training) {
      return fn.apply(x, lengths, training);
    }
  }

  /**
   * The TDNN candidates of one node that share a kernel ({@link
   * ArchitectureSpec.WeightSharing#KERNEL}): one (width, in, 2·Cmax+1) kernel, bias and LayerNorm
   * named {@code prefix.conv.weight} etc., initialised as a TDNN of the largest context, and one
   * layer per candidate that uses the centre taps at its own dilation.
   *
   * @param ops the candidates (all TDNNs with the same stride)
   * @param prefix parameter name prefix, unique per node and stride ({@code b3.shared-S1})
   */
  static List<Layer> sharedTdnn(
      List<OpSpec.Tdnn> ops,
      String prefix,
      int inputDim,
      int width,
      double dropout,
      ModelParameters params) {
    Checks.checkArgument(!ops.isEmpty(), "no TDNN candidates to share a kernel");
    int stride = ops.get(0).stride();
    int maxHalf = 0;
    for (OpSpec.Tdnn t : ops) {
      Checks.checkArgument(t.stride() == stride, "candidates sharing a kernel need one stride");
      maxHalf = Math.max(maxHalf, t.halfContext());
    }
    TdnnLayer base =
        new TdnnLayer(
            new OpSpec.Tdnn(maxHalf, 1, stride), prefix, inputDim, width, (float) dropout, params);
    List<Layer> out = new ArrayList<>();
    for (OpSpec.Tdnn t : ops) {
      out.add(new TdnnLayer(t, base));
    }
    return out;
  }

  /**
   * A convolution followed by ReLU, LayerNorm and dropout ({@link #reluNormDrop}): what the TDNN,
   * separable and 2-D convolution candidates share (spec, width, norm, parameter names).
   */
  abstract static class NormedConv<S extends OpSpec> implements Layer {
    final S spec;
    final int width;
    final float dropout;
    final List<String> names;
    NDArray gamma;
    NDArray beta;

    /** {@code names}: the parameter names in creation order, the norm's last. */
    NormedConv(S spec, int width, float dropout, List<String> names) {
      this.spec = spec;
      this.width = width;
      this.dropout = dropout;
      this.names = names;
    }

    /** The names {@code p + suffix} of the convolution's parameters, then the norm's. */
    static List<String> names(String p, String... suffixes) {
      List<String> n = new ArrayList<>();
      for (String s : suffixes) {
        n.add(p + s);
      }
      n.add(p + ".norm.gamma");
      n.add(p + ".norm.beta");
      return List.copyOf(n);
    }

    /** Creates the LayerNorm's gain (1) and shift (0), after the convolution's weights. */
    final void norm(String p, ModelParameters ps) {
      gamma = ps.constant(p + ".norm.gamma", new Shape(width), 1f);
      beta = ps.constant(p + ".norm.beta", new Shape(width), 0f);
    }

    final NDArray reluNormDrop(NDArray y, boolean training) {
      return Layers.reluNormDrop(y, gamma, beta, dropout, training);
    }

    @Override
    public OpSpec spec() {
      return spec;
    }

    @Override
    public List<String> parameterNames() {
      return names;
    }

    @Override
    public int outputDim() {
      return width;
    }
  }

  static final class TdnnLayer extends NormedConv<OpSpec.Tdnn> {
    private final NDArray w;
    private final NDArray b;

    /** First kernel tap this op uses: 0 for its own kernel, Cmax − C for a shared one. */
    private final int firstTap;

    TdnnLayer(OpSpec.Tdnn spec, String p, int in, int width, float dropout, ModelParameters ps) {
      super(spec, width, dropout, names(p, ".conv.weight", ".conv.bias"));
      double bound = 1 / Math.sqrt((double) in * spec.kernel());
      w = ps.uniform(p + ".conv.weight", new Shape(width, in, spec.kernel()), bound);
      b = ps.uniform(p + ".conv.bias", new Shape(width), bound);
      norm(p, ps);
      firstTap = 0;
    }

    /** {@code spec} on the centre taps of {@code base}'s kernel, with its bias and norm. */
    TdnnLayer(OpSpec.Tdnn spec, TdnnLayer base) {
      super(spec, base.width, base.dropout, base.names);
      int baseKernel = Math.toIntExact(base.w.getShape().get(2));
      Checks.checkArgument(
          spec.kernel() <= baseKernel && spec.stride() == base.spec.stride(),
          "%s cannot use the %s-tap kernel of stride %s",
          spec.name(),
          baseKernel,
          base.spec.stride());
      this.w = base.w;
      this.b = base.b;
      this.gamma = base.gamma;
      this.beta = base.beta;
      this.firstTap = (baseKernel - spec.kernel()) / 2;
    }

    @Override
    public long parameterCount(ModelParameters params) {
      return w.getShape().get(0) * w.getShape().get(1) * spec.kernel() + 3L * width;
    }

    @Override
    public NDArray forward(NDArray x, int[] lengths, boolean training) {
      NDArray kernel = w;
      if (w.getShape().get(2) != spec.kernel()) {
        // the slice is made in the parameters' manager: move it to the step's, which frees it
        kernel = w.get(new NDIndex(":, :, {}:{}", firstTap, firstTap + spec.kernel()));
        kernel.attach(x.getManager());
      }
      NDArray y =
          Conv1d.conv1d(
                  x,
                  kernel,
                  b,
                  new Shape(spec.stride()),
                  new Shape((long) spec.halfContext() * spec.dilation()),
                  new Shape(spec.dilation()),
                  1)
              .singletonOrThrow();
      return reluNormDrop(y, training);
    }
  }

  static final class SepConvLayer extends NormedConv<OpSpec.SepConv> {
    private final int in;
    private final NDArray dw;
    private final NDArray db;
    private final NDArray pw;
    private final NDArray pb;

    SepConvLayer(
        OpSpec.SepConv spec, String p, int in, int width, float dropout, ModelParameters ps) {
      super(
          spec,
          width,
          dropout,
          names(p, ".depthwise.weight", ".depthwise.bias", ".pointwise.weight", ".pointwise.bias"));
      this.in = in;
      double db0 = 1 / Math.sqrt(spec.kernel());
      dw = ps.uniform(p + ".depthwise.weight", new Shape(in, 1, spec.kernel()), db0);
      db = ps.uniform(p + ".depthwise.bias", new Shape(in), db0);
      double pb0 = 1 / Math.sqrt(in);
      pw = ps.uniform(p + ".pointwise.weight", new Shape(width, in, 1), pb0);
      pb = ps.uniform(p + ".pointwise.bias", new Shape(width), pb0);
      norm(p, ps);
    }

    @Override
    public NDArray forward(NDArray x, int[] lengths, boolean training) {
      NDArray y =
          Conv1d.conv1d(x, dw, db, new Shape(1), new Shape(spec.kernel() / 2), new Shape(1), in)
              .singletonOrThrow();
      y = Conv1d.conv1d(y, pw, pb).singletonOrThrow();
      return reluNormDrop(y, training);
    }
  }

  static final class Conv2dLayer extends NormedConv<OpSpec.Conv2d> {
    private final NDArray cw;
    private final NDArray cb;
    private final NDArray pw;
    private final NDArray pb;

    Conv2dLayer(
        OpSpec.Conv2d spec, String p, int in, int width, float dropout, ModelParameters ps) {
      super(
          spec,
          width,
          dropout,
          names(p, ".conv2d.weight", ".conv2d.bias", ".proj.weight", ".proj.bias"));
      int k = spec.kernel();
      double b0 = 1 / Math.sqrt((double) k * k);
      cw = ps.uniform(p + ".conv2d.weight", new Shape(spec.channels(), 1, k, k), b0);
      cb = ps.uniform(p + ".conv2d.bias", new Shape(spec.channels()), b0);
      int flat = spec.channels() * ((in + 1) / 2);
      double b1 = 1 / Math.sqrt(flat);
      pw = ps.uniform(p + ".proj.weight", new Shape(width, flat, 1), b1);
      pb = ps.uniform(p + ".proj.bias", new Shape(width), b1);
      norm(p, ps);
    }

    @Override
    public NDArray forward(NDArray x, int[] lengths, boolean training) {
      Shape s = x.getShape();
      int k = spec.kernel();
      // (batch, 1, frequency, time): stride 2 over frequency, 1 over time
      NDArray y =
          Conv2d.conv2d(
                  x.expandDims(1),
                  cw,
                  cb,
                  new Shape(2, 1),
                  new Shape(k / 2, k / 2),
                  new Shape(1, 1),
                  1)
              .singletonOrThrow();
      y = Activation.relu(y);
      Shape ys = y.getShape();
      y = y.reshape(s.get(0), ys.get(1) * ys.get(2), s.get(2));
      y = Conv1d.conv1d(y, pw, pb).singletonOrThrow();
      return reluNormDrop(y, training);
    }
  }

  /**
   * Bidirectional LSTM from two unidirectional libtorch LSTMs; the backward one reads every
   * utterance reversed within its own length (a gather), the equivalent of a packed sequence.
   */
  static final class BlstmLayer implements Layer {
    private final OpSpec.Blstm spec;
    private final float dropout;
    private final NDList fwd;
    private final NDList bwd;
    private final List<String> names = new ArrayList<>();

    BlstmLayer(OpSpec.Blstm spec, String p, int in, float dropout, ModelParameters ps) {
      this.spec = spec;
      this.dropout = dropout;
      fwd = direction(p + ".fwd", in, spec.hidden(), ps);
      bwd = direction(p + ".bwd", in, spec.hidden(), ps);
    }

    private NDList direction(String p, int in, int h, ModelParameters ps) {
      double bound = 1 / Math.sqrt(h);
      // libtorch's flat weight order: w_ih, w_hh, b_ih, b_hh; gates i, f, g, o
      NDList l = new NDList();
      l.add(ps.uniform(p + ".w_ih", new Shape(4L * h, in), bound));
      l.add(ps.uniform(p + ".w_hh", new Shape(4L * h, h), bound));
      NDArray bih = ps.uniform(p + ".b_ih", new Shape(4L * h), bound);
      // forget-gate bias +1 (gates i, f, g, o): cells keep their state from the start, which
      // shortens CTC's blank plateau of LSTMs (TensorFlow's LSTM default, Gers et al. 2000)
      bih.set(new NDIndex(h + ":" + 2 * h), bih.get(h + ":" + 2 * h).add(1f));
      l.add(bih);
      l.add(ps.uniform(p + ".b_hh", new Shape(4L * h), bound));
      for (String s : new String[] {".w_ih", ".w_hh", ".b_ih", ".b_hh"}) {
        names.add(p + s);
      }
      return l;
    }

    @Override
    public OpSpec spec() {
      return spec;
    }

    @Override
    public List<String> parameterNames() {
      return names;
    }

    @Override
    public int outputDim() {
      return 2 * spec.hidden();
    }

    @Override
    public NDArray forward(NDArray x, int[] lengths, boolean training) {
      NDManager m = x.getManager();
      Shape s = x.getShape();
      long batch = s.get(0);
      long time = s.get(2);
      NDArray seq = x.transpose(0, 2, 1); // (batch, time, channels)
      NDArray forward = run(seq, fwd, batch);
      long[] idx = new long[Math.toIntExact(batch * time)];
      for (int b = 0; b < batch; b++) {
        for (int t = 0; t < time; t++) {
          idx[(int) (b * time + t)] = t < lengths[b] ? lengths[b] - 1 - t : t;
        }
      }
      NDArray index =
          m.create(idx, new Shape(batch, time, 1)).broadcast(new Shape(batch, time, s.get(1)));
      NDArray reversed = seq.gather(index, 1);
      NDArray backward = run(reversed, bwd, batch);
      NDArray back =
          backward.gather(
              m.create(idx, new Shape(batch, time, 1))
                  .broadcast(new Shape(batch, time, spec.hidden())),
              1);
      NDArray y = NDArrays.concat(new NDList(forward, back), 2).transpose(0, 2, 1);
      if (training && dropout > 0) {
        y = Dropout.dropout(y, dropout, true).singletonOrThrow();
      }
      return y;
    }

    private NDArray run(NDArray seq, NDList params, long batch) {
      NDManager m = seq.getManager();
      Shape hs = new Shape(1, batch, spec.hidden());
      NDList state = new NDList(m.zeros(hs, DataType.FLOAT32), m.zeros(hs, DataType.FLOAT32));
      return seq.getNDArrayInternal()
          .lstm(seq, state, params, true, 1, 0.0, false, false, true)
          .get(0);
    }
  }
}

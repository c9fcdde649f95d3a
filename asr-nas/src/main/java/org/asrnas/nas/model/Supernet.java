package org.asrnas.nas.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.asrnas.core.Checks;

/**
 * The supernet of a search space (docs/design.md §5): every candidate of every node built with its
 * own weights, the fixed layers and the output layer shared, and one architecture logit α per
 * candidate (a scalar parameter each, initialised to 0, so that an optimizer can update exactly the
 * logits that took part in a step). A forward pass combines each node's candidates according to a
 * {@link Mode}: one path, the ST-NAS straight-through estimator, a weighted mixture (DARTS, SNAS)
 * or two binary-gated paths (ProxylessNAS).
 *
 * <p>Input (batch, time, inputDim) features, output (batch, time / subsampling, units) pre-softmax
 * activations; padded frames are zeroed after every layer as in {@link AcousticModel}.
 *
 * <p>Over 400 lines because the four combination modes, the architecture logits and the parameter
 * bookkeeping (which weights and logits a step used) operate on the same candidate layers; each
 * mode's node output is one method.
 */
public final class Supernet {
  /** Frames per second of the input features (10 ms shift), for costs per second of audio. */
  public static final double INPUT_FRAMES_PER_SECOND = 100.0;

  /** How the candidates of each node are combined in one forward pass. */
  public sealed interface Mode permits Path, StraightThrough, Mixture, BinaryGates {}

  /** Candidate {@code choice[i]} at node i, nothing else evaluated (a single path). */
  public record Path(int[] choice) implements Mode {
    public Path {
      choice = choice.clone();
    }
  }

  /**
   * ST-NAS (docs/design.md §6) with candidate {@code sample[i]} sampled at node i: {@code y = (1 −
   * sg(π_s) + π_s)·o_s(x) + Σ_{k≠s} (π_k − sg(π_k))·sg(o_k(x))}. The forward value is exactly
   * o_s(x); ∂L/∂π_k = ⟨∂L/∂y, o_k(x)⟩ for every k. The o_k with k ≠ s are evaluated without
   * recording a graph (libtorch's no-grad mode), so only the sampled path is kept for backward.
   */
  public record StraightThrough(int[] sample) implements Mode {
    public StraightThrough {
      sample = sample.clone();
    }
  }

  /**
   * {@code y = Σ_k w_k o_k(x)} with every candidate evaluated and kept for backward: DARTS ({@code
   * w = softmax(α)}) and SNAS ({@code w} a Gumbel-softmax sample).
   *
   * @param weights per node, a (K_i) array in the autograd graph of the step
   */
  public record Mixture(List<NDArray> weights) implements Mode {
    public Mixture {
      weights = List.copyOf(weights);
    }
  }

  /**
   * ProxylessNAS-style binary gates (Cai, Zhu and Han, ICLR 2019): at node i only the two
   * candidates {@code pairs[i]} are evaluated (both kept for backward), the gate of {@code
   * active[i]} is 1 and the other 0, and the gradient reaches the pair's logits through p =
   * softmax(α_pair): {@code y = o_active + Σ_{m∈pair} (p_m − sg(p_m))·o_m}, so ∂L/∂p_m = ⟨∂L/∂y,
   * o_m⟩ (BinaryConnect's estimate of ∂L/∂g_m).
   */
  public record BinaryGates(int[][] pairs, int[] active) implements Mode {
    public BinaryGates {
      Checks.checkArgument(pairs.length == active.length, "one active candidate per pair");
      int[][] copy = new int[pairs.length][];
      for (int i = 0; i < pairs.length; i++) {
        Checks.checkArgument(pairs[i].length == 2, "a pair has two candidates");
        Checks.checkArgument(
            active[i] == pairs[i][0] || active[i] == pairs[i][1],
            "active candidate %s of node %s not in its pair",
            active[i],
            i);
        copy[i] = pairs[i].clone();
      }
      pairs = copy;
      active = active.clone();
    }
  }

  /**
   * @param activations (batch, outTime, units) pre-softmax
   * @param lengths valid output frames per utterance
   * @param usedWeights weights through which a gradient flows in this pass
   * @param usedAlphas logits through which a gradient flows in this pass
   */
  public record Output(
      NDArray activations, int[] lengths, Set<String> usedWeights, Set<String> usedAlphas) {}

  /** Cost measure of the budget term (docs/design.md §6). */
  public enum CostKind {
    /** Millions of parameters. */
    PARAMS,
    /** Millions of multiply-adds per second of audio. */
    MACS
  }

  /** Observes node inputs and outputs (package-private, for the estimator test). */
  interface Tap {
    NDArray node(int index, NDArray input, int[] lengths, NDArray output);
  }

  private record Step(Layer fixed, int node, List<Layer> candidates, double framesPerSecond) {}

  private final ArchitectureSpec space;
  private final ModelParameters weights;
  private final ModelParameters alphas;
  private final List<Step> steps = new ArrayList<>();
  private final List<List<String>> alphaNames = new ArrayList<>();
  private final Set<String> sharedNames = new LinkedHashSet<>();
  private final NDArray outWeight;
  private final NDArray outBias;
  private final double outFramesPerSecond;
  private final int outDim;
  Tap tap;

  private Supernet(ArchitectureSpec space, NDManager manager, long seed) {
    this.space = space;
    this.weights = new ModelParameters(manager, seed);
    this.alphas = new ModelParameters(manager, seed);
    int dim = space.inputDim();
    double fps = INPUT_FRAMES_PER_SECOND;
    List<ArchitectureSpec.Node> nodes = space.nodes();
    for (int p = 0; p <= nodes.size(); p++) {
      int j = 0;
      for (ArchitectureSpec.FixedLayer f : space.fixed()) {
        if (f.after() == p) {
          Layer l = Layers.buildFixed(f, p, j, dim, space.dropout(), weights);
          fps /= f.op().stride();
          steps.add(new Step(l, -1, List.of(), fps));
          sharedNames.addAll(l.parameterNames());
          dim = l.outputDim();
          j++;
        }
      }
      if (p < nodes.size()) {
        ArchitectureSpec.Node n = nodes.get(p);
        List<Layer> built = buildCandidates(space, p, n, dim, weights);
        List<Layer> cands = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int outDim0 = -1;
        int stride0 = -1;
        for (int k = 0; k < n.candidates().size(); k++) {
          OpSpec op = n.candidates().get(k);
          Layer l = built.get(k);
          if (k == 0) {
            outDim0 = l.outputDim();
            stride0 = op.stride();
          }
          Checks.checkArgument(
              l.outputDim() == outDim0 && op.stride() == stride0,
              "node %s: candidate %s gives %s dims with stride %s but %s gives %s with stride %s;"
                  + " candidates of a node must agree",
              p,
              op.name(),
              l.outputDim(),
              op.stride(),
              n.candidates().get(0).name(),
              outDim0,
              stride0);
          cands.add(l);
          String an = "alpha.b" + p + "." + k + "." + op.name();
          alphas.constant(an, new Shape(1), 0f);
          names.add(an);
        }
        fps /= stride0;
        steps.add(new Step(null, p, List.copyOf(cands), fps));
        alphaNames.add(List.copyOf(names));
        dim = outDim0;
      }
    }
    double bound = 1 / Math.sqrt(dim);
    outWeight = weights.uniform("output.weight", new Shape(space.units(), dim), bound);
    outBias = weights.uniform("output.bias", new Shape(space.units()), bound);
    sharedNames.add("output.weight");
    sharedNames.add("output.bias");
    outFramesPerSecond = fps;
    outDim = dim;
  }

  /**
   * The candidates of node {@code p} in candidate order: each with weights of its own, or under
   * {@link ArchitectureSpec.WeightSharing#KERNEL} the TDNNs of one stride on one shared kernel
   * (parameters {@code b<p>.shared-S<stride>.*}) and every other op with its own.
   */
  private static List<Layer> buildCandidates(
      ArchitectureSpec space, int p, ArchitectureSpec.Node n, int dim, ModelParameters weights) {
    List<OpSpec> ops = n.candidates();
    Layer[] out = new Layer[ops.size()];
    if (space.weightSharing() == ArchitectureSpec.WeightSharing.KERNEL) {
      Map<Integer, List<Integer>> byStride = new TreeMap<>();
      for (int k = 0; k < ops.size(); k++) {
        if (ops.get(k) instanceof OpSpec.Tdnn t) {
          byStride.computeIfAbsent(t.stride(), s -> new ArrayList<>()).add(k);
        }
      }
      for (Map.Entry<Integer, List<Integer>> e : byStride.entrySet()) {
        List<OpSpec.Tdnn> group = new ArrayList<>();
        for (int k : e.getValue()) {
          group.add((OpSpec.Tdnn) ops.get(k));
        }
        List<Layer> layers =
            Layers.sharedTdnn(
                group,
                "b" + p + ".shared-S" + e.getKey(),
                dim,
                n.width(),
                space.dropout(),
                weights);
        for (int j = 0; j < layers.size(); j++) {
          out[e.getValue().get(j)] = layers.get(j);
        }
      }
    }
    for (int k = 0; k < ops.size(); k++) {
      if (out[k] == null) {
        OpSpec op = ops.get(k);
        out[k] =
            Layers.build(op, "b" + p + "." + op.name(), dim, n.width(), space.dropout(), weights);
      }
    }
    return List.of(out);
  }

  /**
   * Builds the supernet of {@code space} with weights initialised from {@code seed} (the same
   * per-name streams as {@link AcousticModel}) and every logit 0.
   *
   * @throws IllegalArgumentException when units are unknown or a node's candidates disagree in
   *     output size or stride
   */
  public static Supernet create(ArchitectureSpec space, NDManager manager, long seed) {
    Checks.checkArgument(space.units() >= 2, "units must be set (>= 2), got %s", space.units());
    return new Supernet(space, manager, seed);
  }

  public ArchitectureSpec space() {
    return space;
  }

  /** The network weights (every candidate's, the fixed layers' and the output layer's). */
  public ModelParameters weights() {
    return weights;
  }

  /** The architecture logits, one scalar per candidate. */
  public ModelParameters alphas() {
    return alphas;
  }

  public int nodeCount() {
    return alphaNames.size();
  }

  public List<OpSpec> candidates(int node) {
    return space.nodes().get(node).candidates();
  }

  /** Names of the logits of {@code node}, in candidate order. */
  public List<String> alphaNames(int node) {
    return alphaNames.get(node);
  }

  /** The logits of {@code node} as one (K) array in {@code m}, in the autograd graph. */
  public NDArray logits(int node, NDManager m) {
    NDList l = new NDList();
    for (String n : alphaNames.get(node)) {
      l.add(alphas.get(n));
    }
    NDArray a = l.size() == 1 ? l.get(0).reshape(1) : NDArrays.concat(l, 0);
    a.attach(m);
    return a;
  }

  /** π = softmax(α) of {@code node}, (K) in {@code m}, in the autograd graph. */
  public NDArray probabilities(int node, NDManager m) {
    return logits(node, m).softmax(0);
  }

  /** Host copy of π for every node (softmax in double precision). */
  public double[][] pi() {
    double[][] out = new double[nodeCount()][];
    for (int i = 0; i < out.length; i++) {
      List<String> names = alphaNames.get(i);
      double[] a = new double[names.size()];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < a.length; k++) {
        a[k] = alphas.get(names.get(k)).getFloat(0);
        max = Math.max(max, a[k]);
      }
      double z = 0;
      for (int k = 0; k < a.length; k++) {
        a[k] = Math.exp(a[k] - max);
        z += a[k];
      }
      for (int k = 0; k < a.length; k++) {
        a[k] /= z;
      }
      out[i] = a;
    }
    return out;
  }

  /** Host copy of the logits for every node. */
  public double[][] logitValues() {
    double[][] out = new double[nodeCount()][];
    for (int i = 0; i < out.length; i++) {
      List<String> names = alphaNames.get(i);
      out[i] = new double[names.size()];
      for (int k = 0; k < names.size(); k++) {
        out[i][k] = alphas.get(names.get(k)).getFloat(0);
      }
    }
    return out;
  }

  /** Overwrites the logits of {@code node} (ProxylessNAS rescaling, tests). */
  public void setLogits(int node, double[] values) {
    List<String> names = alphaNames.get(node);
    Checks.checkArgument(values.length == names.size(), "need %s logits", names.size());
    for (int k = 0; k < values.length; k++) {
      alphas.get(names.get(k)).set(new float[] {(float) values[k]});
    }
  }

  /** Index of the largest π per node (ties: the first), the ST-NAS derivation rule. */
  public int[] argmax() {
    double[][] p = pi();
    int[] c = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      for (int k = 1; k < p[i].length; k++) {
        if (p[i][k] > p[i][c[i]]) {
          c[i] = k;
        }
      }
    }
    return c;
  }

  /** Total scalar weights of the supernet (every candidate). */
  public long parameterCount() {
    return weights.count();
  }

  /** Scalar weights of the network that picks {@code choice[i]} at node i. */
  public long parameterCount(int[] choice) {
    long n = size(sharedNames);
    for (Step s : steps) {
      if (s.fixed() == null) {
        n += s.candidates().get(choice[s.node()]).parameterCount(weights);
      }
    }
    return n;
  }

  private long size(java.util.Collection<String> names) {
    long n = 0;
    for (String k : names) {
      n += weights.get(k).getShape().size();
    }
    return n;
  }

  /** Cost of every candidate of every node, in the unit of {@code kind}. */
  public double[][] candidateCosts(CostKind kind) {
    double[][] c = new double[nodeCount()][];
    for (Step s : steps) {
      if (s.fixed() == null) {
        double[] v = new double[s.candidates().size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = cost(s.candidates().get(k), s.framesPerSecond(), kind);
        }
        c[s.node()] = v;
      }
    }
    return c;
  }

  /** Cost of the fixed layers and the output layer, which every path pays. */
  public double sharedCost(CostKind kind) {
    double c = 0;
    for (Step s : steps) {
      if (s.fixed() != null) {
        c += cost(s.fixed(), s.framesPerSecond(), kind);
      }
    }
    if (kind == CostKind.PARAMS) {
      c += (outWeight.getShape().size() + outBias.getShape().size()) / 1e6;
    } else {
      c += (double) outDim * space.units() * outFramesPerSecond / 1e6;
    }
    return c;
  }

  /** Cost of the network that picks {@code choice[i]} at node i. */
  public double cost(int[] choice, CostKind kind) {
    double[][] c = candidateCosts(kind);
    double total = sharedCost(kind);
    for (int i = 0; i < c.length; i++) {
      total += c[i][choice[i]];
    }
    return total;
  }

  /**
   * Multiply-adds per output frame times output frames per second, so that a layer after the
   * stride-3 layer costs a third of the same layer before it.
   */
  private double cost(Layer l, double fps, CostKind kind) {
    if (kind == CostKind.PARAMS) {
      return l.parameterCount(weights) / 1e6;
    }
    return macsPerFrame(l) * fps / 1e6;
  }

  private double macsPerFrame(Layer l) {
    OpSpec op = l.spec();
    int w = l.outputDim();
    if (op instanceof OpSpec.Tdnn t) {
      long in = weights.get(l.parameterNames().get(0)).getShape().get(1);
      return (double) in * t.kernel() * w;
    } else if (op instanceof OpSpec.SepConv s) {
      long in = weights.get(l.parameterNames().get(0)).getShape().get(0);
      return (double) in * s.kernel() + (double) in * w;
    } else if (op instanceof OpSpec.Conv2d c) {
      long flat = weights.get(l.parameterNames().get(2)).getShape().get(1);
      return (double) flat * c.kernel() * c.kernel() + (double) flat * w;
    } else if (op instanceof OpSpec.Blstm b) {
      long in = weights.get(l.parameterNames().get(0)).getShape().get(1);
      return 2.0 * 4 * b.hidden() * (in + b.hidden());
    }
    return 0; // identity, zero
  }

  /** One line per layer (candidates listed with their sizes), then the totals. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Step s : steps) {
      if (s.fixed() != null) {
        out.add(
            String.format(
                Locale.ROOT,
                "fixed  %-14s out %5d  params %,d",
                s.fixed().spec().name(),
                s.fixed().outputDim(),
                s.fixed().parameterCount(weights)));
      } else {
        for (Layer l : s.candidates()) {
          out.add(
              String.format(
                  Locale.ROOT,
                  "node %d %-14s out %5d  params %,d",
                  s.node(),
                  l.spec().name(),
                  l.outputDim(),
                  l.parameterCount(weights)));
        }
      }
    }
    out.add(
        String.format(
            Locale.ROOT,
            "linear %-14s out %5d  params %,d",
            "",
            space.units(),
            outWeight.getShape().size() + outBias.getShape().size()));
    out.add(String.format(Locale.ROOT, "supernet params %,d", parameterCount()));
    return out;
  }

  /**
   * Runs the supernet.
   *
   * @param features (batch, time, inputDim)
   * @param lengths valid frames per utterance
   * @param mode how candidates are combined at each node
   */
  public Output forward(NDArray features, int[] lengths, boolean training, Mode mode) {
    Shape s = features.getShape();
    Checks.checkArgument(
        s.dimension() == 3 && s.get(2) == space.inputDim(),
        "features must be (batch, time, %s), got %s",
        space.inputDim(),
        s);
    Checks.checkArgument(lengths.length == s.get(0), "need %s lengths", s.get(0));
    NDManager m = features.getManager();
    int[] lens = lengths.clone();
    Set<String> usedW = new LinkedHashSet<>(sharedNames);
    Set<String> usedA = new LinkedHashSet<>();
    NDArray x = AcousticModel.mask(features.transpose(0, 2, 1), lens);
    for (Step st : steps) {
      if (st.fixed() != null) {
        x = st.fixed().forward(x, lens, training);
        advance(lens, st.fixed().spec());
        x = AcousticModel.mask(x, lens);
        continue;
      }
      int i = st.node();
      List<Layer> cands = st.candidates();
      NDArray in = x;
      int[] inLens = lens.clone();
      NDArray y = node(mode, i, cands, in, inLens, training, m, usedW, usedA);
      advance(lens, cands.get(0).spec());
      y = AcousticModel.mask(y, lens);
      if (tap != null) {
        y = tap.node(i, in, inLens, y);
      }
      x = y;
    }
    NDArray out = Linear.linear(x.transpose(0, 2, 1), outWeight, outBias).singletonOrThrow();
    return new Output(
        out, lens, Collections.unmodifiableSet(usedW), Collections.unmodifiableSet(usedA));
  }

  /**
   * The output of node {@code i} under {@code mode}, adding the weights and architecture parameters
   * it used to {@code usedW} and {@code usedA}.
   */
  private NDArray node(
      Mode mode,
      int i,
      List<Layer> cands,
      NDArray in,
      int[] inLens,
      boolean training,
      NDManager m,
      Set<String> usedW,
      Set<String> usedA) {
    NDArray y;
    if (mode instanceof Path p) {
      Layer l = cands.get(p.choice()[i]);
      y = l.forward(in, inLens, training);
      usedW.addAll(l.parameterNames());
    } else if (mode instanceof StraightThrough t) {
      int sel = t.sample()[i];
      NDArray pi = probabilities(i, m);
      // c_k = π_k − sg(π_k): exactly 0 in value, identity in gradient
      NDArray c = pi.sub(pi.stopGradient());
      NDArray os = cands.get(sel).forward(in, inLens, training);
      // (1 − sg(π_s) + π_s)·o_s written as o_s + c_s·o_s, which adds an exact zero
      NDArray prod = os.mul(c.get(sel));
      y = os.add(prod);
      prod.close();
      for (int k = 0; k < cands.size(); k++) {
        if (k != sel) {
          NDArray ok = noGrad(cands.get(k), in, inLens, training);
          y = addAndFree(y, ok.mul(c.get(k)));
          ok.close();
        }
      }
      usedW.addAll(cands.get(sel).parameterNames());
      usedA.addAll(alphaNames.get(i));
    } else if (mode instanceof Mixture mx) {
      NDArray w = mx.weights().get(i);
      y = null;
      for (int k = 0; k < cands.size(); k++) {
        NDArray ok = cands.get(k).forward(in, inLens, training);
        NDArray term = ok.mul(w.get(k));
        ok.close();
        y = y == null ? term : addAndFree(y, term);
        usedW.addAll(cands.get(k).parameterNames());
      }
      usedA.addAll(alphaNames.get(i));
    } else if (mode instanceof BinaryGates g) {
      int[] pair = g.pairs()[i];
      NDArray all = logits(i, m);
      NDArray p =
          NDArrays.concat(new NDList(all.get(pair[0]).reshape(1), all.get(pair[1]).reshape(1)), 0)
              .softmax(0);
      NDArray c = p.sub(p.stopGradient());
      NDArray o0 = cands.get(pair[0]).forward(in, inLens, training);
      NDArray o1 = cands.get(pair[1]).forward(in, inLens, training);
      NDArray prod = o0.mul(c.get(0));
      y = (g.active()[i] == pair[0] ? o0 : o1).add(prod);
      prod.close();
      y = addAndFree(y, o1.mul(c.get(1)));
      usedW.addAll(cands.get(g.active()[i]).parameterNames());
      usedA.add(alphaNames.get(i).get(pair[0]));
      usedA.add(alphaNames.get(i).get(pair[1]));
    } else {
      throw new IllegalStateException("unhandled mode " + mode);
    }
    return y;
  }

  /**
   * {@code sum + term}, closing both operands' handles: libtorch's autograd keeps whatever backward
   * needs by reference, and DJL would otherwise keep the sums and products of every node until the
   * step's manager closes, which PyTorch frees at once (both are libtorch-allocated, never Java
   * buffers, so freeing the handles early is safe).
   */
  private static NDArray addAndFree(NDArray sum, NDArray term) {
    NDArray next = sum.add(term);
    sum.close();
    term.close();
    return next;
  }

  /** Candidate k of node i on its own (masked), for tests. */
  NDArray candidateForward(int node, int k, NDArray x, int[] lens, boolean training) {
    for (Step st : steps) {
      if (st.fixed() == null && st.node() == node) {
        Layer l = st.candidates().get(k);
        NDArray y = l.forward(x, lens, training);
        int[] out = lens.clone();
        advance(out, l.spec());
        return AcousticModel.mask(y, out);
      }
    }
    throw new IllegalArgumentException("no node " + node);
  }

  /** Parameter names of candidate k of node i. */
  public List<String> candidateParameterNames(int node, int k) {
    for (Step st : steps) {
      if (st.fixed() == null && st.node() == node) {
        return st.candidates().get(k).parameterNames();
      }
    }
    throw new IllegalArgumentException("no node " + node);
  }

  private static void advance(int[] lens, OpSpec op) {
    for (int b = 0; b < lens.length; b++) {
      lens[b] = op.outputLength(lens[b]);
    }
  }

  /**
   * sg(o_k(x)): evaluated in libtorch's no-grad mode, so no graph is kept for it, and with {@code
   * x} temporarily in a scratch manager, so that the op's intermediate arrays (which DJL would
   * otherwise keep until the step's manager closes) are freed at once and only o_k(x) stays. Only
   * safe without a graph: arrays made from Java data (padding masks, gather indices) share their
   * buffer with libtorch, and a recorded graph may read them in backward after DJL freed them.
   */
  private static NDArray noGrad(Layer l, NDArray x, int[] lens, boolean training) {
    NDManager owner = x.getManager();
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager scratch = owner.newSubManager()) {
      x.tempAttach(scratch);
      NDArray y = l.forward(x, lens, training);
      y.attach(owner);
      return y;
    } finally {
      JniUtils.setGradMode(was);
    }
  }
}

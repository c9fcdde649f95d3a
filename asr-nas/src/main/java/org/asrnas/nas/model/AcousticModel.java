package org.asrnas.nas.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.asrnas.core.Checks;

/**
 * A CTC acoustic model built from a single-op {@link ArchitectureSpec}: the nodes and fixed layers
 * in order, then a linear layer to the units. Input (batch, time, inputDim) features, output
 * (batch, time / subsampling, units) pre-softmax activations; apply log-softmax for decoding.
 */
public final class AcousticModel {
  /**
   * @param activations (batch, outTime, units) pre-softmax
   * @param lengths valid output frames per utterance
   * @param usedParameters names of the parameters that took part (all of them for a fixed network;
   *     a supernet reports only the sampled path)
   */
  public record Output(NDArray activations, int[] lengths, Set<String> usedParameters) {}

  private final ArchitectureSpec spec;
  private final ModelParameters params;
  private final List<Layer> layers = new ArrayList<>();
  private final NDArray outWeight;
  private final NDArray outBias;
  private final Set<String> allNames;

  private AcousticModel(ArchitectureSpec spec, ModelParameters params) {
    this.spec = spec;
    this.params = params;
    int dim = spec.inputDim();
    List<ArchitectureSpec.Node> nodes = spec.nodes();
    for (int p = 0; p <= nodes.size(); p++) {
      int j = 0;
      for (ArchitectureSpec.FixedLayer f : spec.fixed()) {
        if (f.after() == p) {
          Layer l = Layers.buildFixed(f, p, j, dim, spec.dropout(), params);
          layers.add(l);
          dim = l.outputDim();
          j++;
        }
      }
      if (p < nodes.size()) {
        OpSpec op = nodes.get(p).candidates().get(0);
        Layer l =
            Layers.build(
                op, "b" + p + "." + op.name(), dim, nodes.get(p).width(), spec.dropout(), params);
        layers.add(l);
        dim = l.outputDim();
      }
    }
    double bound = 1 / Math.sqrt(dim);
    outWeight = params.uniform("output.weight", new Shape(spec.units(), dim), bound);
    outBias = params.uniform("output.bias", new Shape(spec.units()), bound);
    allNames = Collections.unmodifiableSet(new LinkedHashSet<>(params.arrays().keySet()));
  }

  /**
   * Builds the network with parameters in {@code manager}, initialised from {@code seed}.
   *
   * @throws IllegalArgumentException for a search space (a node with several candidates) or unknown
   *     units
   */
  public static AcousticModel create(ArchitectureSpec spec, NDManager manager, long seed) {
    Checks.checkArgument(
        spec.isSingleOp(), "a model needs one op per node; this is a search space (derive first)");
    Checks.checkArgument(spec.units() >= 2, "units must be set (>= 2), got %s", spec.units());
    return new AcousticModel(spec, new ModelParameters(manager, seed));
  }

  public ArchitectureSpec spec() {
    return spec;
  }

  public ModelParameters parameters() {
    return params;
  }

  /**
   * Parameters per layer as TSV, the machine-readable twin of {@link #describe()}: a header {@code
   * layer, outputs, parameters}, one row per layer (op name), {@code linear}, and {@code total}
   * (outputs empty).
   */
  public String parameterTsv() {
    StringBuilder sb = new StringBuilder("layer\toutputs\tparameters\n");
    for (Layer l : layers) {
      sb.append(l.spec().name())
          .append('\t')
          .append(l.outputDim())
          .append('\t')
          .append(l.parameterCount(params))
          .append('\n');
    }
    sb.append("linear\t")
        .append(spec.units())
        .append('\t')
        .append(outWeight.getShape().size() + outBias.getShape().size())
        .append('\n');
    sb.append("total\t\t").append(params.count()).append('\n');
    return sb.toString();
  }

  /** Parameters per layer, for printing: op name and count. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Layer l : layers) {
      long n = l.parameterCount(params);
      out.add(
          String.format(
              java.util.Locale.ROOT,
              "%-16s out %5d  params %,d",
              l.spec().name(),
              l.outputDim(),
              n));
    }
    out.add(
        String.format(
            java.util.Locale.ROOT,
            "%-16s out %5d  params %,d",
            "linear",
            spec.units(),
            outWeight.getShape().size() + outBias.getShape().size()));
    out.add(String.format(java.util.Locale.ROOT, "total params %,d", params.count()));
    return out;
  }

  /**
   * Runs the network. Padded frames (at and after each length) are zeroed after every layer, so a
   * batch gives every utterance the same output as running it alone.
   *
   * @param features (batch, time, inputDim), padded frames arbitrary
   * @param lengths valid frames per utterance
   */
  public Output forward(NDArray features, int[] lengths, boolean training) {
    Shape s = features.getShape();
    Checks.checkArgument(
        s.dimension() == 3 && s.get(2) == spec.inputDim(),
        "features must be (batch, time, %s), got %s",
        spec.inputDim(),
        s);
    Checks.checkArgument(lengths.length == s.get(0), "need %s lengths", s.get(0));
    int[] lens = lengths.clone();
    NDArray x = mask(features.transpose(0, 2, 1), lens);
    for (Layer l : layers) {
      x = l.forward(x, lens, training);
      for (int i = 0; i < lens.length; i++) {
        lens[i] = l.spec().outputLength(lens[i]);
      }
      x = mask(x, lens);
    }
    NDArray y = Linear.linear(x.transpose(0, 2, 1), outWeight, outBias).singletonOrThrow();
    return new Output(y, lens, allNames);
  }

  /**
   * Multiplies (batch, channels, time) by a 0/1 mask of the valid frames, so that padding is zero
   * for the next convolution (as the zero padding of the utterance alone would be).
   */
  public static NDArray mask(NDArray x, int[] lengths) {
    NDManager m = x.getManager();
    int batch = lengths.length;
    int time = Math.toIntExact(x.getShape().get(2));
    boolean full = true;
    float[] mk = new float[batch * time];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < time; t++) {
        mk[b * time + t] = t < lengths[b] ? 1f : 0f;
      }
      full &= lengths[b] >= time;
    }
    if (full) {
      return x;
    }
    return x.mul(m.create(mk, new Shape(batch, 1, time)));
  }
}

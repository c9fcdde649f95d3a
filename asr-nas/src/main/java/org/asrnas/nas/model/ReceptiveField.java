package org.asrnas.nas.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asrnas.core.Checks;

/**
 * The input frames one output frame of a finite-context network depends on: output frame t reads
 * input frames {@code [t·S − left, t·S + right]} (S = {@link #subsampling()}), where frames outside
 * the utterance are the zero padding of each layer.
 *
 * <p>Every op here is a convolution in time with padding p on the left and {@code e − p} on the
 * right, where {@code e = d(k − 1)} is its dilated extent (TDNN: p = C·D, e = 2C·D; sepconv and
 * conv2d: p = K/2, e = K − 1; identity and zero: 0). Composing the layers from the input upwards
 * with {@code P_l}, the product of the strides of the layers below layer l:
 *
 * <pre>
 *   left  = Σ_l p_l · P_l
 *   right = Σ_l (e_l − p_l) · P_l
 *   S     = Π_l s_l
 * </pre>
 *
 * A BLSTM layer reads the whole utterance, so a network with one has no finite receptive field.
 *
 * @param left input frames before {@code t·S} that output frame t depends on
 * @param right input frames after {@code t·S}
 * @param subsampling the network's frame subsampling S
 */
public record ReceptiveField(int left, int right, int subsampling) {
  public ReceptiveField {
    Checks.checkArgument(left >= 0 && right >= 0, "contexts must be >= 0, got %s, %s", left, right);
    Checks.checkArgument(subsampling >= 1, "subsampling must be >= 1, got %s", subsampling);
  }

  /**
   * The receptive field of a single-op network, or empty when a layer has unbounded context (a
   * BLSTM), which {@link #unboundedLayer} names.
   *
   * @throws IllegalArgumentException for a search space
   */
  public static Optional<ReceptiveField> of(ArchitectureSpec spec) {
    Checks.checkArgument(
        spec.isSingleOp(), "a receptive field needs one op per node; derive the network first");
    if (unboundedLayer(spec).isPresent()) {
      return Optional.empty();
    }
    long left = 0;
    long right = 0;
    long below = 1;
    for (OpSpec op : layerOps(spec)) {
      int pad = leftPad(op);
      int extent = extent(op);
      left += (long) pad * below;
      right += (long) (extent - pad) * below;
      below *= op.stride();
    }
    return Optional.of(
        new ReceptiveField(Math.toIntExact(left), Math.toIntExact(right), Math.toIntExact(below)));
  }

  /** The name of the first layer whose context is unbounded (a BLSTM), if any. */
  public static Optional<String> unboundedLayer(ArchitectureSpec spec) {
    for (OpSpec op : layerOps(spec)) {
      if (op instanceof OpSpec.Blstm) {
        return Optional.of(op.name());
      }
    }
    return Optional.empty();
  }

  /** The ops of a single-op network in the order they run (as {@link AcousticModel} builds it). */
  static List<OpSpec> layerOps(ArchitectureSpec spec) {
    List<OpSpec> out = new ArrayList<>();
    List<ArchitectureSpec.Node> nodes = spec.nodes();
    for (int p = 0; p <= nodes.size(); p++) {
      for (ArchitectureSpec.FixedLayer f : spec.fixed()) {
        if (f.after() == p) {
          out.add(f.op());
        }
      }
      if (p < nodes.size()) {
        out.add(nodes.get(p).candidates().get(0));
      }
    }
    return out;
  }

  /** Zero-padding frames on the left of the op's input. */
  private static int leftPad(OpSpec op) {
    if (op instanceof OpSpec.Tdnn t) {
      return t.halfContext() * t.dilation();
    } else if (op instanceof OpSpec.SepConv s) {
      return s.kernel() / 2;
    } else if (op instanceof OpSpec.Conv2d c) {
      return c.kernel() / 2;
    }
    return 0;
  }

  /** The dilated kernel extent d(k − 1) in input frames. */
  private static int extent(OpSpec op) {
    if (op instanceof OpSpec.Tdnn t) {
      return 2 * t.halfContext() * t.dilation();
    } else if (op instanceof OpSpec.SepConv s) {
      return s.kernel() - 1;
    } else if (op instanceof OpSpec.Conv2d c) {
      return c.kernel() - 1;
    }
    return 0;
  }
}

package org.asrnas.nas.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asrnas.core.Checks;

/**
 * One candidate operation of a node, parsed from the op grammar of docs/design.md §5. Every op maps
 * a (batch, inputDim, time) activation to (batch, outputDim, time / stride).
 */
public sealed interface OpSpec
    permits OpSpec.Tdnn, OpSpec.SepConv, OpSpec.Conv2d, OpSpec.Identity, OpSpec.Zero, OpSpec.Blstm {

  /** The largest TDNN half context C and dilation D. */
  int MAX_CONTEXT = 64;

  /** The largest stride of an op. */
  int MAX_STRIDE = 16;

  /** The largest sepconv kernel. */
  int MAX_KERNEL = 255;

  /** The largest conv2d kernel. */
  int MAX_CONV2D_KERNEL = 31;

  /** The most conv2d channels. */
  int MAX_CHANNELS = 1024;

  /** The canonical name, which {@link #parse} reads back. */
  String name();

  /** Output dimension for the given input dimension and node width. */
  int outputDim(int inputDim, int width);

  /** Frame subsampling factor (1 = length-preserving). */
  default int stride() {
    return 1;
  }

  /**
   * Output length for {@code length} input frames: {@code floor((L + 2p - d(k-1) - 1) / s) + 1}
   * with the op's padding p, dilation d, kernel k and stride s, which is {@code ceil(L / s)} for
   * every op here (padding C·D keeps the receptive field centred).
   */
  default int outputLength(int length) {
    return length == 0 ? 0 : (length - 1) / stride() + 1;
  }

  /**
   * TDNN layer: Conv1d with kernel 2C+1, dilation D, stride S, padding C·D, then ReLU, LayerNorm
   * over channels and dropout (the ST-NAS candidate).
   */
  record Tdnn(int halfContext, int dilation, int stride) implements OpSpec {
    public Tdnn {
      Checks.checkArgument(
          halfContext >= 0 && halfContext <= MAX_CONTEXT,
          "tdnn half context must be in [0, %s], got %s",
          MAX_CONTEXT,
          halfContext);
      Checks.checkArgument(
          dilation >= 1 && dilation <= MAX_CONTEXT,
          "tdnn dilation must be in [1, %s], got %s",
          MAX_CONTEXT,
          dilation);
      Checks.checkArgument(
          stride >= 1 && stride <= MAX_STRIDE,
          "tdnn stride must be in [1, %s], got %s",
          MAX_STRIDE,
          stride);
    }

    public int kernel() {
      return 2 * halfContext + 1;
    }

    @Override
    public String name() {
      return "tdnn-C" + halfContext + "D" + dilation + (stride == 1 ? "" : "S" + stride);
    }

    @Override
    public int outputDim(int inputDim, int width) {
      return width;
    }
  }

  /**
   * Depthwise-separable convolution: depthwise Conv1d (kernel K, padding K/2) then pointwise Conv1d
   * to the width, ReLU, LayerNorm, dropout (MobileNet-style, Howard et al. 2017).
   */
  record SepConv(int kernel) implements OpSpec {
    public SepConv {
      Checks.checkArgument(
          kernel >= 1 && kernel % 2 == 1 && kernel <= MAX_KERNEL,
          "sepconv kernel must be odd and in [1, %s], got %s",
          MAX_KERNEL,
          kernel);
    }

    @Override
    public String name() {
      return "sepconv-K" + kernel;
    }

    @Override
    public int outputDim(int inputDim, int width) {
      return width;
    }
  }

  /**
   * 2-D convolution front-end over (frequency, time): Conv2d 1 → C channels, kernel K x K, padding
   * K/2, stride 2 in frequency and 1 in time, ReLU, then a 1x1 projection of the C · ceil(F/2)
   * channels to the width, ReLU, LayerNorm and dropout.
   */
  record Conv2d(int kernel, int channels) implements OpSpec {
    public Conv2d {
      Checks.checkArgument(
          kernel >= 1 && kernel % 2 == 1 && kernel <= MAX_CONV2D_KERNEL,
          "conv2d kernel must be odd and in [1, %s], got %s",
          MAX_CONV2D_KERNEL,
          kernel);
      Checks.checkArgument(
          channels >= 1 && channels <= MAX_CHANNELS,
          "conv2d channels must be in [1, %s], got %s",
          MAX_CHANNELS,
          channels);
    }

    @Override
    public String name() {
      return "conv2d-K" + kernel + "C" + channels;
    }

    @Override
    public int outputDim(int inputDim, int width) {
      return width;
    }
  }

  /** The input unchanged (input dimension must equal the width). */
  record Identity() implements OpSpec {
    @Override
    public String name() {
      return "identity";
    }

    @Override
    public int outputDim(int inputDim, int width) {
      return inputDim;
    }
  }

  /** Zeros of the width: removes a node (for searching skip connections). */
  record Zero() implements OpSpec {
    @Override
    public String name() {
      return "zero";
    }

    @Override
    public int outputDim(int inputDim, int width) {
      return width;
    }
  }

  /**
   * Bidirectional LSTM with H cells per direction (output 2H), then dropout: the human-designed
   * reference of the paper. The backward direction runs on each utterance reversed within its own
   * length, so padding never enters it.
   */
  record Blstm(int hidden) implements OpSpec {
    public Blstm {
      Checks.checkArgument(
          hidden >= 1 && hidden <= ArchitectureSpec.MAX_WIDTH,
          "blstm hidden size must be in [1, %s], got %s",
          ArchitectureSpec.MAX_WIDTH,
          hidden);
    }

    @Override
    public String name() {
      return "blstm-H" + hidden;
    }

    @Override
    public int outputDim(int inputDim, int width) {
      return 2 * hidden;
    }
  }

  Pattern TDNN = Pattern.compile("tdnn-C(\\d+)D(\\d+)(?:S(\\d+))?");
  Pattern SEPCONV = Pattern.compile("sepconv-K(\\d+)");
  Pattern CONV2D = Pattern.compile("conv2d-K(\\d+)C(\\d+)");
  Pattern BLSTM = Pattern.compile("blstm-H(\\d+)");

  /**
   * Parses {@code tdnn-C{c}D{d}[S{s}]}, {@code sepconv-K{k}}, {@code conv2d-K{k}C{ch}}, {@code
   * identity}, {@code zero}, {@code blstm-H{h}}.
   *
   * @throws IllegalArgumentException naming the grammar for anything else
   */
  static OpSpec parse(String text) {
    String s = text.strip();
    Matcher m;
    try {
      if ((m = TDNN.matcher(s)).matches()) {
        return new Tdnn(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
      }
      if ((m = SEPCONV.matcher(s)).matches()) {
        return new SepConv(Integer.parseInt(m.group(1)));
      }
      if ((m = CONV2D.matcher(s)).matches()) {
        return new Conv2d(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
      if ((m = BLSTM.matcher(s)).matches()) {
        return new Blstm(Integer.parseInt(m.group(1)));
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("number out of range in op '" + text + "'", e);
    }
    return switch (s) {
      case "identity" -> new Identity();
      case "zero" -> new Zero();
      default ->
          throw new IllegalArgumentException(
              "unknown op '"
                  + text
                  + "'; expected tdnn-C{c}D{d}[S{s}], sepconv-K{k}, conv2d-K{k}C{ch}, identity,"
                  + " zero or blstm-H{h}");
    };
  }
}

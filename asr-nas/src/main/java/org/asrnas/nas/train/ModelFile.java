package org.asrnas.nas.train;

import ai.djl.ndarray.NDManager;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Messages;
import org.asrnas.core.io.ChecksummedFile;
import org.asrnas.core.text.Units;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.ModelParameters;

/**
 * A trained model on disk: architecture JSON, training config, the feature pipeline (from PCM to
 * the network's input, {@link FeaturePipeline}), the units, and the parameters. Written atomically.
 *
 * <p>Format versions (the magic's suffix): 1 had no checksum; 2 adds the CRC-32C trailer of {@link
 * ChecksummedFile}, verified before anything is parsed; 3 (written now) adds the feature pipeline
 * as a JSON section after the training config, so the file alone says how to compute its input. All
 * three are read (for 1 and 2 the pipeline is derived from the training config and the
 * architecture, without fbank options: those come from the {@code fbank.json} beside the model);
 * every length field is checked against the bytes present and the architecture's shapes before
 * allocating, and NaN or infinite weights are rejected. A newer version is refused with the fix.
 *
 * <p>Layout after the magic: int32-length-prefixed UTF-8 strings of the architecture JSON, the
 * training config JSON, (version 3) the pipeline JSON, the units (newline-separated, blank
 * omitted), then the parameters ({@link ModelParameters#write}).
 */
public final class ModelFile {
  static final String MAGIC_PREFIX = "ASR-NAS-MODEL-";
  static final int VERSION = 3;

  private ModelFile() {}

  /**
   * A loaded model with what is needed to prepare its input.
   *
   * @param pipeline the feature pipeline; its {@code frontend} is empty for files of versions 1 and
   *     2, and for models trained on features without an {@code fbank.json}
   * @param version the file's format version
   */
  public record Loaded(
      AcousticModel model,
      TrainConfig config,
      Units units,
      FeaturePipeline pipeline,
      int version) {}

  /** Writes a model whose fbank options are unknown (the pipeline has no frontend). */
  public static void write(Path file, AcousticModel model, TrainConfig config, Units units)
      throws IOException {
    write(file, model, config, units, Optional.empty());
  }

  /**
   * Writes the current format.
   *
   * @param frontend the fbank options of the training features ({@code fbank.json} of the training
   *     data), when known
   */
  public static void write(
      Path file,
      AcousticModel model,
      TrainConfig config,
      Units units,
      Optional<FbankConfig> frontend)
      throws IOException {
    FeaturePipeline pipeline = FeaturePipeline.of(frontend, config, model.spec().subsampling());
    ChecksummedFile.write(
        file,
        MAGIC_PREFIX + VERSION,
        out -> {
          writeLong(out, model.spec().toJson());
          writeLong(out, config.toJson());
          writeLong(out, pipeline.toJson());
          writeLong(out, String.join("\n", units.symbols().subList(1, units.size())));
          model.parameters().write(out);
        });
  }

  /**
   * What a model file says about its input and output, without loading its weights (the checksum is
   * still verified).
   *
   * @param pipeline for files of format 1 and 2 without fbank options
   */
  public record Summary(int version, FeaturePipeline pipeline, Units units) {}

  /** The {@link Summary} of {@code file}. */
  public static Summary summary(Path file) throws IOException, AsrInputException {
    try (ChecksummedFile.Input in =
        ChecksummedFile.openVersioned(file, "model file", MAGIC_PREFIX, VERSION, "asr train")) {
      Header h = header(in);
      return new Summary(h.version(), h.pipeline(), units(in));
    } catch (EOFException e) {
      throw AsrInputException.inFile(file, "truncated model file; was the write interrupted?");
    }
  }

  private static Units units(ChecksummedFile.Input in) throws IOException, AsrInputException {
    long at = in.position();
    String u = readLong(in, "unit list");
    try {
      return Units.of(u.isEmpty() ? List.of() : Arrays.asList(u.split("\n")));
    } catch (RuntimeException e) {
      throw in.corrupt(at, "its unit list does not parse (" + shorten(e.getMessage()) + ")");
    }
  }

  /** The sections before the units and parameters. */
  private record Header(
      int version, ArchitectureSpec spec, TrainConfig config, FeaturePipeline pipeline) {}

  private static Header header(ChecksummedFile.Input in) throws IOException, AsrInputException {
    int version = ChecksummedFile.version(in.magic(), MAGIC_PREFIX);
    ArchitectureSpec spec;
    TrainConfig config;
    long at = in.position();
    try {
      spec = ArchitectureSpec.parse(readLong(in, "architecture JSON"));
      at = in.position();
      config = TrainConfig.fromJson(readLong(in, "training config"));
    } catch (RuntimeException e) {
      throw in.corrupt(at, "its header does not parse (" + shorten(e.getMessage()) + ")");
    }
    FeaturePipeline pipeline = FeaturePipeline.of(Optional.empty(), config, spec.subsampling());
    if (version >= 3) {
      at = in.position();
      String json = readLong(in, "feature pipeline");
      try {
        pipeline = FeaturePipeline.fromJson(json, null);
      } catch (AsrInputException | RuntimeException e) {
        throw in.corrupt(
            at, "its feature pipeline does not parse (" + shorten(e.getMessage()) + ")");
      }
      String mismatch = mismatch(pipeline, spec);
      if (mismatch != null) {
        throw in.corrupt(at, "its feature pipeline does not fit the architecture: " + mismatch);
      }
    }
    return new Header(version, spec, config, pipeline);
  }

  public static Loaded read(Path file, NDManager manager) throws IOException, AsrInputException {
    try (ChecksummedFile.Input in =
        ChecksummedFile.openVersioned(file, "model file", MAGIC_PREFIX, VERSION, "asr train")) {
      Header h = header(in);
      int version = h.version();
      ArchitectureSpec spec = h.spec();
      TrainConfig config = h.config();
      FeaturePipeline pipeline = h.pipeline();
      Units units = units(in);
      AcousticModel model;
      try {
        model = AcousticModel.create(spec, manager, 0);
      } catch (RuntimeException e) {
        throw in.corrupt(0, "its architecture cannot be built (" + shorten(e.getMessage()) + ")");
      }
      long at = in.position();
      try {
        model.parameters().read(in.data());
      } catch (ModelParameters.FormatException e) {
        throw in.corrupt(at, e.getMessage());
      }
      in.expectEnd();
      return new Loaded(model, config, units, pipeline, version);
    } catch (EOFException e) {
      throw AsrInputException.inFile(file, "truncated model file; was the write interrupted?");
    }
  }

  /** Why {@code p} cannot feed a network of {@code spec}, or null when it can. */
  private static String mismatch(FeaturePipeline p, ArchitectureSpec spec) {
    if (p.subsampling() != spec.subsampling()) {
      return "subsampling " + p.subsampling() + ", the network's is " + spec.subsampling();
    }
    if (p.frontend().isPresent()) {
      int dim = p.inputDim(p.frontend().get().dim());
      if (dim != spec.inputDim()) {
        return String.format(
            Locale.ROOT,
            "%d fbank columns with deltas of order %d give %d, the network's input_dim is %d",
            p.frontend().get().dim(),
            p.deltaOrder(),
            dim,
            spec.inputDim());
      }
    }
    return null;
  }

  /** At most 200 characters of an exception's message. */
  static String shorten(String s) {
    return Messages.reason(s);
  }

  static void writeLong(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readLong(ChecksummedFile.Input in, String field)
      throws IOException, AsrInputException {
    return new String(in.readBytes(field), StandardCharsets.UTF_8);
  }
}

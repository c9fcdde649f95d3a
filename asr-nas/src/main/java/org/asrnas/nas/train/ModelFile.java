package org.asrnas.nas.train;

import ai.djl.ndarray.NDManager;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.ChecksummedFile;
import org.asrnas.core.text.Units;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.ModelParameters;

/**
 * A trained model on disk: architecture JSON, training config (for the feature pipeline), the
 * units, and the parameters. Written atomically.
 *
 * <p>Format versions (the magic's suffix): 1 had no checksum; 2 (written now) adds the CRC-32C
 * trailer of {@link ChecksummedFile}, verified before anything is parsed. Both are read; every
 * length field is checked against the bytes present and the architecture's shapes before
 * allocating, and NaN or infinite weights are rejected. A newer version is refused with the fix.
 */
public final class ModelFile {
  static final String MAGIC_PREFIX = "ASR-NAS-MODEL-";
  static final int VERSION = 2;

  private ModelFile() {}

  /** A loaded model with what is needed to prepare its input. */
  public record Loaded(AcousticModel model, TrainConfig config, Units units) {}

  public static void write(Path file, AcousticModel model, TrainConfig config, Units units)
      throws IOException {
    ChecksummedFile.write(
        file,
        MAGIC_PREFIX + VERSION,
        out -> {
          writeLong(out, model.spec().toJson());
          writeLong(out, config.toJson());
          writeLong(out, String.join("\n", units.symbols().subList(1, units.size())));
          model.parameters().write(out);
        });
  }

  public static Loaded read(Path file, NDManager manager) throws IOException, AsrInputException {
    try (ChecksummedFile.Input in =
        ChecksummedFile.openVersioned(file, "model file", MAGIC_PREFIX, VERSION, "asr train")) {
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
      at = in.position();
      String u = readLong(in, "unit list");
      Units units;
      try {
        units = Units.of(u.isEmpty() ? List.of() : Arrays.asList(u.split("\n")));
      } catch (RuntimeException e) {
        throw in.corrupt(at, "its unit list does not parse (" + shorten(e.getMessage()) + ")");
      }
      AcousticModel model;
      try {
        model = AcousticModel.create(spec, manager, 0);
      } catch (RuntimeException e) {
        throw in.corrupt(0, "its architecture cannot be built (" + shorten(e.getMessage()) + ")");
      }
      at = in.position();
      try {
        model.parameters().read(in.data());
      } catch (ModelParameters.FormatException e) {
        throw in.corrupt(at, e.getMessage());
      }
      in.expectEnd();
      return new Loaded(model, config, units);
    } catch (EOFException e) {
      throw AsrInputException.inFile(file, "truncated model file; was the write interrupted?");
    }
  }

  /** At most 200 characters of an exception's message. */
  static String shorten(String s) {
    if (s == null) {
      return "no message";
    }
    return s.length() <= 200 ? s : s.substring(0, 197) + "...";
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

package org.asrnas.nas.train;

import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.AtomicFiles;
import org.asrnas.core.text.Units;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;

/**
 * A trained model on disk: architecture JSON, training config (for the feature pipeline), the
 * units, and the parameters. Written atomically.
 */
public final class ModelFile {
  private static final String MAGIC = "ASR-NAS-MODEL-1";

  private ModelFile() {}

  /** A loaded model with what is needed to prepare its input. */
  public record Loaded(AcousticModel model, TrainConfig config, Units units) {}

  public static void write(Path file, AcousticModel model, TrainConfig config, Units units)
      throws IOException {
    AtomicFiles.writeData(
        file,
        out -> {
          out.writeUTF(MAGIC);
          writeLong(out, model.spec().toJson());
          writeLong(out, config.toJson());
          writeLong(out, String.join("\n", units.symbols().subList(1, units.size())));
          model.parameters().write(out);
        });
  }

  public static Loaded read(Path file, NDManager manager) throws IOException, AsrInputException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw AsrInputException.atByte(file, 0, "not a model written by asr train");
      }
      ArchitectureSpec spec = ArchitectureSpec.parse(readLong(in));
      TrainConfig config = TrainConfig.fromJson(readLong(in));
      String u = readLong(in);
      Units units = Units.of(u.isEmpty() ? List.of() : Arrays.asList(u.split("\n")));
      AcousticModel model = AcousticModel.create(spec, manager, 0);
      model.parameters().read(in);
      return new Loaded(model, config, units);
    } catch (java.io.EOFException e) {
      throw AsrInputException.inFile(file, "truncated model file; was the write interrupted?");
    }
  }

  static void writeLong(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readLong(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}

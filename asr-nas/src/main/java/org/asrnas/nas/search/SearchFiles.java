package org.asrnas.nas.search;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.AtomicFiles;
import org.asrnas.core.io.ChecksummedFile;
import org.asrnas.nas.model.ModelParameters;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Adam;
import org.asrnas.nas.train.CsvLog;

/** Checkpoints and CSV logs of a search run directory, all written atomically or append-only. */
final class SearchFiles {
  private SearchFiles() {}

  // version 2 adds the CRC-32C trailer of ChecksummedFile; version 1 (no checksum) is still read
  static final String MAGIC_PREFIX = "ASR-NAS-SEARCH-CHECKPOINT-";
  static final int VERSION = 2;

  /**
   * Progress of the warm-up or the search between epochs: what a checkpoint holds besides tensors.
   */
  record State(
      int epochsDone,
      long weightSteps,
      long alphaSteps,
      double lrScale,
      double bestLoss,
      int bestEpoch,
      int sinceImprovement,
      int drops,
      boolean stopped) {
    static State initial() {
      return new State(0, 0, 0, 1.0, Double.POSITIVE_INFINITY, 0, 0, 0, false);
    }
  }

  static void writeString(Path file, String text) throws IOException {
    AtomicFiles.writeString(file, text);
  }

  static void writeCheckpoint(
      Path file, String stage, State s, Supernet net, Adam weightAdam, Adam alphaAdam)
      throws IOException {
    ChecksummedFile.write(
        file,
        MAGIC_PREFIX + VERSION,
        out -> {
          out.writeUTF(stage);
          out.writeInt(s.epochsDone());
          out.writeLong(s.weightSteps());
          out.writeLong(s.alphaSteps());
          out.writeDouble(s.lrScale());
          out.writeDouble(s.bestLoss());
          out.writeInt(s.bestEpoch());
          out.writeInt(s.sinceImprovement());
          out.writeInt(s.drops());
          out.writeBoolean(s.stopped());
          net.weights().write(out);
          net.alphas().write(out);
          weightAdam.write(out);
          alphaAdam.write(out);
        });
  }

  static State readCheckpoint(
      Path file, String stage, Supernet net, Adam weightAdam, Adam alphaAdam)
      throws IOException, AsrInputException {
    try (ChecksummedFile.Input input =
        ChecksummedFile.openVersioned(file, "checkpoint", MAGIC_PREFIX, VERSION, "asr nas")) {
      DataInputStream in = input.data();
      String got = in.readUTF();
      if (!got.equals(stage)) {
        throw AsrInputException.inFile(file, "holds stage " + got + ", expected " + stage);
      }
      State s =
          new State(
              in.readInt(),
              in.readLong(),
              in.readLong(),
              in.readDouble(),
              in.readDouble(),
              in.readInt(),
              in.readInt(),
              in.readInt(),
              in.readBoolean());
      long at = input.position();
      try {
        net.weights().read(in, false);
        net.alphas().read(in, false);
        weightAdam.read(in);
        alphaAdam.read(in);
      } catch (ModelParameters.FormatException e) {
        if (e.mismatch()) {
          throw AsrInputException.inFile(
              file, e.getMessage() + "; the checkpoint belongs to another search space");
        }
        throw input.corrupt(at, e.getMessage());
      }
      input.expectEnd();
      return s;
    } catch (java.io.EOFException e) {
      throw AsrInputException.inFile(file, "truncated checkpoint; was the write interrupted?");
    }
  }

  /** Keeps the header and the rows whose first column (the epoch) is at most {@code epochs}. */
  static void truncateCsv(Path file, int epochs) throws IOException {
    if (Files.exists(file)) {
      CsvLog.truncate(file, epochs);
    }
  }

  /**
   * Keeps the rows of at most {@code epochs} epochs and brings a log of an older version to {@code
   * header} (see {@link CsvLog#addLastColumn}).
   */
  static void resumeCsv(Path file, int epochs, List<String> header) throws IOException {
    if (Files.exists(file)) {
      CsvLog.truncate(file, epochs);
      CsvLog.addLastColumn(file, header);
    }
  }
}

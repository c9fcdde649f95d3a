package org.asrnas.nas.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.asrnas.core.data.KaldiTables;

/**
 * The run's CSV logs. Numbers are written with {@link Double#toString} (locale-free, round-trips
 * exactly) so that a resumed run's log can be compared with an uninterrupted one's.
 */
public final class CsvLog implements AutoCloseable {
  /**
   * epochs.csv's columns; {@code nonfinite_batches} (training batches whose loss or gradient was
   * NaN or infinite and that were skipped without an update) was added last, so that readers by
   * position keep working.
   */
  static final String[] EPOCH_HEADER = {
    "epoch",
    "train_loss",
    "heldout_loss",
    "heldout_per",
    "lr",
    "improved",
    "seconds",
    "skipped",
    "nonfinite_batches"
  };

  static final String[] STEP_HEADER = {
    "epoch", "step", "batch", "loss", "grad_norm", "lr", "frames_per_second", "skipped"
  };

  private final CSVPrinter printer;

  private CsvLog(CSVPrinter printer) {
    this.printer = printer;
  }

  static void create(Path file, String[] header) throws IOException {
    create(file, List.of(header));
  }

  /**
   * A new CSV log holding only its header, written atomically: training's logs and the search's
   * ({@code warmup.csv}, {@code search.csv}, {@code pi.csv}) alike.
   */
  public static void create(Path file, List<String> header) throws IOException {
    KaldiTables.writeLinesAtomically(file, List.of(String.join(",", header)));
  }

  static CsvLog append(Path file) throws IOException {
    Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    return new CsvLog(new CSVPrinter(w, FORMAT));
  }

  /**
   * Appends rows to a CSV log, each field quoted only where CSV needs it (as every log here is
   * written).
   */
  public static void appendRows(Path file, List<? extends List<?>> rows) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    try (CsvLog log = append(file)) {
      for (List<?> r : rows) {
        log.printer.printRecord(r);
      }
    }
  }

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  void step(Trainer.StepRecord r) throws IOException {
    printer.printRecord(
        r.epoch(),
        r.step(),
        r.batchInEpoch(),
        num(r.loss()),
        num(r.gradNorm()),
        num(r.learningRate()),
        String.format(Locale.ROOT, "%.1f", r.framesPerSecond()),
        r.skipped());
  }

  void epoch(Trainer.EpochRecord r) throws IOException {
    printer.printRecord(
        r.epoch(),
        num(r.trainLoss()),
        num(r.heldOutLoss()),
        num(r.phoneErrorRate()),
        num(r.learningRate()),
        r.improved(),
        String.format(Locale.ROOT, "%.2f", r.seconds()),
        r.skipped(),
        r.nonFiniteBatches());
  }

  /**
   * Adds the {@code nonfinite_batches} column to an epochs.csv written before it existed (a run
   * resumed after an upgrade), leaving it empty in the old rows: those epochs did not count.
   */
  static void upgradeEpochs(Path file) throws IOException {
    addLastColumn(file, List.of(EPOCH_HEADER));
  }

  /**
   * Rewrites a CSV log whose header is {@code header} without its last column (written before that
   * column existed) to {@code header}, the new column empty in the old rows; other files are left
   * as they are. Also used by the search's logs.
   */
  public static void addLastColumn(Path file, List<String> header) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String old = String.join(",", header.subList(0, header.size() - 1));
    if (lines.isEmpty() || !lines.get(0).equals(old)) {
      return;
    }
    List<String> out = new ArrayList<>();
    out.add(String.join(",", header));
    for (String l : lines.subList(1, lines.size())) {
      out.add(l + ",");
    }
    KaldiTables.writeLinesAtomically(file, out);
  }

  private static String num(double d) {
    return Double.toString(d);
  }

  /**
   * Drops the rows of epochs after {@code epochsDone} (a killed run's partial epoch): keeps the
   * header and the rows whose first column is at most {@code epochsDone}. Also used by the search's
   * logs.
   */
  public static void truncate(Path file, int epochsDone) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> keep = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (i == 0) {
        keep.add(l);
        continue;
      }
      int comma = l.indexOf(',');
      try {
        if (comma > 0 && Integer.parseInt(l.substring(0, comma)) <= epochsDone) {
          keep.add(l);
        }
      } catch (NumberFormatException e) {
        // a line cut short by the kill: drop it
      }
    }
    KaldiTables.writeLinesAtomically(file, keep);
  }

  static List<Trainer.EpochRecord> readEpochs(Path file) throws IOException {
    List<Trainer.EpochRecord> out = new ArrayList<>();
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord r :
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        out.add(
            new Trainer.EpochRecord(
                Integer.parseInt(r.get("epoch")),
                Double.parseDouble(r.get("train_loss")),
                Double.parseDouble(r.get("heldout_loss")),
                Double.parseDouble(r.get("heldout_per")),
                Double.parseDouble(r.get("lr")),
                Boolean.parseBoolean(r.get("improved")),
                Double.parseDouble(r.get("seconds")),
                Integer.parseInt(r.get("skipped")),
                r.isMapped("nonfinite_batches") && !r.get("nonfinite_batches").isEmpty()
                    ? Integer.parseInt(r.get("nonfinite_batches"))
                    : 0));
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}

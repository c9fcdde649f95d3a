package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.nas.train.CsvCurves;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code asr plot}: line charts of run-log columns (loss curves). */
@Command(
    name = "plot",
    header = "Line charts (PNG, SVG) of columns of CSV run logs.",
    mixinStandardHelpOptions = true,
    description = {
      "Draws columns of CSV run logs (epochs.csv of asr train, warmup.csv and search.csv",
      "of asr nas) as lines into OUT.png and OUT.svg. Each FILE may carry a legend label",
      "as FILE=LABEL; with --chain each file's x continues where the previous one ended",
      "(warm-up, then search, then retrain on one axis)."
    },
    footer = {
      "",
      "Example:",
      "  asr plot --x epoch --y train_loss,heldout_loss --chain --out exp/st/loss \\",
      "      exp/st/warmup.csv=warmup exp/st/search.csv=search exp/st/retrain/epochs.csv=retrain"
    })
public final class PlotCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE[=LABEL]", description = "CSV files with header")
  List<String> files;

  @Option(names = "--x", defaultValue = "epoch", description = "x column (default: epoch)")
  String x;

  @Option(
      names = "--y",
      split = ",",
      defaultValue = "train_loss,heldout_loss",
      description = "y columns (default: train_loss,heldout_loss)")
  List<String> y;

  @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "output prefix")
  Path out;

  @Option(names = "--title", defaultValue = "loss curves", description = "chart title")
  String title;

  @Option(names = "--y-label", defaultValue = "CTC loss per utterance", description = "y label")
  String yLabel;

  @Option(names = "--log-y", description = "logarithmic y axis")
  boolean logY;

  @Option(names = "--chain", description = "offset each file's x by the previous file's last x")
  boolean chain;

  @Override
  public Integer call() throws IOException, AsrInputException {
    List<CsvCurves.Curve> curves = new ArrayList<>();
    double offset = 0;
    for (String f : files) {
      int eq = f.indexOf('=');
      Path file = Path.of(eq < 0 ? f : f.substring(0, eq));
      String label = eq < 0 ? file.toString() : f.substring(eq + 1);
      double next = offset;
      for (String col : y) {
        CsvCurves.Curve c = CsvCurves.read(file, x, col, label + " " + col, chain ? offset : 0);
        curves.add(c);
        next = Math.max(next, CsvCurves.lastX(c));
      }
      offset = next;
    }
    PrintWriter o = spec.commandLine().getOut();
    for (Path p : CsvCurves.draw(curves, title, x, yLabel, logY, out)) {
      o.println("wrote " + p);
    }
    o.flush();
    return 0;
  }
}

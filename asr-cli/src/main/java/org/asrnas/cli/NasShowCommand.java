package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.nas.search.SearchReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code asr nas show}: π table, π curves and the derived network of a search run. */
@Command(
    name = "show",
    header = "Shows a search run: π per node, whether it has decided, the derived network.",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the table of π per node (last α step, * = argmax), whether π has decided (max π",
      "per node after the last search epoch, and whether any node's argmax changed during that",
      "epoch; from search.csv) and the derived architecture, and draws pi.png/pi.svg (π over α"
          + " steps) and network.png/network.svg (derived network)."
    },
    footer = {"", "Example:", "  asr nas show --out exp/nas-st"})
public final class NasShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "search run dir")
  Path out;

  @Option(
      names = "--plots",
      paramLabel = "DIR",
      description = "where to write the pictures (default: the run dir)")
  Path plots;

  @Option(names = "--no-plots", description = "print the table only")
  boolean noPlots;

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter o = spec.commandLine().getOut();
    SearchReport report = SearchReport.load(out);
    for (String line : report.table()) {
      o.println(line);
    }
    if (!noPlots) {
      Path dir = plots == null ? out : plots;
      java.nio.file.Files.createDirectories(dir);
      for (Path p : report.drawPiCurves(dir.resolve("pi"))) {
        o.println("wrote " + p);
      }
      for (Path p : report.drawDerived(dir.resolve("network"))) {
        o.println("wrote " + p);
      }
    }
    o.flush();
    return 0;
  }
}

package org.asrnas.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code asr compare}: the tables and verdicts of a recipe's comparison over seeds. */
@Command(
    name = "compare",
    header = "Tables and confidence-interval verdicts of a comparison over seeds.",
    mixinStandardHelpOptions = true,
    description = {
      "Tabulates a comparison run (recipes/common/compare.sh: one dir EXP/SYSTEM-sSEED per",
      "system and seed) into EXP/compare.tsv (system, seed, metric, value) and a markdown",
      "report: mean ± seed SD per system, mean paired differences against --baseline and --null",
      "with 95%% Student t intervals, verdicts only where an interval excludes 0, search cost,",
      "the plateau check and the derived architectures. Unfinished runs are listed, never filled."
    },
    footer = {
      "",
      "Example (what recipes/common/compare.sh runs after its jobs):",
      "  asr compare --recipe wsj --exp exp/wsj --systems \"tdnn6 st random\" --seeds \"1 2 3 4\" \\",
      "    --test-sets \"test_dev93 test_eval92\" --dev test_dev93 --eval-sets test_eval92"
    })
public final class CompareCommand implements Callable<Integer> {
  @Option(names = "--recipe", required = true, description = "recipe name (wsj, swbd)")
  String recipe;

  @Option(names = "--exp", required = true, paramLabel = "DIR", description = "comparison dir")
  Path exp;

  @Option(
      names = "--systems",
      required = true,
      description = "systems, space-separated; NAME:N runs on the first N seeds only")
  String systems;

  @Option(names = "--seeds", required = true, description = "seeds, space-separated")
  String seeds;

  @Option(names = "--test-sets", required = true, description = "scored sets, space-separated")
  String testSets;

  @Option(names = "--dev", required = true, description = "the set the LM weight was tuned on")
  String dev;

  @Option(
      names = "--eval-sets",
      description = "sets of the verdict sentences, space-separated (default: --test-sets)")
  String evalSets;

  @Option(
      names = "--baseline",
      defaultValue = "tdnn6",
      description = "hand-designed reference (default: ${DEFAULT-VALUE})")
  String baseline;

  @Option(
      names = "--null",
      defaultValue = "random",
      description = "null-hypothesis system, one random architecture (default: ${DEFAULT-VALUE})")
  String nullSystem;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "the report (default: EXP/COMPARE.md)")
  Path out;

  @Option(names = "--command", description = "the command that made the run, for the header")
  String command;

  @Option(
      names = "--conf-dir",
      paramLabel = "DIR",
      description = "recipe conf dir: search.json, train.json, train-blstm.json go in the header")
  Path confDir;

  @Option(
      names = "--bench",
      paramLabel = "FILE",
      description = "bench/search_cost.sh output to include")
  Path bench;

  @Mixin ProvenanceOptions provenance;

  @Override
  public Integer call() throws IOException, AsrInputException {
    if (!Files.isDirectory(exp)) {
      throw AsrInputException.inFile(exp, "not a directory: run the comparison first");
    }
    List<Path> budgets = new ArrayList<>();
    if (confDir != null) {
      for (String f : List.of("search.json", "train.json", "train-blstm.json")) {
        budgets.add(confDir.resolve(f));
      }
    }
    List<String> sets = words(testSets);
    ComparisonResults.Inputs in =
        new ComparisonResults.Inputs(
            recipe,
            exp,
            words(systems).stream().map(ComparisonRuns::name).toList(),
            words(seeds),
            sets,
            dev,
            evalSets == null ? sets : words(evalSets),
            baseline,
            nullSystem,
            command,
            budgets,
            bench,
            provenance.commit(),
            provenance.machine(),
            Instant.now());
    List<String> missing = new ArrayList<>();
    List<ComparisonRuns.Run> runs =
        ComparisonRuns.collect(in.exp(), words(systems), in.seeds(), missing);
    AtomicFiles.writeString(
        exp.resolve("compare.tsv"), ComparisonRuns.longTsv(runs, in.testSets()));
    String md =
        ComparisonResults.render(
            in, runs, missing, ComparisonResults.pocketsphinxRow(exp, in.testSets()));
    Path report = out != null ? out : exp.resolve("COMPARE.md");
    AtomicFiles.writeString(report, md);
    System.out.println(
        "wrote " + report + " (" + runs.size() + " runs, " + missing.size() + " not finished)");
    return 0;
  }

  private static List<String> words(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}

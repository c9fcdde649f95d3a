package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.asrnas.core.AsrInputException;
import org.asrnas.corpus.Prompt;
import org.asrnas.corpus.PromptSets;
import org.asrnas.corpus.WsjStandIn;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options and the report shared by {@code asr corpus synth-wsj} and {@code synth-swbd}: the
 * prompts, data and audio dirs, the synthesis jobs and the seed.
 */
final class SynthOptions {
  @Option(names = "--prompts", required = true, paramLabel = "DIR", description = "prompts dir")
  Path prompts;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "data root")
  Path data;

  @Option(names = "--audio", required = true, paramLabel = "DIR", description = "audio root")
  Path audio;

  @Option(
      names = "--jobs",
      defaultValue = "2",
      description = "parallel synthesis jobs (default: 2)")
  int jobs;

  @Mixin SeedOption seedOption;

  long seed() {
    return seedOption.seed();
  }

  /** A stand-in's synthesis from the prompt pools, reporting progress to {@code log}. */
  @FunctionalInterface
  interface Synthesis {
    List<WsjStandIn.SetSummary> build(
        Map<PromptSets.Split, List<Prompt>> pools, Consumer<String> log)
        throws IOException, AsrInputException;
  }

  /**
   * Runs a synthesis on the prompt pools of {@code --prompts}, then prints the set summaries,
   * records the command line and seed in {@code data/configName} and prints the total time.
   *
   * @return the exit code, 0
   */
  int run(CommandLine.Model.CommandSpec spec, String configName, Synthesis synthesis)
      throws IOException, AsrInputException {
    PrintWriter out = spec.commandLine().getOut();
    Map<PromptSets.Split, List<Prompt>> pools = CorpusCommand.readPromptPools(prompts);
    long t0 = System.nanoTime();
    List<WsjStandIn.SetSummary> sums =
        synthesis.build(
            pools,
            m -> {
              out.println(m);
              out.flush();
            });
    sums.forEach(out::println);
    CorpusCommand.recordConfig(
        data.resolve(configName), spec.commandLine().getParseResult().originalArgs(), seed());
    out.printf(Locale.ROOT, "total time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    out.flush();
    return 0;
  }
}

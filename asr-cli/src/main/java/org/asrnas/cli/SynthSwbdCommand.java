package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.corpus.Prompt;
import org.asrnas.core.corpus.SwbdPlan;
import org.asrnas.core.corpus.SwbdStandIn;
import org.asrnas.core.corpus.TextCorpus;
import org.asrnas.core.corpus.WsjStandIn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code asr corpus synth-swbd}: the Switchboard-style stand-in corpus. */
@Command(
    name = "synth-swbd",
    header = "Synthesise the Switchboard-style stand-in corpus (8 kHz mu-law).",
    mixinStandardHelpOptions = true,
    description = {
      "Synthesises a Switchboard-style stand-in corpus from prompts (asr corpus sentences,",
      "short prompts recommended): two-speaker conversations as 8 kHz two-channel mu-law SPHERE",
      "files with turns, backchannels, overlaps, telephone band, crosstalk and a noise floor;",
      "sets train, eval2000 (new speakers of the training voices and held-out espeak-ng",
      "variants) and eval2000_newvoice (voices never in training), each with an stm."
    },
    footer = {
      "",
      "Example:",
      "  asr corpus synth-swbd --prompts data/local/prompts --data data --audio data/audio \\",
      "      --hours 1.0 --eval-hours 0.2 --jobs 2 --seed 1"
    })
public final class SynthSwbdCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--prompts", required = true, paramLabel = "DIR", description = "prompts dir")
  Path prompts;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "data root")
  Path data;

  @Option(names = "--audio", required = true, paramLabel = "DIR", description = "audio root")
  Path audio;

  @Option(
      names = "--hours",
      defaultValue = "1.0",
      description = "training speech, estimated (default: ${DEFAULT-VALUE})")
  double hours;

  @Option(
      names = "--eval-hours",
      defaultValue = "0.2",
      description = "evaluation speech, estimated (default: ${DEFAULT-VALUE})")
  double evalHours;

  @Option(
      names = "--jobs",
      defaultValue = "2",
      description = "parallel synthesis jobs (default: 2)")
  int jobs;

  @Mixin SeedOption seedOption;

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter out = spec.commandLine().getOut();
    Map<TextCorpus.Split, List<Prompt>> pools = CorpusCommand.readPromptPools(prompts);
    SwbdPlan plan =
        SwbdPlan.plan(
            pools, SwbdPlan.Config.defaults().withSize(seedOption.seed(), hours, evalHours));
    long t0 = System.nanoTime();
    List<WsjStandIn.SetSummary> sums =
        SwbdStandIn.build(
            plan,
            seedOption.seed(),
            data,
            audio,
            jobs,
            m -> {
              out.println(m);
              out.flush();
            });
    sums.forEach(out::println);
    CorpusCommand.recordConfig(
        data.resolve("synth-swbd.json"),
        spec.commandLine().getParseResult().originalArgs(),
        seedOption.seed());
    out.printf(Locale.ROOT, "total time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    out.flush();
    return 0;
  }
}

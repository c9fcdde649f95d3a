package org.asrnas.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.corpus.SwbdPlan;
import org.asrnas.corpus.SwbdStandIn;
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

  @Mixin SynthOptions io;

  @Override
  public Integer call() throws IOException, AsrInputException {
    SwbdPlan.Config cfg = SwbdPlan.Config.defaults().withSize(io.seed(), hours, evalHours);
    return io.run(
        spec,
        "synth-swbd.json",
        (pools, log) ->
            SwbdStandIn.build(
                SwbdPlan.plan(pools, cfg), io.seed(), io.data, io.audio, io.jobs, log));
  }
}

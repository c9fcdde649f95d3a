package org.asrnas.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.corpus.WsjPlan;
import org.asrnas.corpus.WsjStandIn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code asr corpus synth-wsj}: the WSJ-style stand-in corpus. */
@Command(
    name = "synth-wsj",
    header = "Synthesise the WSJ-style stand-in corpus (16 kHz SPHERE).",
    mixinStandardHelpOptions = true,
    description = {
      "Synthesises a WSJ-style stand-in corpus from prompts (asr corpus sentences): 16 kHz mono",
      "SPHERE files spoken by espeak-ng, flite and festival voices with per-speaker rate, pitch,",
      "vocal-tract warp and gain; sets train_si284, test_dev93 and test_eval92 (new speakers of",
      "the training voices and held-out espeak-ng variants) and test_eval92_newvoice (eval92",
      "prompts, voices never in training)."
    },
    footer = {
      "",
      "Example:",
      "  asr corpus synth-wsj --prompts data/local/prompts --data data --audio data/audio \\",
      "      --hours 1.5 --test-utts 150 --jobs 2 --seed 1"
    })
public final class SynthWsjCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--hours",
      defaultValue = "1.5",
      description = "training speech to make, estimated (default: ${DEFAULT-VALUE})")
  double hours;

  @Option(
      names = "--test-utts",
      defaultValue = "150",
      description = "utterances per test set (default: ${DEFAULT-VALUE})")
  int testUtts;

  @Option(
      names = "--test-speakers",
      defaultValue = "8",
      description = "speakers per test set (default: ${DEFAULT-VALUE})")
  int testSpeakers;

  @Mixin SynthOptions io;

  @Override
  public Integer call() throws IOException, AsrInputException {
    WsjPlan.Config cfg =
        WsjPlan.Config.defaults()
            .withSeed(io.seed())
            .withSize(hours, testUtts)
            .withTestSpeakers(testSpeakers);
    return io.run(
        spec,
        "synth-wsj.json",
        (pools, log) ->
            WsjStandIn.build(WsjPlan.plan(pools, cfg), io.data, io.audio, io.jobs, log));
  }
}

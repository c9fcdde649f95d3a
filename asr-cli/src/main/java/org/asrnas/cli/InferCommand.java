package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.DeviceSpec;
import org.asrnas.nas.Devices;
import org.asrnas.nas.train.Inference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code asr infer}: log-probabilities of a data dir under a trained model. */
@Command(
    name = "infer",
    header = "Per-frame log-probabilities of a data dir under a trained model.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a trained model over a data dir's feats.scp (same CMVN and deltas as in training)",
      "and writes per-utterance log-probabilities (frames after subsampling x units) to",
      "OUT/logprobs.ark and OUT/logprobs.scp (Kaldi binary float matrices)."
    },
    footer = {
      "",
      "Example:",
      "  asr infer --model exp/tdnn6 --data data/test --out exp/tdnn6/logprobs_test"
    })
public final class InferCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "PATH",
      description = "run dir (uses final.model) or a .model file")
  Path model;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "data dir with feats.scp and utt2spk")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output dir")
  Path out;

  @Mixin DeviceOptions deviceOptions;

  @Option(
      names = "--batch-frames",
      description = "padded frames per batch (default: ${DEFAULT-VALUE})",
      defaultValue = "20000")
  int batchFrames;

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter err = spec.commandLine().getErr();
    DeviceSpec dev = deviceOptions.deviceSpec();
    int nThreads = deviceOptions.threads();
    Devices.setThreads(nThreads);
    Path scp =
        Inference.run(
            model, data, out, Devices.toDjl(dev), batchFrames, n -> {}, line -> err.println(line));
    spec.commandLine().getOut().println(scp);
    spec.commandLine().getOut().flush();
    return 0;
  }
}

package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.DeviceSpec;
import org.asrnas.nas.Devices;
import org.asrnas.nas.train.TrainConfig;
import org.asrnas.nas.train.TrainListener;
import org.asrnas.nas.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code asr train}: trains a CTC acoustic model described by JSON. */
@Command(
    name = "train",
    header = "Trains a CTC acoustic model from an architecture JSON.",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a CTC acoustic model (architecture JSON, see data/nas/) on a Kaldi data dir with",
      "feats.scp, text and utt2spk; phone targets from the lexicon's first pronunciation.",
      "Writes config.json, model.json, run.json, epochs.csv, steps.csv, checkpoint.bin (every",
      "epoch, atomic) and final.model into --out. --resume continues a run killed after its",
      "first epoch from its last checkpoint, ending as the uninterrupted run would.",
      "Threads: --threads sets libtorch's intra-op threads and the CTC threads (inter-op is 1);",
      "on a 2-core machine running two 1-thread jobs side by side is often faster than one."
    },
    footer = {
      "",
      "Examples:",
      "  asr train --data data/train --model data/nas/tdnn6-cpu.json --out exp/tdnn6 --seed 1",
      "  asr train --data data/train --out exp/tdnn6 --resume"
    })
public final class TrainCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "training data dir")
  Path data;

  @Option(
      names = "--model",
      paramLabel = "JSON",
      description = "architecture (not needed with --resume)")
  Path model;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "run directory")
  Path out;

  @Mixin TrainingDataOptions dataOptions;

  @Option(
      names = "--config",
      paramLabel = "JSON",
      description = "training options overriding the defaults (keys of config.json)")
  Path config;

  @Mixin SeedOption seedOption;

  @Mixin DeviceOptions deviceOptions;

  @Option(names = "--epochs", description = "stop after this many epochs of this invocation")
  Integer epochLimit;

  @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
  boolean resume;

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter err = spec.commandLine().getErr();
    if (model == null && !resume) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--model is required (unless --resume)");
    }
    DeviceSpec dev = deviceOptions.deviceSpec();
    TrainConfig cfg = TrainConfig.defaults();
    if (config != null) {
      cfg = cfg.withOverrides(config);
    }
    int nThreads = OptionPrecedence.threads(deviceOptions, config, cfg.threads());
    Devices.setThreads(nThreads);
    cfg = cfg.withSeed(OptionPrecedence.seed(seedOption, cfg.seed())).withThreads(nThreads);
    Trainer.Job job = new Trainer.Job(dataOptions.of(data), model, out, Devices.toDjl(dev), resume);
    Progress progress = new Progress(err, cfg.logEverySteps());
    Trainer.Result r =
        new Trainer(cfg, progress).train(job, epochLimit == null ? Integer.MAX_VALUE : epochLimit);
    progress.close();
    err.println(outcome(r));
    err.flush();
    return 0;
  }

  /** The last line of a run: final.model once the schedule stopped, else how to continue. */
  static String outcome(Trainer.Result r) {
    if (r.finished()) {
      return String.format(
          Locale.ROOT,
          "best held-out loss %.4f (epoch %d); model %s",
          r.bestHeldOutLoss(),
          r.bestEpoch(),
          r.finalModel());
    }
    return String.format(
        Locale.ROOT,
        "paused after epoch %d: best held-out loss so far %.4f (epoch %d) in %s;"
            + " continue with --resume",
        r.epochsDone(),
        r.bestHeldOutLoss(),
        r.bestEpoch(),
        r.finalModel().resolveSibling("best.model"));
  }

  /** A progress bar on a terminal, plain periodic lines otherwise. */
  static final class Progress implements TrainListener, AutoCloseable {
    private final PrintWriter err;
    private final int every;
    private final boolean terminal = System.console() != null;
    private ProgressBar bar;

    Progress(PrintWriter err, int every) {
      this.err = err;
      this.every = every;
    }

    @Override
    public void epochStarted(int epoch, int batches, double learningRate) {
      close();
      if (terminal) {
        bar =
            new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d", epoch))
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .build();
      } else {
        err.printf(Locale.ROOT, "epoch %d: %d batches, lr %.3g%n", epoch, batches, learningRate);
        err.flush();
      }
    }

    @Override
    public void step(Trainer.StepRecord r) {
      if (bar != null) {
        bar.step();
        bar.setExtraMessage(
            String.format(Locale.ROOT, "loss %.3f, %.0f frames/s", r.loss(), r.framesPerSecond()));
      } else if (r.step() % every == 0) {
        err.printf(
            Locale.ROOT,
            "  epoch %d step %d (batch %d): loss %.4f, grad norm %.3g, %.0f frames/s%n",
            r.epoch(),
            r.step(),
            r.batchInEpoch(),
            r.loss(),
            r.gradNorm(),
            r.framesPerSecond());
        err.flush();
      }
    }

    @Override
    public void epochFinished(Trainer.EpochRecord r) {
      close();
      err.printf(
          Locale.ROOT,
          "epoch %d: train loss %.4f, held-out loss %.4f, greedy PER %.2f%%, lr %.3g%s, %.1f s%n",
          r.epoch(),
          r.trainLoss(),
          r.heldOutLoss(),
          r.phoneErrorRate(),
          r.learningRate(),
          r.improved() ? " (best)" : "",
          r.seconds());
      err.flush();
    }

    @Override
    public void message(String line) {
      err.println(line);
      err.flush();
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}

package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.asrnas.core.AsrInputException;
import org.asrnas.frontend.audio.PipeLimits;
import org.asrnas.frontend.extract.FeatureExtraction;
import org.asrnas.frontend.features.FbankConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code asr features}: Kaldi-compatible fbank features for a data directory. */
@Command(
    name = "features",
    header = "Kaldi-compatible fbank features of a data directory.",
    mixinStandardHelpOptions = true,
    description = {
      "Computes fbank features with Kaldi's compute-fbank-feats semantics for every",
      "utterance of a data directory. Writes feats.N.ark + feats.scp, utt2num_frames,",
      "cmvn.scp (per speaker), cmvn_global.scp and skipped.txt. Utterances that cannot",
      "be read are skipped and listed with the reason; the rest finish. wav.scp pipes",
      "('command |') that run too long or write too much are killed and skipped.",
      "Resumable: a rerun with the same options keeps finished shards."
    },
    footer = {
      "",
      "Examples:",
      "  asr features --data data/train --out fbank/train --jobs 2",
      "  asr features --data data/swbd --out fbank/swbd --config conf/fbank8k.json",
      "  asr features --data data/aug --out fbank/aug --pipe-timeout 60 --pipe-max-mb 64",
      "",
      "fbank.json holds Kaldi option names in camelCase, e.g.",
      "  {\"numMelBins\": 40, \"sampleFrequency\": 8000, \"dither\": 1.0}"
    })
public final class FeaturesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Kaldi data dir")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
  Path out;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "fbank options as JSON (default: Kaldi's defaults with 40 mel bins)")
  Path config;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "worker threads (default: ${DEFAULT-VALUE})",
      defaultValue = "1")
  int jobs;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "root seed for dither (default: ${DEFAULT-VALUE})",
      defaultValue = "0")
  long seed;

  @Option(
      names = "--shards",
      paramLabel = "N",
      description = "number of archives (default: one per 100 utterances, at most 64)",
      defaultValue = "0")
  int shards;

  @Option(
      names = "--allow-resample",
      description = "resample audio whose rate differs from sampleFrequency instead of skipping it")
  boolean allowResample;

  @Option(
      names = "--pipe-timeout",
      paramLabel = "SECONDS",
      description = "kill a wav.scp pipe that runs longer and skip it (default: ${DEFAULT-VALUE})",
      defaultValue = "300")
  long pipeTimeoutSeconds;

  @Option(
      names = "--pipe-max-mb",
      paramLabel = "MB",
      description =
          "kill a wav.scp pipe that writes more MiB and skip it (default: ${DEFAULT-VALUE})",
      defaultValue = "256")
  long pipeMaxMb;

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter outw = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (jobs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be >= 1");
    }
    if (pipeTimeoutSeconds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--pipe-timeout must be >= 1");
    }
    if (pipeMaxMb < 1 || pipeMaxMb > 2047) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--pipe-max-mb must be in [1, 2047]");
    }
    PipeLimits limits =
        new PipeLimits(
            Duration.ofSeconds(pipeTimeoutSeconds), Math.multiplyExact(pipeMaxMb, 1L << 20));
    FbankConfig c = config == null ? FbankConfig.defaults() : FbankConfig.read(config);
    FeatureExtraction.Result r =
        FeatureExtraction.run(
            new FeatureExtraction.Options(data, out, c, jobs, seed, shards, allowResample, limits),
            System.console() != null ? new BarProgress() : new LogProgress(err));
    outw.printf(
        Locale.ROOT,
        "%s: %d of %d utterances, %d frames, %d skipped (%d of %d shards resumed)%n",
        out,
        r.extracted(),
        r.utterances(),
        r.frames(),
        r.skipped().size(),
        r.shardsResumed(),
        r.shards());
    if (!r.skipped().isEmpty()) {
      err.printf(Locale.ROOT, "skipped utterances (see %s):%n", out.resolve("skipped.txt"));
      r.skipped().stream()
          .limit(10)
          .forEach(s -> err.printf(Locale.ROOT, "  %s: %s%n", s.utteranceId(), s.reason()));
      if (r.skipped().size() > 10) {
        err.printf(Locale.ROOT, "  ... and %d more%n", r.skipped().size() - 10);
      }
    }
    outw.flush();
    err.flush();
    return r.extracted() == 0 ? 1 : 0;
  }

  /** A progress bar with rate and ETA, on a terminal. */
  static final class BarProgress implements FeatureExtraction.Progress {
    private ProgressBar bar;

    @Override
    public synchronized void start(long total, long done) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("features")
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setUnit(" utt", 1)
              .showSpeed()
              .build();
      bar.stepBy(done);
    }

    @Override
    public synchronized void step(long frames) {
      bar.step();
    }

    @Override
    public synchronized void finish() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  /** Plain log lines every 10 seconds when not on a terminal. */
  static final class LogProgress implements FeatureExtraction.Progress {
    private final PrintWriter err;
    private long total;
    private long done;
    private long startDone;
    private long frames;
    private long startNanos;
    private long lastLog;

    LogProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void start(long total, long done) {
      this.total = total;
      this.done = done;
      this.startDone = done;
      this.startNanos = System.nanoTime();
      this.lastLog = startNanos;
      err.printf(Locale.ROOT, "features: %d utterances, %d already done%n", total, done);
      err.flush();
    }

    @Override
    public synchronized void step(long f) {
      done++;
      frames += f;
      long now = System.nanoTime();
      if (now - lastLog >= 10_000_000_000L) {
        lastLog = now;
        log(now);
      }
    }

    private void log(long now) {
      double secs = (now - startNanos) / 1e9;
      double rate = (done - startDone) / Math.max(secs, 1e-9);
      double eta = rate > 0 ? (total - done) / rate : Double.NaN;
      err.printf(
          Locale.ROOT,
          "features: %d/%d utterances (%.1f%%), %.0f utt/s, %.0f frames/s, ETA %.0f s%n",
          done,
          total,
          100.0 * done / Math.max(1, total),
          rate,
          frames / Math.max(secs, 1e-9),
          eta);
      err.flush();
    }

    @Override
    public synchronized void finish() {
      log(System.nanoTime());
    }
  }
}

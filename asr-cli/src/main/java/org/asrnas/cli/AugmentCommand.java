package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.WavEntry;
import org.asrnas.corpus.DataAugment;
import org.asrnas.corpus.NoiseBank;
import org.asrnas.corpus.SoxAudio;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code asr corpus augment IN OUT}: speed and noise copies of a data directory. */
@Command(
    name = "augment",
    header = "Speed-perturbed and noisy copies of a data directory.",
    mixinStandardHelpOptions = true,
    description = {
      "Writes an augmented copy of a data directory: speed perturbation with Kaldi's sp0.9-",
      "prefixes (audio as sox pipes in wav.scp), then, with --noise-snr, noise from a generated",
      "bank (white, pink, brown, hum, babble) at a random SNR (audio written to --noise-audio).",
      "With --noise-snr and --keep-clean the clean copies stay beside the noisy ones (prefix",
      "noise-); with --noisy-share F a seeded share F of the utterances is replaced by its noisy",
      "copy (prefix noise-) and the rest stays clean (a training set of the same size, partly",
      "noisy); otherwise the noisy copy keeps the original ids (a noisy test set)."
    },
    footer = {
      "",
      "Examples:",
      "  asr corpus augment data/train_si284 data/train_si284_sp --speeds 0.9,1.0,1.1",
      "  asr corpus augment data/test_eval92 data/test_eval92_noisy --speeds 1.0 \\",
      "      --noise-snr 5:20 --noise-audio data/audio/test_eval92_noisy --babble-from data/train_si284"
    })
public final class AugmentCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "input data directory")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "output data directory")
  Path out;

  @Option(
      names = "--speeds",
      split = ",",
      defaultValue = "0.9,1.0,1.1",
      description = "speed factors (default: ${DEFAULT-VALUE})")
  List<Double> speeds = new ArrayList<>();

  @Option(names = "--noise-snr", paramLabel = "MIN:MAX", description = "add noise, SNR range dB")
  String noiseSnr;

  @Option(names = "--noise-audio", paramLabel = "DIR", description = "where noisy audio goes")
  Path noiseAudio;

  @Option(names = "--keep-clean", description = "keep clean copies beside noisy ones")
  boolean keepClean;

  @Option(
      names = "--noisy-share",
      paramLabel = "F",
      defaultValue = "1",
      description =
          "share of utterances replaced by their noisy copy (prefix noise-), drawn per utterance"
              + " with the seed; the others stay clean, each utterance occurs once (default: 1)")
  double noisyShare;

  @Option(
      names = "--babble-from",
      paramLabel = "DIR",
      description = "data directory whose first utterances make babble noise")
  Path babbleFrom;

  @Option(names = "--rate", defaultValue = "16000", description = "sampling rate (default: 16000)")
  int rateHz;

  @Option(names = "--jobs", defaultValue = "2", description = "parallel jobs (default: 2)")
  int jobs;

  @Mixin SeedOption seedOption;

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter o = spec.commandLine().getOut();
    checkSpeeds();
    double[] snr = snrRange();
    double snrMin = snr[0];
    double snrMax = snr[1];
    DataDir d = DataDir.load(in);
    List<DataDir> copies = new ArrayList<>();
    for (double s : speeds) {
      copies.add(DataAugment.speed(d, s));
    }
    DataDir sp = DataAugment.combine(copies);
    if (noiseSnr == null) {
      sp.write(out);
      o.printf(Locale.ROOT, "%s: %d utterances%n", out, sp.utt2spk().size());
      o.flush();
      return 0;
    }
    if (noiseAudio == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--noise-snr MIN:MAX needs --noise-audio DIR");
    }
    List<short[]> talkers = babbleTalkers();
    if (noisyShare <= 0 || noisyShare > 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--noisy-share must be in (0, 1], got " + noisyShare);
    }
    if (noisyShare < 1 && keepClean) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--noisy-share and --keep-clean exclude each other");
    }
    DataDir clean = null;
    if (noisyShare < 1) {
      DataAugment.Split parts = DataAugment.split(sp, noisyShare, seedOption.seed());
      clean = parts.rest();
      sp = parts.selected();
    }
    NoiseBank bank = NoiseBank.generate(seedOption.seed(), rateHz, 60, talkers);
    long t0 = System.nanoTime();
    DataAugment.Noisy noisy =
        DataAugment.addNoise(
            sp,
            noiseAudio,
            bank,
            snrMin,
            snrMax,
            seedOption.seed(),
            keepClean || clean != null ? "noise-" : "",
            jobs);
    if (clean != null) {
      new DataAugment.Noisy(DataAugment.combine(List.of(clean, noisy.dir())), noisy.reco2snr())
          .write(out);
    } else if (keepClean) {
      DataAugment.Noisy both =
          new DataAugment.Noisy(DataAugment.combine(List.of(sp, noisy.dir())), noisy.reco2snr());
      both.write(out);
    } else {
      noisy.write(out);
    }
    o.printf(
        Locale.ROOT,
        "%s: %d noisy recordings (noise types %s), %.1f s%n",
        out,
        noisy.reco2snr().size(),
        bank.types(),
        (System.nanoTime() - t0) / 1e9);
    o.flush();
    return 0;
  }

  private void checkSpeeds() {
    for (double s : speeds) {
      if (!(s >= 0.5 && s <= 2.0)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--speeds must be in [0.5, 2], got " + s);
      }
    }
  }

  /** --noise-snr MIN:MAX as {MIN, MAX}; {0, 0} without it. */
  private double[] snrRange() {
    double snrMin = 0;
    double snrMax = 0;
    if (noiseSnr != null) {
      String[] mm = noiseSnr.split(":");
      try {
        snrMin = Double.parseDouble(mm[0]);
        snrMax = Double.parseDouble(mm.length == 2 ? mm[1] : "x");
      } catch (NumberFormatException e) {
        snrMin = Double.NaN;
      }
      if (!(snrMin <= snrMax) || Double.isInfinite(snrMin) || Double.isInfinite(snrMax)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--noise-snr must be MIN:MAX in dB with MIN <= MAX, got " + noiseSnr);
      }
    }
    return new double[] {snrMin, snrMax};
  }

  /** The first 8 recordings of --babble-from, mono at the noise rate; none without it. */
  private List<short[]> babbleTalkers() throws IOException, AsrInputException {
    List<short[]> talkers = new ArrayList<>();
    if (babbleFrom != null) {
      DataDir b = DataDir.load(babbleFrom);
      for (WavEntry w : b.wavScp().values()) {
        if (talkers.size() == 8) {
          break;
        }
        talkers.add(SoxAudio.readMono(w, rateHz));
      }
    }
    return talkers;
  }
}

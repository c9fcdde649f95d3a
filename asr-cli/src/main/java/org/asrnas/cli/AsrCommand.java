package org.asrnas.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code asr} command. Exit codes: 0 success, 1 failure, 2 bad usage. */
@Command(
    name = "asr",
    mixinStandardHelpOptions = true,
    versionProvider = AsrCommand.Version.class,
    description = "End-to-end CTC speech recognition with acoustic models found by ST-NAS.",
    subcommands = {
      DataCommand.class,
      CorpusCommand.class,
      LmCommand.class,
      TrainCommand.class,
      InferCommand.class,
      NasCommand.class,
      ScoreCommand.class,
      DecodeCommand.class,
      FeaturesCommand.class,
      PlotCommand.class,
      ResultsCommand.class,
      CompareCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  asr data validate data/train      check a Kaldi data directory",
      "  asr data stats data/train --lexicon data/lang/lexicon.txt",
      "  asr train --data data/train --model data/nas/tdnn6-cpu.json --out exp/tdnn6",
      "  asr infer --model exp/tdnn6 --data data/test --out exp/tdnn6/logprobs_test",
      "  asr nas run --space data/nas/stnas-cpu-space.json --data data/train --out exp/nas-st",
      "  asr lm build --text data/train/text --text-has-ids --order 3 --out data/lang/lm.arpa",
      "  asr decode --logprobs exp/logprobs.scp --units data/lang/units.txt --lexicon L --lm LM",
      "  asr score --ref data/test/text --hyp exp/decode/text --out exp/decode/score",
      "  asr features --data data/train --out fbank/train --jobs 2",
      "  asr plot --out exp/tdnn6/loss exp/tdnn6/epochs.csv    loss curves as PNG/SVG",
    })
public final class AsrCommand extends CommandGroup {
  /** Builds the command line with the project's error handling. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new AsrCommand());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    // the help texts are written to 100 columns; picocli's default of 80 re-wraps every line
    cl.setUsageHelpWidth(100);
    return cl;
  }

  public static void main(String[] args) {
    CommandLine cl = commandLine();
    System.exit(ErrorHandler.runMain(() -> cl.execute(args), cl.getErr()));
  }

  /** Prints our version, and the DJL and PyTorch versions we were built against. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = versions();
      return new String[] {
        "asr " + p.getProperty("version"),
        "DJL " + p.getProperty("djl") + ", PyTorch " + p.getProperty("pytorch") + " (libtorch)",
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }

  /** The versions recorded at build time ({@code asr-version.properties}). */
  public static Properties versions() {
    Properties p = new Properties();
    try (InputStream in = AsrCommand.class.getResourceAsStream("/asr-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}

package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.DataDirStats;
import org.asrnas.core.data.DataDirValidator;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.OovReport;
import org.asrnas.frontend.audio.AudioReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code asr data ...}: checks and summaries of Kaldi data directories. */
@Command(
    name = "data",
    description = "Kaldi data directories: validate, stats.",
    mixinStandardHelpOptions = true,
    subcommands = {DataCommand.Validate.class, DataCommand.Stats.class})
public final class DataCommand extends CommandGroup {
  /** {@code asr data validate DIR}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a Kaldi data directory with the rules of utils/validate_data_dir.sh.",
        "Exit code 0 when valid, 1 when not; every problem is printed with file and line."
      },
      footer = {"", "Example:", "  asr data validate data/test_eval92"})
  public static final class Validate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the data directory")
    Path dir;

    @Option(names = "--no-text", description = "do not require a text file")
    boolean noText;

    @Option(names = "--no-wav", description = "do not require a wav.scp file")
    boolean noWav;

    @Option(names = "--no-audio-check", description = "do not warn about missing audio files")
    boolean noAudioCheck;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      DataDirValidator.Report r =
          DataDirValidator.validate(
              dir,
              DataDirValidator.Options.defaults()
                  .withRequireText(!noText)
                  .withRequireWav(!noWav)
                  .withCheckAudioFilesExist(!noAudioCheck));
      r.problems().forEach(p -> err.println(p));
      if (!r.isValid()) {
        err.printf(
            Locale.ROOT,
            "%s: %d error(s), %d warning(s)%n",
            dir,
            r.errors().size(),
            r.warnings().size());
        return 1;
      }
      DataDir d = r.dataDir().orElseThrow();
      out.printf(
          Locale.ROOT,
          "%s: valid (%d utterances, %d speakers, %d recordings%s)%n",
          dir,
          d.utt2spk().size(),
          d.spk2utt().size(),
          d.wavScp().size(),
          r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " warning(s)");
      return 0;
    }
  }

  /** {@code asr data stats DIR}. */
  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Prints utterances, speakers, hours, vocabulary and (with --lexicon) OOV rate.",
      footer = {
        "",
        "Example:",
        "  asr data stats data/train_si284 --lexicon data/lang/lexicon.txt"
      })
  public static final class Stats implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the data directory")
    Path dir;

    @Option(names = "--lexicon", paramLabel = "FILE", description = "lexicon for the OOV rate")
    Path lexicon;

    @Option(
        names = "--ignore",
        split = ",",
        paramLabel = "WORD",
        description = "words never counted as OOV (default: ${DEFAULT-VALUE})",
        defaultValue = "<NOISE>,<SPN>,<UNK>")
    List<String> ignore = new ArrayList<>();

    @Override
    public Integer call() throws IOException, AsrInputException {
      PrintWriter out = spec.commandLine().getOut();
      DataDir d = DataDir.load(dir);
      // Durations come from segments or utt2dur when present, else from the audio headers.
      DataDirStats s = DataDirStats.of(d, dir, AudioReader::durationSeconds);
      out.print(s.format());
      if (lexicon != null) {
        if (!Files.exists(lexicon)) {
          throw new IllegalArgumentException("lexicon " + lexicon + " does not exist");
        }
        Set<String> ign = new HashSet<>(ignore);
        out.println(OovReport.of(d.text().values(), Lexicon.read(lexicon), ign));
      }
      out.flush();
      return 0;
    }
  }
}

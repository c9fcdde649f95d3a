package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.corpus.SwbdLdc;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code asr corpus prep-swbd}: Kaldi's data/train and data/eval2000 from the LDC corpora. */
@Command(
    name = "prep-swbd",
    header = "Kaldi data dirs from LDC Switchboard-1 and Hub5 eval2000.",
    mixinStandardHelpOptions = true,
    description = {
      "Prepares Switchboard-1 (LDC97S62 + MS-State transcripts) into DATA/train and, with",
      "--eval2000-speech/--eval2000-text, the Hub5 2000 evaluation (LDC2002S09, LDC2002T43)",
      "into DATA/eval2000 (segments from the .pem file, stm and glm for scoring)."
    },
    footer = {
      "",
      "Example:",
      "  asr corpus prep-swbd --swbd /corpora/LDC97S62 --ms98 /corpora/swb_ms98_transcriptions \\",
      "      --eval2000-speech /corpora/LDC2002S09 --eval2000-text /corpora/LDC2002T43 --data data"
    })
public final class PrepSwbdCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--swbd", required = true, paramLabel = "DIR", description = "LDC97S62 root")
  Path swbd;

  @Option(
      names = "--ms98",
      paramLabel = "DIR",
      description = "MS-State transcripts (default: SWBD/swb_ms98_transcriptions)")
  Path ms98;

  @Option(names = "--eval2000-speech", paramLabel = "DIR", description = "LDC2002S09 root")
  Path evalSpeech;

  @Option(names = "--eval2000-text", paramLabel = "DIR", description = "LDC2002T43 root")
  Path evalText;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "data root")
  Path data;

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter e = spec.commandLine().getErr();
    Path ms = ms98 != null ? ms98 : swbd.resolve("swb_ms98_transcriptions");
    SwbdLdc.Summary t =
        SwbdLdc.prepareTrain(
            CorpusCommand.requireFile(swbd, "LDC97S62"),
            CorpusCommand.requireFile(ms, "MS-State transcripts"),
            data.resolve("train"));
    report("train", t, o, e);
    if ((evalSpeech == null) != (evalText == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give both --eval2000-speech and --eval2000-text");
    }
    if (evalSpeech != null) {
      SwbdLdc.Summary v =
          SwbdLdc.prepareEval2000(
              CorpusCommand.requireFile(evalSpeech, "LDC2002S09"),
              CorpusCommand.requireFile(evalText, "LDC2002T43"),
              data.resolve("eval2000"));
      report("eval2000", v, o, e);
    }
    o.flush();
    e.flush();
    return 0;
  }

  private static void report(String set, SwbdLdc.Summary s, PrintWriter o, PrintWriter e) {
    s.warnings().stream().limit(20).forEach(w -> e.println("warning: " + w));
    if (s.warnings().size() > 20) {
      e.println("warning: ... " + (s.warnings().size() - 20) + " more");
    }
    o.println(set + ": " + s.utterances() + " utterances, " + s.recordings() + " recordings");
  }
}

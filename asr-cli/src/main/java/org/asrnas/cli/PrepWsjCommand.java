package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.corpus.WsjLdc;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code asr corpus prep-wsj}: Kaldi data directories from the LDC WSJ discs. */
@Command(
    name = "prep-wsj",
    header = "Kaldi data dirs from the LDC WSJ0/WSJ1 discs.",
    mixinStandardHelpOptions = true,
    description = {
      "Prepares train_si284, test_dev93 and test_eval92 from LDC93S6B (WSJ0) and LDC94S13B",
      "(WSJ1) as Kaldi's wsj_data_prep.sh: index files, .dot transcripts (normalised), .wv1 audio."
    },
    footer = {
      "",
      "Example:",
      "  asr corpus prep-wsj --wsj0 /corpora/LDC93S6B --wsj1 /corpora/LDC94S13B --data data"
    })
public final class PrepWsjCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--wsj0", required = true, paramLabel = "DIR", description = "LDC93S6B root")
  Path wsj0;

  @Option(names = "--wsj1", required = true, paramLabel = "DIR", description = "LDC94S13B root")
  Path wsj1;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "data root")
  Path data;

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter e = spec.commandLine().getErr();
    WsjLdc.Summary s = WsjLdc.prepare(List.of(wsj0, wsj1), data);
    s.warnings().stream().limit(20).forEach(w -> e.println("warning: " + w));
    if (s.warnings().size() > 20) {
      e.println("warning: ... " + (s.warnings().size() - 20) + " more");
    }
    s.utterances().forEach((set, n) -> o.println(set + ": " + n + " utterances"));
    o.flush();
    e.flush();
    return 0;
  }
}

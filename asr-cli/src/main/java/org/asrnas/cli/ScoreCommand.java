package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.decoder.score.Scorer;
import org.asrnas.decoder.score.TextFilter;
import org.asrnas.decoder.score.Transcript;
import org.asrnas.decoder.score.Transcripts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code asr score}: WER/CER with sclite's conventions. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Scores hypotheses against references with sclite's alignment and reports.",
      "Inputs: Kaldi text (utt-id words) or trn (words (spk-utt)), detected per file.",
      "Prints Kaldi's %%WER/%%SER lines and the per-speaker summary; --out DIR also",
      "writes sum.txt, rsum.txt, pra.txt (alignments), wer.txt, counts.tsv, ref.trn",
      "and hyp.trn."
    },
    footer = {
      "",
      "Examples:",
      "  asr score --ref data/test_eval92/text --hyp exp/decode/text --out exp/decode/score",
      "  asr score --ref ref.trn --hyp hyp.trn --switchboard --glm data/eval2000/glm"
    })
public final class ScoreCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--ref", required = true, paramLabel = "FILE", description = "references")
  Path ref;

  @Option(names = "--hyp", required = true, paramLabel = "FILE", description = "hypotheses")
  Path hyp;

  @Option(names = "--out", paramLabel = "DIR", description = "directory for the reports")
  Path out;

  @Option(names = "--cer", description = "character error rate (sclite -c)")
  boolean cer;

  @Option(names = "--case-sensitive", description = "keep case (sclite -s); default folds")
  boolean caseSensitive;

  @Option(names = "--split-hyphens", description = "split hyphenated words")
  boolean splitHyphens;

  @Option(
      names = "--switchboard",
      description = "drop fillers, noise tokens and partial words (Kaldi swbd scoring)")
  boolean switchboard;

  @Option(names = "--glm", paramLabel = "FILE", description = "GLM mapping rules FROM => TO")
  Path glm;

  @Option(names = "--title", description = "title of the summary table (default: hyp file)")
  String title;

  @Override
  public Integer call() throws IOException, AsrInputException {
    TextFilter f =
        TextFilter.defaults()
            .withCaseSensitive(caseSensitive)
            .withSplitHyphens(splitHyphens)
            .withSwitchboard(switchboard)
            .withCharacters(cer);
    if (glm != null) {
      f = f.withGlm(TextFilter.readGlm(glm, caseSensitive));
    }
    Map<String, Transcript> r = Transcripts.read(ref, Transcripts.Format.AUTO);
    Map<String, Transcript> h = Transcripts.read(hyp, Transcripts.Format.AUTO);
    Scorer.Report rep = Scorer.score(r, h, f);
    String t = title == null ? hyp.getFileName().toString() : title;
    PrintWriter o = spec.commandLine().getOut();
    if (rep.missingHypotheses() > 0) {
      spec.commandLine()
          .getErr()
          .printf(
              "warning: %d reference utterance(s) have no hypothesis; scored as empty%n",
              rep.missingHypotheses());
    }
    o.print(rep.kaldiLines());
    o.print(rep.summaryTable(t, false));
    o.flush();
    if (out != null) {
      Files.createDirectories(out);
      write(out.resolve("sum.txt"), rep.summaryTable(t, false));
      write(out.resolve("rsum.txt"), rep.summaryTable(t, true));
      write(out.resolve("pra.txt"), rep.alignments());
      write(out.resolve("wer.txt"), rep.kaldiLines());
      write(out.resolve("counts.tsv"), rep.countsTsv());
      List<Transcript> rt = new ArrayList<>();
      List<Transcript> ht = new ArrayList<>();
      for (Scorer.UtteranceScore u : rep.utterances()) {
        rt.add(new Transcript(u.id(), u.ref()));
        ht.add(new Transcript(u.id(), u.hyp()));
      }
      Transcripts.writeTrn(out.resolve("ref.trn"), rt);
      Transcripts.writeTrn(out.resolve("hyp.trn"), ht);
      o.println("reports in " + out);
      o.flush();
    }
    return 0;
  }

  private static void write(Path p, String s) throws IOException {
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }
}

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
import org.asrnas.decoder.score.CtmWord;
import org.asrnas.decoder.score.Scorer;
import org.asrnas.decoder.score.StmCtmScorer;
import org.asrnas.decoder.score.StmSegment;
import org.asrnas.decoder.score.TextFilter;
import org.asrnas.decoder.score.TimedTranscripts;
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
      "Inputs: Kaldi text (utt-id words) or trn (words (spk-utt)), detected per file;",
      "or --stm REF --ctm HYP: NIST STM/CTM scored as Kaldi's SWBD score_sclite.sh",
      "(hubscr.pl: csrfilt -dh with --glm, then sclite -r stm -h ctm -F -D).",
      "Prints Kaldi's %%WER/%%SER lines and the per-speaker summary; --out DIR also",
      "writes sum.txt, rsum.txt, pra.txt (alignments), wer.txt, counts.tsv, ref.trn,",
      "hyp.trn and result.tsv (the %%WER/%%SER numbers for scripts: metric, rate, errors,",
      "words, ins, del, sub, ser, sentence_errors, sentences; subsets as WER:SW ...)."
    },
    footer = {
      "",
      "Examples:",
      "  asr score --ref data/test_eval92/text --hyp exp/decode/text --out exp/decode/score",
      "  asr score --ref ref.trn --hyp hyp.trn --switchboard --glm data/eval2000/glm",
      "  asr score --stm data/eval2000/stm --ctm exp/decode/eval2000.ctm --glm data/eval2000/glm"
          + " --switchboard --out exp/decode/score_ctm"
    })
public final class ScoreCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--ref", paramLabel = "FILE", description = "references (text or trn)")
  Path ref;

  @Option(names = "--hyp", paramLabel = "FILE", description = "hypotheses (text or trn)")
  Path hyp;

  @Option(names = "--stm", paramLabel = "FILE", description = "references as NIST STM (with --ctm)")
  Path stm;

  @Option(
      names = "--ctm",
      paramLabel = "FILE",
      description = "hypotheses as NIST CTM, assigned to STM segments by time (with --stm)")
  Path ctm;

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
    boolean timed = stm != null || ctm != null;
    if (timed && (ref != null || hyp != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--stm/--ctm and --ref/--hyp are two modes; give one pair");
    }
    if (timed ? stm == null || ctm == null : ref == null || hyp == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          timed ? "--stm and --ctm go together" : "give --ref and --hyp, or --stm and --ctm");
    }
    if (timed && cer) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--cer is for --ref/--hyp; STM/CTM scoring counts words");
    }
    Scorer.Report rep = timed ? scoreTimed() : scoreTexts();
    Path titled = timed ? ctm : hyp;
    String t = title == null ? titled.getFileName().toString() : title;
    PrintWriter o = spec.commandLine().getOut();
    if (rep.missingHypotheses() > 0) {
      spec.commandLine()
          .getErr()
          .printf(
              timed
                  ? "warning: %d segment(s) are on channels without any CTM word; scored as empty%n"
                  : "warning: %d reference utterance(s) have no hypothesis; scored as empty%n",
              rep.missingHypotheses());
    }
    report(rep, t, o);
    return 0;
  }

  private Scorer.Report scoreTimed() throws IOException, AsrInputException {
    StmCtmScorer.Options opts =
        StmCtmScorer.Options.defaults()
            .withCaseSensitive(caseSensitive)
            .withSplitHyphens(splitHyphens)
            .withSwitchboard(switchboard);
    if (glm != null) {
      opts =
          opts.withGlm(
              TextFilter.readGlm(glm, caseSensitive, "stm", "ref"),
              TextFilter.readGlm(glm, caseSensitive, "ctm", "hyp"));
    }
    List<StmSegment> segments = TimedTranscripts.readStm(stm);
    List<CtmWord> words = TimedTranscripts.readCtm(ctm);
    CtmWord stray = StmCtmScorer.firstWordWithoutSegments(segments, words, caseSensitive);
    if (stray != null) {
      throw AsrInputException.atLine(
          ctm,
          stray.line(),
          "file '"
              + stray.file()
              + "' channel '"
              + stray.channel()
              + "' has no segment in "
              + stm
              + " (sclite stops here too); add its segments or remove its words");
    }
    return StmCtmScorer.score(segments, words, opts);
  }

  private Scorer.Report scoreTexts() throws IOException, AsrInputException {
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
    return Scorer.score(r, h, f);
  }

  private void report(Scorer.Report rep, String t, PrintWriter o) throws IOException {
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
      write(out.resolve("result.tsv"), rep.resultTsv());
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
  }

  private static void write(Path p, String s) throws IOException {
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }
}

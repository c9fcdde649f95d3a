package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.decoder.lm.ArpaModel;
import org.asrnas.decoder.lm.KneserNeyEstimator;
import org.asrnas.decoder.lm.Perplexity;
import org.asrnas.decoder.lm.TextCorpus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code asr lm ...}: n-gram language models. */
@Command(
    name = "lm",
    description = "Word n-gram language models (ARPA): build, eval.",
    mixinStandardHelpOptions = true,
    subcommands = {LmCommand.Build.class, LmCommand.Eval.class})
public final class LmCommand extends CommandGroup {
  /** {@code asr lm build}. */
  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = {
        "Estimates an interpolated modified Kneser-Ney n-gram model and writes it as ARPA.",
        "Words outside --vocab become <unk>; every --vocab word is listed."
      },
      footer = {
        "",
        "Example:",
        "  asr lm build --text data/train/text --text-has-ids --order 3 --out data/lang/lm.arpa"
      })
  public static final class Build implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--text", required = true, paramLabel = "FILE", description = "training text")
    List<Path> text = new ArrayList<>();

    @Option(names = "--text-has-ids", description = "drop the first field (Kaldi utterance id)")
    boolean hasIds;

    @Option(names = "--order", defaultValue = "3", description = "n-gram order (default 3)")
    int order;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "ARPA output")
    Path out;

    @Option(
        names = "--vocab",
        paramLabel = "FILE",
        description = "word list or lexicon (first field of each line)")
    Path vocab;

    @Override
    public Integer call() throws IOException, AsrInputException {
      if (order < 1 || order > 10) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--order must be 1..10");
      }
      KneserNeyEstimator.Options o = KneserNeyEstimator.Options.ofOrder(order);
      if (vocab != null) {
        o = o.withVocabulary(KneserNeyEstimator.readVocabulary(vocab));
      }
      KneserNeyEstimator e = new KneserNeyEstimator(o);
      for (Path t : text) {
        TextCorpus.read(t, hasIds).forEach(e::add);
      }
      KneserNeyEstimator.Summary s = e.write(out);
      PrintWriter w = spec.commandLine().getOut();
      w.print(s.format());
      w.println("wrote " + out);
      w.flush();
      return 0;
    }
  }

  /** {@code asr lm eval}. */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description = "Perplexity and OOV rate of a text (SRILM ngram -ppl conventions).",
      footer = {
        "",
        "Example:",
        "  asr lm eval --lm data/lang/lm.arpa --text data/test_eval92/text --text-has-ids"
      })
  public static final class Eval implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--lm", required = true, paramLabel = "FILE", description = "ARPA model")
    Path lm;

    @Option(names = "--text", required = true, paramLabel = "FILE", description = "test text")
    Path text;

    @Option(names = "--text-has-ids", description = "drop the first field (Kaldi utterance id)")
    boolean hasIds;

    @Option(names = "--lenient", description = "accept irstlm-style quirks in the ARPA file")
    boolean lenient;

    @Override
    public Integer call() throws IOException, AsrInputException {
      ArpaModel m = ArpaModel.read(lm, lenient ? ArpaModel.Mode.LENIENT : ArpaModel.Mode.STRICT);
      PrintWriter w = spec.commandLine().getOut();
      m.warnings().forEach(x -> spec.commandLine().getErr().println("warning: " + x));
      w.print(Perplexity.of(m, TextCorpus.read(text, hasIds)).format());
      w.flush();
      return 0;
    }
  }
}

package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.OovReport;
import org.asrnas.core.text.Units;
import org.asrnas.corpus.LexiconBuilder;
import org.asrnas.corpus.Prompt;
import org.asrnas.corpus.PromptSets;
import org.asrnas.corpus.RawSentences;
import org.asrnas.corpus.SentenceFilter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code asr corpus ...}: text, lexicons and stand-in corpora. */
@Command(
    name = "corpus",
    description = "Corpus preparation: sentences, lexicon, stand-in speech corpora, LDC corpora.",
    mixinStandardHelpOptions = true,
    subcommands = {
      CorpusCommand.Sentences.class,
      CorpusCommand.LexiconCmd.class,
      SynthWsjCommand.class,
      AugmentCommand.class,
      SynthSwbdCommand.class,
      SwbdSubsetsCommand.class,
      PrepWsjCommand.class,
      PrepSwbdCommand.class
    })
public final class CorpusCommand extends CommandGroup {
  static Path requireFile(Path p, String what) {
    if (!Files.exists(p)) {
      throw new IllegalArgumentException(what + " " + p + " does not exist");
    }
    return p;
  }

  /**
   * The prompt pools of {@code corpus sentences}' output dir: one {@code <split>.tsv} per split.
   */
  static Map<PromptSets.Split, List<Prompt>> readPromptPools(Path prompts)
      throws IOException, AsrInputException {
    Map<PromptSets.Split, List<Prompt>> pools = new EnumMap<>(PromptSets.Split.class);
    for (PromptSets.Split s : PromptSets.Split.values()) {
      pools.put(
          s,
          PromptSets.readPrompts(
              requireFile(prompts.resolve(s.fileName() + ".tsv"), "prompts file")));
    }
    return pools;
  }

  /**
   * Records how a corpus was made (the command line, the seed, the toolkit version) beside it, so
   * that a data directory can be traced back and rebuilt.
   */
  static void recordConfig(Path file, List<String> args, long seed) throws IOException {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("command", "asr " + String.join(" ", args));
    m.put("seed", seed);
    m.put("asrVersion", AsrCommand.versions().getProperty("version", "unknown"));
    m.put("java", System.getProperty("java.version"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(
        file,
        new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(m) + "\n",
        StandardCharsets.UTF_8);
  }

  /** {@code asr corpus sentences}. */
  @Command(
      name = "sentences",
      header = "Clean sentences from WordNet and fortunes, split and joined into prompts.",
      mixinStandardHelpOptions = true,
      description = {
        "Extracts clean sentences from WordNet examples and fortunes (every word in the",
        "dictionary, no digits or symbols, crude ones dropped), deduplicates them, holds out",
        "dev and eval sentences, and joins short ones into prompts of WSJ-like length.",
        "Writes OUT/{train,dev,eval}.tsv (id, transcript, spoken text) and .text (Kaldi text)."
      },
      footer = {
        "",
        "Example:",
        "  asr corpus sentences --dict /usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict \\",
        "      --out data/local/prompts --seed 1"
      })
  public static final class Sentences implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--dict", required = true, paramLabel = "FILE", description = "CMU dictionary")
    Path dict;

    @Option(
        names = "--wordnet",
        paramLabel = "DIR",
        defaultValue = "/usr/share/wordnet",
        description = "WordNet database directory (default: ${DEFAULT-VALUE})")
    Path wordnet;

    @Option(
        names = "--fortunes",
        paramLabel = "DIR",
        defaultValue = "/usr/share/games/fortunes",
        description = "fortune databases (default: ${DEFAULT-VALUE})")
    Path fortunes;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Mixin SeedOption seedOption;

    @Option(
        names = "--test-sentences",
        defaultValue = "1500",
        description = "source sentences held out for each of dev and eval (default: 1500)")
    int testSentences;

    @Option(
        names = "--prompt-words",
        defaultValue = "10:25",
        paramLabel = "MIN:MAX",
        description = "length range of joined prompts (default: 10:25)")
    String promptWords;

    @Override
    public Integer call() throws IOException, AsrInputException {
      PrintWriter o = spec.commandLine().getOut();
      String[] mm = promptWords.split(":");
      if (mm.length != 2) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--prompt-words must be MIN:MAX, got " + promptWords);
      }
      Lexicon lex = Lexicon.read(requireFile(dict, "dictionary"));
      List<String> raw = new ArrayList<>();
      List<String> wn = RawSentences.wordnetExamples(requireFile(wordnet, "WordNet directory"));
      List<String> fo =
          RawSentences.fortunes(
              requireFile(fortunes, "fortunes directory"), RawSentences.EXCLUDED_FORTUNE_FILES);
      raw.addAll(wn);
      raw.addAll(fo);
      PromptSets.Config cfg =
          PromptSets.Config.defaults()
              .withSeed(seedOption.seed())
              .withTestSentences(testSentences, testSentences)
              .withPromptWords(Integer.parseInt(mm[0]), Integer.parseInt(mm[1]));
      PromptSets tc = PromptSets.build(raw, SentenceFilter.defaults(lex), cfg);
      tc.write(out);
      o.printf(
          Locale.ROOT,
          "raw sentences: %d (wordnet %d, fortunes %d); clean: %d; unique: %d%n",
          raw.size(),
          wn.size(),
          fo.size(),
          tc.stats().accepted(),
          tc.stats().unique());
      for (PromptSets.Split s : PromptSets.Split.values()) {
        var ps = tc.prompts(s);
        long words = ps.stream().mapToLong(p -> p.wordCount()).sum();
        o.printf(
            Locale.ROOT,
            "%s: %d prompts, %d words (%.1f per prompt)%n",
            s.fileName(),
            ps.size(),
            words,
            ps.isEmpty() ? 0.0 : (double) words / ps.size());
      }
      o.flush();
      return 0;
    }
  }

  /** {@code asr corpus lexicon}. */
  @Command(
      name = "lexicon",
      header = "Lexicon, units and OOV report from the CMU dictionary.",
      mixinStandardHelpOptions = true,
      description = {
        "Writes lexicon.txt from the CMU dictionary for the words of the given texts (all",
        "dictionary words when none is given), first pronunciation of each word unless",
        "--all-prons, plus <NOISE> NSN, <SPN> SPN, <UNK> SPN; optionally units.txt (phones),",
        "and an OOV report of every --report text against the lexicon."
      },
      footer = {
        "",
        "Example:",
        "  asr corpus lexicon --dict cmudict-en-us.dict --words-from data/local/prompts/train.text \\",
        "      --out data/lang/lexicon.txt --units data/lang/units.txt --report data/test_eval92/text"
      })
  public static final class LexiconCmd implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--dict", required = true, paramLabel = "FILE", description = "CMU dictionary")
    Path dict;

    @Option(
        names = "--words-from",
        paramLabel = "TEXT",
        description = "Kaldi text file (utterance id first) whose words make the vocabulary")
    List<Path> wordsFrom = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "lexicon.txt")
    Path out;

    @Option(names = "--units", paramLabel = "FILE", description = "also write units.txt")
    Path units;

    @Option(names = "--all-prons", description = "keep all pronunciations")
    boolean allProns;

    @Option(names = "--no-non-speech", description = "leave out <NOISE>, <SPN>, <UNK>")
    boolean noNonSpeech;

    @Option(
        names = "--report",
        paramLabel = "TEXT",
        description = "Kaldi text file to report OOVs of (repeatable)")
    List<Path> report = new ArrayList<>();

    @Override
    public Integer call() throws IOException, AsrInputException {
      PrintWriter o = spec.commandLine().getOut();
      Lexicon dictionary = Lexicon.read(requireFile(dict, "dictionary"));
      Set<String> vocab = new HashSet<>();
      for (Path t : wordsFrom) {
        vocab.addAll(
            LexiconBuilder.vocabulary(
                Files.readAllLines(requireFile(t, "text"), StandardCharsets.UTF_8), true));
      }
      List<String> missing = LexiconBuilder.missing(dictionary, new java.util.TreeSet<>(vocab));
      Lexicon lex = LexiconBuilder.build(dictionary, vocab, allProns, !noNonSpeech);
      lex.write(out);
      o.printf(
          Locale.ROOT,
          "%s: %d words, %d phones; %d vocabulary words not in the dictionary%s%n",
          out,
          lex.size(),
          lex.phones().size(),
          missing.size(),
          missing.isEmpty()
              ? ""
              : " (first: "
                  + String.join(" ", missing.subList(0, Math.min(10, missing.size())))
                  + ")");
      if (units != null) {
        Units u = Units.fromLexicon(lex);
        u.write(units);
        o.printf(Locale.ROOT, "%s: %d units including <blk>%n", units, u.size());
      }
      Set<String> ignore = Set.copyOf(LexiconBuilder.NON_SPEECH.keySet());
      for (Path t : report) {
        List<String> transcripts = new ArrayList<>();
        for (String line : Files.readAllLines(requireFile(t, "text"), StandardCharsets.UTF_8)) {
          int sp = line.indexOf(' ');
          transcripts.add(sp < 0 ? "" : line.substring(sp + 1));
        }
        o.println(t + ": " + OovReport.of(transcripts, lex, ignore));
      }
      o.flush();
      return 0;
    }
  }
}

package org.asrnas.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;
import org.asrnas.core.data.KaldiTables;

/**
 * The text of a stand-in corpus: clean sentences deduplicated by transcript, shuffled with a seeded
 * generator, split into train / dev / eval pools <em>before</em> joining (so no test sentence ever
 * occurs in training), then joined within each pool into prompts of WSJ-like length (WSJ read
 * sentences average about 17 words).
 */
public final class PromptSets {
  /** The three pools of a stand-in corpus. */
  public enum Split {
    TRAIN("tr"),
    DEV("dv"),
    EVAL("ev");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }

    /** Two-letter prefix of prompt ids of this pool. */
    public String prefix() {
      return prefix;
    }

    /** Lower-case name, the file name stem ({@code train}, {@code dev}, {@code eval}). */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How sentences become prompts.
   *
   * @param seed root seed
   * @param devSentences source sentences held out for the dev pool
   * @param evalSentences source sentences held out for the eval pool
   * @param minPromptWords smallest target length of a joined prompt
   * @param maxPromptWords largest length of a joined prompt (a single longer sentence stays alone)
   */
  public record Config(
      long seed, int devSentences, int evalSentences, int minPromptWords, int maxPromptWords) {
    public Config {
      Checks.checkNonNegative(devSentences, "devSentences");
      Checks.checkNonNegative(evalSentences, "evalSentences");
      Checks.checkPositive(minPromptWords, "minPromptWords");
      Checks.checkArgument(
          maxPromptWords >= minPromptWords,
          "maxPromptWords %s < minPromptWords %s",
          maxPromptWords,
          minPromptWords);
    }

    /** Seed 1, 1,500 sentences per test pool, prompts of 10 to 25 words. */
    public static Config defaults() {
      return new Config(1, 1500, 1500, 10, 25);
    }

    public Config withSeed(long s) {
      return new Config(s, devSentences, evalSentences, minPromptWords, maxPromptWords);
    }

    public Config withTestSentences(int dev, int eval) {
      return new Config(seed, dev, eval, minPromptWords, maxPromptWords);
    }

    public Config withPromptWords(int min, int max) {
      return new Config(seed, devSentences, evalSentences, min, max);
    }
  }

  /** Counts of a build, for the log. */
  public record Stats(int raw, int accepted, int unique) {}

  private final Map<Split, List<Prompt>> prompts;
  private final Stats stats;

  private PromptSets(Map<Split, List<Prompt>> prompts, Stats stats) {
    this.prompts = prompts;
    this.stats = stats;
  }

  /** Filters, deduplicates, splits and joins raw sentences (given in a fixed source order). */
  public static PromptSets build(Collection<String> raw, SentenceFilter filter, Config config) {
    Map<String, Sentence> unique = new LinkedHashMap<>();
    int accepted = 0;
    for (String r : raw) {
      Optional<Sentence> s = filter.accept(r);
      if (s.isPresent()) {
        accepted++;
        unique.putIfAbsent(s.get().transcript(), s.get());
      }
    }
    List<Sentence> all = new ArrayList<>(unique.values());
    Checks.checkArgument(
        all.size() > config.devSentences() + config.evalSentences(),
        "only %s clean sentences, fewer than the %s + %s held out for dev and eval",
        all.size(),
        config.devSentences(),
        config.evalSentences());
    Seeds.shuffle(all, Seeds.random(config.seed(), "corpus.text.split"));
    Map<Split, List<Sentence>> pools = new EnumMap<>(Split.class);
    pools.put(Split.EVAL, all.subList(0, config.evalSentences()));
    pools.put(
        Split.DEV,
        all.subList(config.evalSentences(), config.evalSentences() + config.devSentences()));
    pools.put(Split.TRAIN, all.subList(config.evalSentences() + config.devSentences(), all.size()));
    Map<Split, List<Prompt>> prompts = new EnumMap<>(Split.class);
    for (Split split : Split.values()) {
      Random rnd = Seeds.random(config.seed(), "corpus.text.join." + split.fileName());
      prompts.put(split, join(pools.get(split), split.prefix(), config, rnd));
    }
    return new PromptSets(prompts, new Stats(raw.size(), accepted, all.size()));
  }

  /**
   * Greedy joining: draw a target length uniformly in [min, max], append sentences until it is
   * reached; a sentence that would push a non-empty prompt past max starts the next prompt.
   */
  static List<Prompt> join(List<Sentence> sentences, String prefix, Config config, Random rnd) {
    List<Prompt> out = new ArrayList<>();
    List<Sentence> cur = new ArrayList<>();
    int words = 0;
    int target = draw(config, rnd);
    for (Sentence s : sentences) {
      if (!cur.isEmpty() && words + s.words().size() > config.maxPromptWords()) {
        out.add(Prompt.of(id(prefix, out.size()), cur));
        cur = new ArrayList<>();
        words = 0;
        target = draw(config, rnd);
      }
      cur.add(s);
      words += s.words().size();
      if (words >= target) {
        out.add(Prompt.of(id(prefix, out.size()), cur));
        cur = new ArrayList<>();
        words = 0;
        target = draw(config, rnd);
      }
    }
    if (!cur.isEmpty()) {
      out.add(Prompt.of(id(prefix, out.size()), cur));
    }
    return out;
  }

  private static int draw(Config c, Random rnd) {
    return c.minPromptWords() + rnd.nextInt(c.maxPromptWords() - c.minPromptWords() + 1);
  }

  private static String id(String prefix, int i) {
    return String.format(Locale.ROOT, "%s%06d", prefix, i);
  }

  public List<Prompt> prompts(Split split) {
    return List.copyOf(prompts.get(split));
  }

  public Stats stats() {
    return stats;
  }

  /**
   * Writes {@code <split>.tsv} (id, transcript, spoken) and {@code <split>.text} (Kaldi text, for
   * language models) for every pool into {@code dir}.
   */
  public void write(Path dir) throws IOException {
    for (Split split : Split.values()) {
      List<String> tsv = new ArrayList<>();
      List<String> text = new ArrayList<>();
      for (Prompt p : prompts.get(split)) {
        tsv.add(p.toLine());
        text.add(p.id() + " " + p.transcript());
      }
      KaldiTables.writeLinesAtomically(dir.resolve(split.fileName() + ".tsv"), tsv);
      KaldiTables.writeLinesAtomically(dir.resolve(split.fileName() + ".text"), text);
    }
  }

  /** Reads a prompts file written by {@link #write}. */
  public static List<Prompt> readPrompts(Path file) throws IOException, AsrInputException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Prompt> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        out.add(Prompt.parse(file, i + 1, lines.get(i)));
      }
    }
    return out;
  }
}

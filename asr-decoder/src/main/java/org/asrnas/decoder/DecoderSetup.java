package org.asrnas.decoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.lm.ArpaModel;
import org.asrnas.decoder.lm.LanguageModel;

/**
 * The resources of a decoding run, loaded once and shared by all threads: units, and for word
 * output the lexicon trie and LM. This is the entry point for callers with a model: run the model
 * to get (frames, units) log-probabilities, then {@code setup.decoders(...)} and {@link
 * BatchDecoding}, and {@link #text(Hypothesis)} to print the result.
 */
public final class DecoderSetup {
  /** Decoding algorithms. */
  public enum Kind {
    GREEDY,
    PREFIX_BEAM,
    LEXICON
  }

  private final Units units;
  private final Optional<LexiconTrie> trie;
  private final LanguageModel lm;
  private final List<String> warnings;

  private DecoderSetup(
      Units units, Optional<LexiconTrie> trie, LanguageModel lm, List<String> warnings) {
    this.units = units;
    this.trie = trie;
    this.lm = lm;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Loads units, optionally a lexicon (words are decoded through it) and an ARPA LM (needs the
   * lexicon).
   */
  public static DecoderSetup load(
      Path unitsFile, Optional<Path> lexiconFile, Optional<Path> lmFile, ArpaModel.Mode lmMode)
      throws IOException, AsrInputException {
    return load(Units.read(unitsFile), lexiconFile, lmFile, lmMode);
  }

  /**
   * Like {@link #load(Path, Optional, Optional, ArpaModel.Mode)} with units already in memory
   * (those stored in a model file); messages name {@code u}'s source file, if any.
   */
  public static DecoderSetup load(
      Units u, Optional<Path> lexiconFile, Optional<Path> lmFile, ArpaModel.Mode lmMode)
      throws IOException, AsrInputException {
    String unitsFile = u.source().map(Path::toString).orElse("the model's units");
    Checks.checkArgument(
        lmFile.isEmpty() || lexiconFile.isPresent(),
        "--lm needs --lexicon: the word LM is applied through the lexicon decoder");
    Optional<LexiconTrie> t = Optional.empty();
    List<String> warn = new java.util.ArrayList<>();
    if (lexiconFile.isPresent()) {
      LexiconTrie trie = LexiconTrie.build(Lexicon.read(lexiconFile.get()), u);
      if (trie.words().isEmpty()) {
        throw AsrInputException.inFile(
            lexiconFile.get(),
            "no pronunciation uses only the units of " + unitsFile + "; wrong units file?");
      }
      if (!trie.skippedWords().isEmpty()) {
        warn.add(
            String.format(
                Locale.ROOT,
                "%d lexicon words skipped (units not in %s), e.g. %s",
                trie.skippedWords().size(),
                unitsFile,
                trie.skippedWords().get(0)));
      }
      t = Optional.of(trie);
    }
    LanguageModel lm = LanguageModel.NONE;
    if (lmFile.isPresent()) {
      ArpaModel a = ArpaModel.read(lmFile.get(), lmMode);
      warn.addAll(a.warnings());
      lm = a;
    }
    return new DecoderSetup(u, t, lm, warn);
  }

  /** A setup from objects already in memory. */
  public static DecoderSetup of(Units units, Optional<LexiconTrie> trie, LanguageModel lm) {
    return new DecoderSetup(units, trie, lm, List.of());
  }

  public Units units() {
    return units;
  }

  public Optional<LexiconTrie> trie() {
    return trie;
  }

  public LanguageModel lm() {
    return lm;
  }

  public List<String> warnings() {
    return warnings;
  }

  /** The natural kind: lexicon search when a lexicon is loaded, else prefix beam search. */
  public Kind defaultKind() {
    return trie.isPresent() ? Kind.LEXICON : Kind.PREFIX_BEAM;
  }

  /** A decoder factory (one decoder per thread). */
  public Supplier<CtcDecoder> decoders(
      Kind kind, PrefixBeamDecoder.Options prefix, LexiconDecoder.Options lexicon) {
    return switch (kind) {
      case GREEDY -> GreedyDecoder::new;
      case PREFIX_BEAM -> () -> new PrefixBeamDecoder(prefix);
      case LEXICON -> {
        LexiconTrie t =
            trie.orElseThrow(
                () -> new IllegalArgumentException("the lexicon decoder needs --lexicon"));
        yield () -> new LexiconDecoder(t, lm, lexicon);
      }
    };
  }

  /**
   * The transcript of a hypothesis: its words, or its units (character units joined, {@code
   * <space>} as the word break; other units separated by spaces).
   */
  public String text(Hypothesis h) {
    if (!h.words().isEmpty() || trie.isPresent()) {
      return String.join(" ", h.words());
    }
    boolean chars = units.contains(Units.SPACE);
    StringBuilder sb = new StringBuilder();
    for (int id : h.units()) {
      String s = units.symbol(id);
      if (chars) {
        sb.append(s.equals(Units.SPACE) ? " " : s);
      } else {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(s);
      }
    }
    return chars ? sb.toString().strip().replaceAll(" +", " ") : sb.toString();
  }
}

package org.asrnas.corpus;

import java.util.List;
import org.asrnas.core.Checks;

/**
 * A clean sentence: the text a synthesiser speaks (original casing and punctuation, so prosody
 * follows the sentence) and its normalised transcript words (upper case, lexicon words only).
 *
 * @param spoken text given to the text-to-speech engine; no double quotes, no newlines
 * @param words transcript words, at least one
 */
public record Sentence(String spoken, List<String> words) {
  public Sentence {
    Checks.checkNotNull(spoken, "spoken");
    Checks.checkArgument(
        !spoken.contains("\"") && !spoken.contains("\n"),
        "spoken text must not contain quotes or newlines: %s",
        spoken);
    words = List.copyOf(words);
    Checks.checkArgument(!words.isEmpty(), "sentence '%s' has no words", spoken);
  }

  /** The transcript: words joined by single spaces. */
  public String transcript() {
    return String.join(" ", words);
  }
}

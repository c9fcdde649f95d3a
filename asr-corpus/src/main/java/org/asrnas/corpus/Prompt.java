package org.asrnas.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;

/**
 * One utterance's text: one or more sentences joined to WSJ-like length.
 *
 * @param id prompt id, unique within a corpus ({@code tr000123})
 * @param transcript upper-case words separated by single spaces
 * @param spoken what the synthesiser reads
 */
public record Prompt(String id, String transcript, String spoken) {
  public Prompt {
    Checks.checkArgument(id != null && id.matches("[A-Za-z0-9_-]+"), "bad prompt id '%s'", id);
    Checks.checkArgument(
        transcript != null && !transcript.isBlank() && !transcript.contains("\t"),
        "prompt %s has an empty transcript",
        id);
    Checks.checkArgument(
        spoken != null && !spoken.isBlank() && !spoken.contains("\t") && !spoken.contains("\""),
        "prompt %s has bad spoken text",
        id);
  }

  /** Joins sentences into one prompt. */
  public static Prompt of(String id, List<Sentence> sentences) {
    List<String> words = new ArrayList<>();
    List<String> spoken = new ArrayList<>();
    for (Sentence s : sentences) {
      words.addAll(s.words());
      spoken.add(s.spoken());
    }
    return new Prompt(id, String.join(" ", words), String.join(" ", spoken));
  }

  /** Number of transcript words. */
  public int wordCount() {
    return transcript.split(" ").length;
  }

  /** The prompt as a line of a prompts file: {@code id TAB transcript TAB spoken}. */
  public String toLine() {
    return id + "\t" + transcript + "\t" + spoken;
  }

  /** Parses {@link #toLine()}. */
  public static Prompt parse(java.nio.file.Path file, int lineNumber, String line)
      throws AsrInputException {
    String[] f = line.split("\t", -1);
    if (f.length != 3) {
      throw AsrInputException.atLine(
          file,
          lineNumber,
          String.format(
              Locale.ROOT,
              "expected 3 tab-separated fields (id, transcript, spoken), got %d",
              f.length));
    }
    try {
      return new Prompt(f[0], f[1], f[2]);
    } catch (IllegalArgumentException e) {
      throw AsrInputException.atLine(file, lineNumber, e.getMessage());
    }
  }
}

package org.asrnas.decoder.lm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asrnas.core.AsrInputException;

/** Reads training or test text for language models: one sentence per line, words by spaces. */
public final class TextCorpus {
  private TextCorpus() {}

  /**
   * Reads sentences; blank lines are skipped.
   *
   * @param hasIds the first field of each line is an utterance id (Kaldi's {@code text}) and is
   *     dropped
   * @throws AsrInputException for a file that is not UTF-8
   */
  public static List<List<String>> read(Path file, boolean hasIds)
      throws IOException, AsrInputException {
    List<String> lines;
    lines = org.asrnas.core.text.TextFiles.readAllLines(file);
    List<List<String>> out = new ArrayList<>(lines.size());
    for (String l : lines) {
      String t = l.strip();
      if (t.isEmpty()) {
        continue;
      }
      String[] f = t.split("[ \t]+");
      List<String> words = Arrays.asList(f).subList(hasIds ? 1 : 0, f.length);
      if (!words.isEmpty()) {
        out.add(List.copyOf(words));
      }
    }
    return out;
  }
}

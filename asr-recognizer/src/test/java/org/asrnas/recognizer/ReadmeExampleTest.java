package org.asrnas.recognizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use the library from Java" example: this class holds it verbatim (between the
 * markers; the test compares it with the README's first code block of that section, whitespace
 * aside) and runs it on a WAV file with a tiny trained model.
 */
class ReadmeExampleTest {
  @TempDir Path tmp;

  static void example(Path model, Path lexicon, Path wav) throws Exception {
    // --- README example begins
    try (Recognizer recognizer =
        Recognizer.builder().setModel(model).optLexicon(lexicon).build()) { // model: dir or .model
      Result result = recognizer.recognize(wav); // also float[]/short[] PCM, AudioInputStream
      System.out.println(result.text());
      for (Word w : result.words()) {
        System.out.println(w); // text, start and end seconds (NaN: unknown), confidence
      }
    }
    // --- README example ends
  }

  /** Runs the example: the first line is the transcript, then one line per word. */
  @Test
  void theExampleRecognisesAWavFile() throws Exception {
    Path wav = tmp.resolve("my.wav");
    List<String> truth = List.of("HIGH", "LOW", "LOW");
    Files.write(wav, TinyModel.wav(TinyModel.tones(truth, new Random(21))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      example(TinyModel.runDir(), TinyModel.lexicon(), wav);
    } finally {
      System.setOut(saved);
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("HIGH LOW LOW", lines.get(0));
    assertEquals(4, lines.size(), lines.toString());
    for (int i = 0; i < 3; i++) {
      assertTrue(
          lines.get(i + 1).startsWith("Word[text=" + truth.get(i) + ", startSeconds="),
          lines.get(i + 1));
    }
  }

  /** The README shows exactly the code above (whitespace aside: the formatter indents it). */
  @Test
  void theReadmeShowsThisCode() throws Exception {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("### Use the library from Java");
    assertTrue(section >= 0, "README section missing");
    int open = readme.indexOf("```java\n", section);
    int close = readme.indexOf("```", open + 8);
    String shown = readme.substring(open + 8, close);
    assertTrue(shown.lines().count() <= 10, "the README example has at most 10 lines");
    String source =
        Files.readString(
            Path.of("src/test/java/org/asrnas/recognizer/ReadmeExampleTest.java"),
            StandardCharsets.UTF_8);
    String begin = "// --- README example begins\n";
    String code =
        source.substring(
            source.indexOf(begin) + begin.length(), source.indexOf("// --- README example ends"));
    assertEquals(normalised(shown), normalised(code));
  }

  private static String normalised(String code) {
    return code.replaceAll("\\s+", "");
  }
}

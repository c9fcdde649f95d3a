package org.asrnas.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.asrnas.core.AsrInputException;

/**
 * Size of a data directory: utterances, speakers, recordings, audio hours and vocabulary.
 *
 * @param hours total audio in hours, empty when no durations are known
 * @param durationSource where the durations came from ({@code segments}, {@code utt2dur}, {@code
 *     audio headers}) or why they are unknown
 */
public record DataDirStats(
    int utterances,
    int speakers,
    int recordings,
    OptionalDouble hours,
    String durationSource,
    long words,
    int vocabulary) {

  /** Measures the duration of one utterance's audio, in seconds. */
  @FunctionalInterface
  public interface DurationProbe {
    double seconds(Utterance utterance) throws IOException, AsrInputException;
  }

  /** Statistics with durations from {@code segments} or {@code utt2dur} only. */
  public static DataDirStats of(DataDir d, Path dir) throws IOException, AsrInputException {
    return of(d, dir, null);
  }

  /**
   * Statistics; durations come from {@code segments}, else {@code utt2dur}, else {@code probe}
   * (reading audio headers) when given.
   */
  public static DataDirStats of(DataDir d, Path dir, DurationProbe probe)
      throws IOException, AsrInputException {
    OptionalDouble hours = OptionalDouble.empty();
    String source;
    boolean segmentsComplete =
        d.hasSegments() && d.segments().values().stream().allMatch(s -> s.endSeconds() >= 0);
    Path utt2dur = dir.resolve("utt2dur");
    if (segmentsComplete) {
      hours =
          OptionalDouble.of(
              d.segments().values().stream().mapToDouble(Segment::durationSeconds).sum() / 3600);
      source = "segments";
    } else if (Files.exists(utt2dur)) {
      double sum = 0;
      for (TableLine l : KaldiTables.readLines(utt2dur)) {
        try {
          sum += Double.parseDouble(l.rest());
        } catch (NumberFormatException e) {
          throw AsrInputException.atLine(
              utt2dur, l.lineNumber(), "duration '" + l.rest() + "' is not a number");
        }
      }
      hours = OptionalDouble.of(sum / 3600);
      source = "utt2dur";
    } else if (probe != null) {
      double sum = 0;
      for (Utterance u : d.utterances()) {
        sum += probe.seconds(u);
      }
      hours = OptionalDouble.of(sum / 3600);
      source = "audio headers";
    } else {
      source = "unknown (no segments or utt2dur)";
    }
    Map<String, Integer> vocab = new HashMap<>();
    long words = 0;
    for (String t : d.text().values()) {
      for (String w : KaldiTables.fields(t)) {
        vocab.merge(w, 1, Integer::sum);
        words++;
      }
    }
    Set<String> recos = new HashSet<>();
    d.utterances().forEach(u -> recos.add(u.audio().recordingId()));
    return new DataDirStats(
        d.utt2spk().size(), d.spk2utt().size(), recos.size(), hours, source, words, vocab.size());
  }

  /** A human-readable block, numbers in {@link Locale#ROOT}. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    List.of(
            row("utterances", Integer.toString(utterances)),
            row("speakers", Integer.toString(speakers)),
            row("recordings", Integer.toString(recordings)),
            row(
                "hours",
                hours.isPresent()
                    ? String.format(
                        Locale.ROOT, "%.3f (from %s)", hours.getAsDouble(), durationSource)
                    : durationSource),
            row("words", Long.toString(words)),
            row("vocabulary", Integer.toString(vocabulary)))
        .forEach(sb::append);
    return sb.toString();
  }

  private static String row(String name, String value) {
    return String.format(Locale.ROOT, "%-11s %s%n", name + ":", value);
  }
}

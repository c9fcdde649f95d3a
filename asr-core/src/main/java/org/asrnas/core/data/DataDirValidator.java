package org.asrnas.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.asrnas.core.AsrInputException;

/**
 * Checks a Kaldi data directory with the rules of Kaldi's {@code utils/validate_data_dir.sh}:
 * required files exist and are non-empty, every table is sorted ({@code LC_ALL=C}) with unique keys
 * and the right number of fields, {@code spk2utt} is the inverse of {@code utt2spk}, speaker ids
 * sort like utterance ids, {@code text}/{@code wav.scp}/{@code segments}/{@code feats.scp} cover
 * exactly the utterances (or recordings) of {@code utt2spk}, and segments end after they start.
 * Beyond Kaldi, ids must be usable in file names ({@link Ids}). Every problem names the file, the
 * line and the fix; all problems are reported, not just the first.
 *
 * <p>Over 400 lines because each of Kaldi's checks is a method with its own error message and fix,
 * and all of them share one problem list and the parsed tables.
 */
public final class DataDirValidator {
  private DataDirValidator() {}

  /** How serious a problem is: errors make the directory unusable, warnings do not. */
  public enum Severity {
    ERROR,
    WARNING
  }

  /**
   * One finding.
   *
   * @param line 1-based line, or 0 for a whole-file problem
   */
  public record Problem(Severity severity, Path file, int line, String message) {
    @Override
    public String toString() {
      return (severity == Severity.ERROR ? "error: " : "warning: ")
          + file
          + (line > 0 ? ":" + line : "")
          + ": "
          + message;
    }
  }

  /** The result: all problems, and the parsed directory when there are no errors. */
  public record Report(List<Problem> problems, Optional<DataDir> dataDir) {
    public List<Problem> errors() {
      return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
      return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    public boolean isValid() {
      return errors().isEmpty();
    }
  }

  /** Options of the check, as the flags of {@code validate_data_dir.sh}. */
  public record Options(boolean requireText, boolean requireWav, boolean checkAudioFilesExist) {
    public static Options defaults() {
      return new Options(true, true, true);
    }

    public Options withRequireText(boolean v) {
      return new Options(v, requireWav, checkAudioFilesExist);
    }

    public Options withRequireWav(boolean v) {
      return new Options(requireText, v, checkAudioFilesExist);
    }

    public Options withCheckAudioFilesExist(boolean v) {
      return new Options(requireText, requireWav, v);
    }
  }

  public static Report validate(Path dir) throws IOException {
    return validate(dir, Options.defaults());
  }

  public static Report validate(Path dir, Options options) throws IOException {
    return new Run(dir, options).run();
  }

  /** State of one validation. */
  private static final class Run {
    private final Path dir;
    private final Options options;
    private final List<Problem> problems = new ArrayList<>();

    Run(Path dir, Options options) {
      this.dir = dir;
      this.options = options;
    }

    private void error(Path file, int line, String msg) {
      problems.add(new Problem(Severity.ERROR, file, line, msg));
    }

    private void warn(Path file, int line, String msg) {
      problems.add(new Problem(Severity.WARNING, file, line, msg));
    }

    Report run() throws IOException {
      if (!Files.isDirectory(dir)) {
        error(dir, 0, "not a directory; give the path of a Kaldi data directory");
        return new Report(problems, Optional.empty());
      }
      Map<String, TableLine> utt2spkLines = table(DataDir.UTT2SPK, true, 2, 2);
      Map<String, TableLine> spk2uttLines = table(DataDir.SPK2UTT, true, 2, Integer.MAX_VALUE);
      Map<String, TableLine> textLines =
          table(DataDir.TEXT, options.requireText(), 1, Integer.MAX_VALUE);
      Map<String, TableLine> wavLines =
          table(DataDir.WAV_SCP, options.requireWav(), 2, Integer.MAX_VALUE);
      Map<String, TableLine> segLines = table(DataDir.SEGMENTS, false, 4, 4);
      Map<String, TableLine> recoLines = table(DataDir.RECO2FILE_AND_CHANNEL, false, 3, 3);
      Map<String, TableLine> featLines = table("feats.scp", false, 2, 2);

      SortedMap<String, String> utt2spk = speakers(utt2spkLines, spk2uttLines);
      Set<String> utts = utt2spk.keySet();
      SortedMap<String, String> text = transcripts(textLines, utts);
      SortedMap<String, Segment> segments = new TreeMap<>(KaldiOrder.IDS);
      if (segLines != null) {
        parseSegments(segLines, segments);
        sameKeys(DataDir.SEGMENTS, segLines, utts, "utterance", DataDir.UTT2SPK);
      }
      SortedMap<String, WavEntry> wav = recordings(wavLines, segLines, utts);
      SortedMap<String, FileAndChannel> reco = channels(recoLines, wavLines, wav.keySet());
      if (featLines != null) {
        sameKeys("feats.scp", featLines, utts, "utterance", DataDir.UTT2SPK);
      }

      Optional<DataDir> parsed = Optional.empty();
      if (problems.stream().noneMatch(p -> p.severity() == Severity.ERROR) && wavLines != null) {
        parsed = Optional.of(new DataDir(wav, text, utt2spk, segments, reco));
      }
      return new Report(List.copyOf(problems), parsed);
    }

    /** utt2spk by utterance, with its speaker-prefix order and spk2utt agreement checked. */
    private SortedMap<String, String> speakers(
        Map<String, TableLine> utt2spkLines, Map<String, TableLine> spk2uttLines) {
      SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
      if (utt2spkLines != null) {
        utt2spkLines.forEach((k, v) -> utt2spk.put(k, v.rest()));
        checkSpeakerPrefixOrder(utt2spkLines);
        if (spk2uttLines != null) {
          checkSpk2Utt(utt2spk, spk2uttLines);
        }
      }
      return utt2spk;
    }

    /** text by utterance: the same utterances as utt2spk, a warning for each empty transcript. */
    private SortedMap<String, String> transcripts(
        Map<String, TableLine> textLines, Set<String> utts) {
      SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
      if (textLines != null) {
        textLines.forEach((k, v) -> text.put(k, v.rest()));
        sameKeys(DataDir.TEXT, textLines, utts, "utterance", DataDir.UTT2SPK);
        for (TableLine l : textLines.values()) {
          if (l.rest().isEmpty()) {
            warn(
                path(DataDir.TEXT),
                l.lineNumber(),
                "utterance " + l.key() + " has an empty transcript");
          }
        }
      }
      return text;
    }

    /**
     * wav.scp by id: recordings of the segments when there are segments, otherwise one entry per
     * utterance.
     */
    private SortedMap<String, WavEntry> recordings(
        Map<String, TableLine> wavLines, Map<String, TableLine> segLines, Set<String> utts) {
      SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
      if (wavLines != null) {
        for (TableLine l : wavLines.values()) {
          wav.put(l.key(), new WavEntry(l.key(), l.rest()));
          checkWavEntry(l);
        }
        if (segLines != null) {
          checkSegmentRecordings(segLines, wavLines, wav.keySet());
        } else {
          sameKeys(DataDir.WAV_SCP, wavLines, utts, "utterance", DataDir.UTT2SPK);
        }
      }
      return wav;
    }

    /** Every segment's recording is in wav.scp and every recording has a segment. */
    private void checkSegmentRecordings(
        Map<String, TableLine> segLines, Map<String, TableLine> wavLines, Set<String> wavIds) {
      Set<String> recos = new TreeSet<>(KaldiOrder.IDS);
      for (TableLine l : segLines.values()) {
        String[] f = KaldiTables.fields(l.rest());
        if (f.length > 0) {
          recos.add(f[0]);
          if (!wavIds.contains(f[0])) {
            error(
                path(DataDir.SEGMENTS),
                l.lineNumber(),
                "recording " + f[0] + " is not in wav.scp; add it there or remove the segment");
          }
        }
      }
      for (TableLine l : wavLines.values()) {
        if (!recos.contains(l.key())) {
          error(
              path(DataDir.WAV_SCP),
              l.lineNumber(),
              "recording "
                  + l.key()
                  + " has no segment; remove it or add its segments"
                  + " (Kaldi: recording ids of segments and wav.scp must agree)");
        }
      }
    }

    /** reco2file_and_channel by recording: channels A/B (or 1/2), the recordings of wav.scp. */
    private SortedMap<String, FileAndChannel> channels(
        Map<String, TableLine> recoLines, Map<String, TableLine> wavLines, Set<String> wavIds) {
      SortedMap<String, FileAndChannel> reco = new TreeMap<>(KaldiOrder.IDS);
      if (recoLines != null) {
        for (TableLine l : recoLines.values()) {
          String[] f = KaldiTables.fields(l.rest());
          if (f.length == 2) {
            reco.put(l.key(), new FileAndChannel(l.key(), f[0], f[1]));
            if (!Set.of("A", "B", "1", "2").contains(f[1])) {
              error(
                  path(DataDir.RECO2FILE_AND_CHANNEL),
                  l.lineNumber(),
                  "channel '" + f[1] + "' must be A or B (or 1/2)");
            }
          }
        }
        if (wavLines != null) {
          sameKeys(DataDir.RECO2FILE_AND_CHANNEL, recoLines, wavIds, "recording", DataDir.WAV_SCP);
        }
      }
      return reco;
    }

    private Path path(String name) {
      return dir.resolve(name);
    }

    /**
     * Reads a table and checks blank lines, field counts, unique keys and sort order. Returns the
     * lines by key, or null when the file is absent.
     */
    private Map<String, TableLine> table(
        String name, boolean required, int minFields, int maxFields) throws IOException {
      Path file = path(name);
      if (!Files.exists(file)) {
        if (required) {
          error(file, 0, "missing; every data directory needs " + name + hint(name));
        }
        return null;
      }
      List<TableLine> lines;
      try {
        lines = KaldiTables.readLines(file);
      } catch (AsrInputException e) {
        error(file, 0, e.getMessage());
        return null;
      }
      if (lines.isEmpty()) {
        error(file, 0, "empty; a data directory needs at least one utterance");
        return null;
      }
      Map<String, TableLine> out = new LinkedHashMap<>();
      String previous = null;
      boolean sortReported = false;
      for (TableLine l : lines) {
        if (l.key().isEmpty()) {
          error(file, l.lineNumber(), "blank line; remove it");
          continue;
        }
        int fields = 1 + KaldiTables.fields(l.rest()).length;
        if (fields < minFields || fields > maxFields) {
          String expected =
              minFields == maxFields
                  ? "exactly " + minFields
                  : maxFields == Integer.MAX_VALUE
                      ? "at least " + minFields
                      : minFields + " to " + maxFields;
          error(
              file,
              l.lineNumber(),
              "has " + fields + " fields, expected " + expected + fieldHint(name));
          continue;
        }
        Optional<String> idProblem = Ids.fileNameProblem(l.key());
        if (idProblem.isPresent()) {
          error(file, l.lineNumber(), Ids.describe(l.key(), idProblem.get()));
          continue;
        }
        if (out.containsKey(l.key())) {
          error(
              file,
              l.lineNumber(),
              "duplicate id "
                  + l.key()
                  + " (first on line "
                  + out.get(l.key()).lineNumber()
                  + "); ids must be unique");
          continue;
        }
        if (previous != null && KaldiOrder.compare(previous, l.key()) > 0 && !sortReported) {
          error(
              file,
              l.lineNumber(),
              "not sorted: "
                  + l.key()
                  + " comes after "
                  + previous
                  + "; fix with: LC_ALL=C sort -k1,1 -o "
                  + file
                  + " "
                  + file);
          sortReported = true;
        }
        previous = l.key();
        out.put(l.key(), l);
      }
      return out;
    }

    private static String hint(String name) {
      return switch (name) {
        case DataDir.SPK2UTT -> "; make it with utils/utt2spk_to_spk2utt.pl utt2spk > spk2utt";
        case DataDir.UTT2SPK -> " (utterance-id speaker-id per line)";
        case DataDir.WAV_SCP -> " (recording-id path-or-command| per line)";
        case DataDir.TEXT ->
            " (utterance-id WORD WORD ... per line); validate with --no-text if untranscribed";
        default -> "";
      };
    }

    private static String fieldHint(String name) {
      return switch (name) {
        case DataDir.UTT2SPK -> " (utterance-id speaker-id)";
        case DataDir.SEGMENTS -> " (utterance-id recording-id start-seconds end-seconds)";
        case DataDir.RECO2FILE_AND_CHANNEL -> " (recording-id file-name channel)";
        case DataDir.SPK2UTT -> " (speaker-id utterance-id ...)";
        case DataDir.WAV_SCP -> " (recording-id path, or recording-id command |)";
        default -> "";
      };
    }

    /** Kaldi requires that sorting utt2spk by speaker keeps the utterance order. */
    private void checkSpeakerPrefixOrder(Map<String, TableLine> utt2spkLines) {
      String prevSpk = null;
      for (TableLine l : utt2spkLines.values()) {
        if (prevSpk != null && KaldiOrder.compare(prevSpk, l.rest()) > 0) {
          error(
              path(DataDir.UTT2SPK),
              l.lineNumber(),
              "not in sorted order when sorted first on speaker-id (speaker "
                  + l.rest()
                  + " after "
                  + prevSpk
                  + "); make speaker-ids prefixes of utterance-ids");
          return;
        }
        prevSpk = l.rest();
      }
    }

    private void checkSpk2Utt(Map<String, String> utt2spk, Map<String, TableLine> spk2uttLines) {
      Map<String, String> seen = new LinkedHashMap<>();
      Path file = path(DataDir.SPK2UTT);
      for (TableLine l : spk2uttLines.values()) {
        for (String utt : KaldiTables.fields(l.rest())) {
          String spk = utt2spk.get(utt);
          if (spk == null) {
            error(file, l.lineNumber(), "utterance " + utt + " is not in utt2spk" + regen());
          } else if (!spk.equals(l.key())) {
            error(
                file,
                l.lineNumber(),
                "utterance "
                    + utt
                    + " listed under speaker "
                    + l.key()
                    + " but utt2spk says "
                    + spk
                    + regen());
          } else if (seen.put(utt, l.key()) != null) {
            error(file, l.lineNumber(), "utterance " + utt + " listed twice" + regen());
          }
        }
      }
      for (String utt : utt2spk.keySet()) {
        if (!seen.containsKey(utt) && problems.stream().noneMatch(p -> p.file().equals(file))) {
          error(file, 0, "utterance " + utt + " of utt2spk is missing" + regen());
          return;
        }
      }
    }

    private static String regen() {
      return "; regenerate spk2utt from utt2spk (utils/utt2spk_to_spk2utt.pl)";
    }

    /** The keys of {@code lines} must be exactly {@code expected}; reports both directions. */
    private void sameKeys(
        String name,
        Map<String, TableLine> lines,
        Set<String> expected,
        String what,
        String otherName) {
      Path file = path(name);
      for (TableLine l : lines.values()) {
        if (!expected.contains(l.key())) {
          error(
              file,
              l.lineNumber(),
              what
                  + " "
                  + l.key()
                  + " is not in "
                  + otherName
                  + "; remove the line or add the "
                  + what
                  + " to "
                  + otherName
                  + " (utils/fix_data_dir.sh does this)");
        }
      }
      Set<String> have = new HashSet<>(lines.keySet());
      int missing = 0;
      String firstMissing = null;
      for (String k : expected) {
        if (!have.contains(k)) {
          missing++;
          if (firstMissing == null) {
            firstMissing = k;
          }
        }
      }
      if (missing > 0) {
        error(
            file,
            0,
            missing
                + " "
                + what
                + "(s) of "
                + otherName
                + " missing here, first "
                + firstMissing
                + "; add them or remove them from "
                + otherName
                + " (utils/fix_data_dir.sh does this)");
      }
    }

    private void parseSegments(Map<String, TableLine> segLines, SortedMap<String, Segment> out) {
      Path file = path(DataDir.SEGMENTS);
      for (TableLine l : segLines.values()) {
        String[] f = KaldiTables.fields(l.rest());
        double start;
        double end;
        try {
          start = Double.parseDouble(f[1]);
          end = Double.parseDouble(f[2]);
        } catch (NumberFormatException e) {
          error(
              file,
              l.lineNumber(),
              "start and end must be numbers of seconds, got '" + f[1] + "' '" + f[2] + "'");
          continue;
        }
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
          error(file, l.lineNumber(), "start and end must be finite");
        } else if (start < 0) {
          error(file, l.lineNumber(), "start " + f[1] + " is negative");
        } else if (end != -1 && end <= start) {
          error(
              file,
              l.lineNumber(),
              "end "
                  + f[2]
                  + " must be greater than start "
                  + f[1]
                  + " (or -1 for the end of the recording)");
        } else {
          out.put(l.key(), new Segment(l.key(), f[0], start, end));
        }
      }
    }

    private void checkWavEntry(TableLine l) {
      Path file = path(DataDir.WAV_SCP);
      String spec = l.rest();
      if (spec.endsWith("|")) {
        if (spec.substring(0, spec.length() - 1).isBlank()) {
          error(file, l.lineNumber(), "empty command before '|'");
        }
        return;
      }
      if (spec.contains("|")) {
        error(
            file,
            l.lineNumber(),
            "a command must end with '|' (Kaldi's extended filename for a pipe)");
        return;
      }
      if (KaldiTables.fields(spec).length != 1) {
        error(
            file,
            l.lineNumber(),
            "path '" + spec + "' contains spaces; a command must end with '|'");
        return;
      }
      if (options.checkAudioFilesExist()) {
        // Kaldi resolves relative paths against the working directory (the recipe folder).
        Path audio = Path.of(spec);
        if (!Files.exists(audio)) {
          warn(file, l.lineNumber(), "audio file " + Objects.toString(audio) + " does not exist");
        } else if (Files.isDirectory(audio)) {
          warn(
              file,
              l.lineNumber(),
              "audio path " + audio + " is a directory, not an audio file; it will be skipped");
        }
      }
    }
  }
}

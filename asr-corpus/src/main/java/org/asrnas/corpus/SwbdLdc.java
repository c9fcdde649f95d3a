package org.asrnas.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.FileAndChannel;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.ShellWords;
import org.asrnas.core.data.WavEntry;
import org.asrnas.core.text.TextNormalizer;

/**
 * Prepares Switchboard-1 (LDC97S62) with the Mississippi State (MS98) transcripts, and the 2000
 * Hub5 English evaluation (LDC2002S09 speech, LDC2002T43 references), as Kaldi's {@code
 * egs/swbd/s5c/local/swbd1_data_prep.sh} and {@code eval2000_data_prep.sh} do: conversation sides
 * {@code sw02001-A}/{@code -B} are channels 1/2 of {@code sw02001.sph} ({@code sph2pipe -f wav -p
 * -c N} entries, read natively by the frontend), utterance ids {@code sw02001-A_000098-001156}
 * carry the times in centiseconds, speakers are sides. Transcript words are mapped as below and
 * upper-cased (the toolkit's lexicons are upper case): {@code [silence]} and aside markers dropped,
 * {@code [noise]} and {@code [laughter]} to {@code <NOISE>}, {@code [vocalized-noise]} to {@code
 * <SPN>}, {@code [laughter-word]} to the word, {@code {word}} to the word, {@code word_1} to the
 * word, {@code [said/meant]} to the meant word, partial words {@code sp[ecial]-} to {@code SP-} and
 * {@code -[sp]ecial} to {@code -ECIAL}.
 */
public final class SwbdLdc {
  private static final Pattern MS98 =
      Pattern.compile("^sw(\\d{4})([AB])-ms98-a-\\d+\\s+(\\S+)\\s+(\\S+)\\s*(.*)$");

  private SwbdLdc() {}

  /** Maps one MS98 transcript token; empty when the token is dropped. */
  static Optional<String> mapWord(String w) {
    String t = w.toLowerCase(Locale.ROOT);
    switch (t) {
      case "[silence]", "<b_aside>", "<e_aside>":
        return Optional.empty();
      case "[noise]", "[laughter]":
        return Optional.of(TextNormalizer.NOISE_WORD);
      case "[vocalized-noise]":
        return Optional.of("<SPN>");
      default:
        break;
    }
    Matcher m;
    if ((m = Pattern.compile("^\\[laughter-(.+)\\]$").matcher(t)).matches()) {
      t = m.group(1);
    }
    if ((m = Pattern.compile("^\\[([^/\\]]+)/([^\\]]+)\\]$").matcher(t)).matches()) {
      t = m.group(2);
    }
    if ((m = Pattern.compile("^\\{(.+)\\}$").matcher(t)).matches()) {
      t = m.group(1);
    }
    t = t.replaceAll("_\\d+$", "");
    t = t.replaceAll("\\[[^\\]]*\\]-$", "-");
    t = t.replaceAll("^-\\[[^\\]]*\\]", "-");
    t = t.replace("[", "").replace("]", "");
    return t.isEmpty() || t.equals("-")
        ? Optional.empty()
        : Optional.of(t.toUpperCase(Locale.ROOT));
  }

  /** Counts and problems. */
  public record Summary(int utterances, int recordings, List<String> warnings) {}

  private static List<Path> find(Path root, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
          .sorted()
          .toList();
    }
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.')).toLowerCase(Locale.ROOT);
  }

  /**
   * Writes {@code dataDir} (Kaldi's {@code data/train}) from the {@code .sph} files under {@code
   * swbdRoot} and the {@code *-trans.text} files under {@code ms98Root}.
   */
  public static Summary prepareTrain(Path swbdRoot, Path ms98Root, Path dataDir)
      throws IOException, AsrInputException {
    Map<String, Path> sph = new TreeMap<>();
    for (Path p : find(swbdRoot, ".sph")) {
      sph.putIfAbsent(stem(p), p);
    }
    if (sph.isEmpty()) {
      throw new IllegalArgumentException("no .sph files under " + swbdRoot + " (LDC97S62)");
    }
    List<Path> trans = find(ms98Root, "-trans.text");
    if (trans.isEmpty()) {
      throw new IllegalArgumentException(
          "no *-trans.text files under "
              + ms98Root
              + "; unpack the MS-State transcripts (swb_ms98_transcriptions) there");
    }
    List<String> warnings = new ArrayList<>();
    SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, Segment> seg = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, FileAndChannel> r2f = new TreeMap<>(KaldiOrder.IDS);
    for (Path f : trans) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i).strip();
        if (l.isEmpty()) {
          continue;
        }
        Matcher m = MS98.matcher(l);
        if (!m.matches()) {
          throw AsrInputException.atLine(
              f, i + 1, "expected 'sw2001A-ms98-a-0001 START END words'");
        }
        String conv = "sw0" + m.group(1);
        String side = m.group(2);
        double start = Double.parseDouble(m.group(3));
        double end = Double.parseDouble(m.group(4));
        List<String> words = new ArrayList<>();
        for (String w : m.group(5).split("\\s+")) {
          if (!w.isEmpty()) {
            mapWord(w).ifPresent(words::add);
          }
        }
        if (words.isEmpty()) {
          continue;
        }
        Path audio = sph.get(conv);
        if (audio == null) {
          warnings.add(f + ":" + (i + 1) + ": no audio " + conv + ".sph; utterance skipped");
          continue;
        }
        // Kaldi: printf("%06.0f", int(100*t+0.5)), segment times from the id.
        long s100 = (long) (100 * start + 0.5);
        long e100 = (long) (100 * end + 0.5);
        if (e100 <= s100) {
          warnings.add(f + ":" + (i + 1) + ": segment ends before it starts; skipped");
          continue;
        }
        String reco = conv + "-" + side;
        String utt = String.format(Locale.ROOT, "%s_%06d-%06d", reco, s100, e100);
        if (text.containsKey(utt)) {
          continue;
        }
        text.put(utt, String.join(" ", words));
        seg.put(utt, new Segment(utt, reco, s100 / 100.0, e100 / 100.0));
        utt2spk.put(utt, reco);
        int ch = side.equals("A") ? 1 : 2;
        wav.put(reco, new WavEntry(reco, sph2pipe(audio, ch)));
        r2f.put(reco, new FileAndChannel(reco, conv, side));
      }
    }
    new DataDir(wav, text, utt2spk, seg, r2f).write(dataDir);
    return new Summary(utt2spk.size(), wav.size(), warnings);
  }

  /**
   * The {@code wav.scp} command of one side; the path comes from a directory listing and is quoted
   * ({@link ShellWords#quote}), so a file name with shell syntax is never run.
   */
  static String sph2pipe(Path audio, int channel) {
    return sph2pipeCommand(audio.toAbsolutePath().normalize().toString(), channel);
  }

  static String sph2pipeCommand(String path, int channel) {
    return "sph2pipe -f wav -p -c " + channel + " " + SoxAudio.pathWord(path) + " |";
  }

  /**
   * Writes {@code dataDir} (Kaldi's {@code data/eval2000}) from LDC2002S09 ({@code
   * english/hub5e_00.pem} and the {@code .sph} files) and LDC2002T43 ({@code
   * reference/hub5e00.english.000405.stm} and {@code en20000405_hub5.glm}, copied as {@code stm}
   * and {@code glm} with Kaldi's fixes). Utterances are the {@code .pem} segments that have a
   * scored {@code stm} segment with the same id.
   */
  public static Summary prepareEval2000(Path speechRoot, Path transcriptRoot, Path dataDir)
      throws IOException, AsrInputException {
    Path pem =
        find(speechRoot, "hub5e_00.pem").stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no hub5e_00.pem under " + speechRoot + " (LDC2002S09)"));
    Path stmIn =
        find(transcriptRoot, "hub5e00.english.000405.stm").stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no hub5e00.english.000405.stm under " + transcriptRoot + " (LDC2002T43)"));
    Optional<Path> glm = find(transcriptRoot, "en20000405_hub5.glm").stream().findFirst();
    Map<String, Path> sph = new TreeMap<>();
    for (Path p : find(speechRoot, ".sph")) {
      sph.putIfAbsent(stem(p), p);
    }
    List<String> warnings = new ArrayList<>();
    // stm: Kaldi's sed fixes, then text per segment id.
    List<String> stm = new ArrayList<>();
    SortedMap<String, String> stmText = readStm(stmIn, stm);
    SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, Segment> seg = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, FileAndChannel> r2f = new TreeMap<>(KaldiOrder.IDS);
    List<String> pemLines = Files.readAllLines(pem, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < pemLines.size(); i++) {
      String l = pemLines.get(i);
      if (l.startsWith(";;") || l.isBlank()) {
        continue;
      }
      String[] f = KaldiTables.fields(l);
      if (f.length < 5) {
        throw AsrInputException.atLine(pem, i + 1, "expected 'file channel speaker start end'");
      }
      String utt = evalUttId(f[0], f[1], f[3], f[4], pem, i + 1);
      String words = stmText.get(utt);
      if (words == null) {
        continue;
      }
      Path audio = sph.get(f[0].toLowerCase(Locale.ROOT));
      if (audio == null) {
        warnings.add(pem + ":" + (i + 1) + ": no audio " + f[0] + ".sph; skipped");
        continue;
      }
      String reco = f[0] + "-" + f[1];
      text.put(utt, words);
      seg.put(utt, new Segment(utt, reco, Double.parseDouble(f[3]), Double.parseDouble(f[4])));
      utt2spk.put(utt, reco);
      wav.put(reco, new WavEntry(reco, sph2pipe(audio, f[1].equals("A") ? 1 : 2)));
      r2f.put(reco, new FileAndChannel(reco, f[0], f[1]));
    }
    if (text.size() < stmText.size()) {
      warnings.add(
          (stmText.size() - text.size()) + " scored stm segments have no matching .pem segment");
    }
    new DataDir(wav, text, utt2spk, seg, r2f).write(dataDir);
    KaldiTables.writeLinesAtomically(dataDir.resolve("stm"), stm);
    if (glm.isPresent()) {
      Files.copy(
          glm.get(), dataDir.resolve("glm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } else {
      warnings.add(
          "no en20000405_hub5.glm under " + transcriptRoot + "; scoring will lack the GLM");
    }
    return new Summary(utt2spk.size(), wav.size(), warnings);
  }

  /**
   * Reads the LDC stm with Kaldi's fixes ({@code ((} to {@code (}, no aside tags), adding its lines
   * to {@code fixed}; returns the scored words of each segment by utterance id.
   */
  private static SortedMap<String, String> readStm(Path stmIn, List<String> fixed)
      throws IOException, AsrInputException {
    SortedMap<String, String> stmText = new TreeMap<>(KaldiOrder.IDS);
    List<String> stmLines = Files.readAllLines(stmIn, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < stmLines.size(); i++) {
      String l =
          stmLines.get(i).replace("((", "(").replace("<B_ASIDE>", "").replace("<E_ASIDE>", "");
      fixed.add(l);
      if (l.startsWith(";;") || l.isBlank()) {
        continue;
      }
      String[] f = KaldiTables.fields(l);
      if (f.length < 5) {
        throw AsrInputException.atLine(
            stmIn, i + 1, "expected 'file channel speaker start end ...'");
      }
      String utt = evalUttId(f[0], f[1], f[3], f[4], stmIn, i + 1);
      List<String> words = new ArrayList<>();
      boolean ignore = false;
      for (int k = 6; k < f.length; k++) {
        String w = f[k];
        if (w.equals("IGNORE_TIME_SEGMENT_IN_SCORING")) {
          ignore = true;
        }
        w = w.replaceAll("^\\(+|\\)+$", "");
        if (w.isEmpty() || w.startsWith("%") || w.startsWith("<")) {
          continue;
        }
        words.add(w.toUpperCase(Locale.ROOT));
      }
      if (!ignore && !words.isEmpty()) {
        stmText.put(utt, String.join(" ", words));
      }
    }
    return stmText;
  }

  /** Kaldi's eval2000 id: {@code sprintf("%s_%06d-%06d", file"-"side, start*100, end*100)}. */
  private static String evalUttId(
      String file, String side, String start, String end, Path src, int line)
      throws AsrInputException {
    try {
      // awk's %d truncates the product, which is what Kaldi's ids are made of.
      long s = (long) (Double.parseDouble(start) * 100);
      long e = (long) (Double.parseDouble(end) * 100);
      return String.format(Locale.ROOT, "%s-%s_%06d-%06d", file, side, s, e);
    } catch (NumberFormatException x) {
      throw AsrInputException.atLine(src, line, "bad time '" + start + "' or '" + end + "'");
    }
  }
}

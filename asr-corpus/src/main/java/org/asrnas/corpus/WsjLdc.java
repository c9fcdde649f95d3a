package org.asrnas.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.WavEntry;
import org.asrnas.core.text.TextNormalizer;

/**
 * Prepares WSJ from the LDC distributions LDC93S6B (WSJ0, discs {@code 11-*.1}) and LDC94S13B
 * (WSJ1, discs {@code 13-*.1}) the way Kaldi's {@code egs/wsj/s5/local/wsj_data_prep.sh} does:
 *
 * <ul>
 *   <li>{@code train_si284}: {@code 11-13.1/wsj0/doc/indices/train/tr_s_wv1.ndx} and {@code
 *       13-34.1/wsj1/doc/indices/si_tr_s.ndx}, without speaker 401 ({@code
 *       11-2.1/wsj0/si_tr_s/401});
 *   <li>{@code test_dev93}: {@code 13-34.1/wsj1/doc/indices/h1_p0.ndx};
 *   <li>{@code test_eval92}: {@code 11-13.1/wsj0/doc/indices/test/nvp/si_et_20.ndx}.
 * </ul>
 *
 * Index lines {@code 11_2_1:wsj0/si_tr_s/01i/01ic0201.wv1} name a disc ({@code 11_2_1} is {@code
 * 11-2.1}) and a path on it ({@code .wv1} added when missing, as {@code ndx2flist.pl}); utterance
 * ids are the lower-cased file names, speakers their first three characters; transcripts come from
 * the {@code .dot} file of the utterance's first six characters (lines {@code text (uttid)}),
 * normalised with {@link TextNormalizer.Style#WSJ}; {@code wav.scp} names the {@code .wv1} files.
 */
public final class WsjLdc {
  private static final Pattern DISC = Pattern.compile("\\d+-\\d+\\.\\d+");
  private static final Pattern NDX = Pattern.compile("^([0-9_]+):\\s*(\\S+)$");
  private static final Pattern DOT_LINE = Pattern.compile("^(.+)\\((\\w{8})\\)\\s*$");

  /** Kaldi's set names and their index files (disc, path on the disc). */
  static final Map<String, List<String[]>> SETS;

  static {
    Map<String, List<String[]>> m = new LinkedHashMap<>();
    m.put(
        "train_si284",
        List.of(
            new String[] {"13-34.1", "wsj1/doc/indices/si_tr_s.ndx"},
            new String[] {"11-13.1", "wsj0/doc/indices/train/tr_s_wv1.ndx"}));
    m.put("test_dev93", List.<String[]>of(new String[] {"13-34.1", "wsj1/doc/indices/h1_p0.ndx"}));
    m.put(
        "test_eval92",
        List.<String[]>of(new String[] {"11-13.1", "wsj0/doc/indices/test/nvp/si_et_20.ndx"}));
    SETS = java.util.Collections.unmodifiableMap(m);
  }

  /** Utterances excluded from training as in Kaldi (speaker 401 of WSJ0 is also in a test set). */
  static final String EXCLUDED = "11-2.1/wsj0/si_tr_s/401";

  private WsjLdc() {}

  /** Counts and problems of a preparation. */
  public record Summary(Map<String, Integer> utterances, List<String> warnings) {}

  /**
   * Finds the disc directories ({@code 11-1.1}, {@code 13-34.1}, ...) at depth one or two below
   * each root.
   */
  public static Map<String, Path> discs(List<Path> roots) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException(root + " is not a directory (an LDC WSJ root)");
      }
      try (Stream<Path> s = Files.walk(root, 2)) {
        s.filter(Files::isDirectory)
            .filter(p -> DISC.matcher(p.getFileName().toString()).matches())
            .sorted()
            .forEach(p -> out.putIfAbsent(p.getFileName().toString(), p));
      }
    }
    return out;
  }

  /** Prepares the three sets into {@code dataRoot/<set>}. */
  public static Summary prepare(List<Path> roots, Path dataRoot)
      throws IOException, AsrInputException {
    Map<String, Path> discs = discs(roots);
    List<String> warnings = new ArrayList<>();
    for (String need : List.of("11-13.1", "13-34.1")) {
      if (!discs.containsKey(need)) {
        throw new IllegalArgumentException(
            "disc "
                + need
                + " (with the doc/indices files) not found under "
                + roots
                + "; give the LDC93S6B and LDC94S13B directories holding the disc folders");
      }
    }
    Map<String, Path> dots = new HashMap<>();
    for (Path root : roots) {
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dot"))
            .sorted()
            .forEach(
                p -> {
                  String n = p.getFileName().toString();
                  dots.putIfAbsent(n.substring(0, n.length() - 4).toLowerCase(Locale.ROOT), p);
                });
      }
    }
    TextNormalizer norm = new TextNormalizer(TextNormalizer.Style.WSJ);
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Map<String, String>> dotCache = new HashMap<>();
    for (Map.Entry<String, List<String[]>> set : SETS.entrySet()) {
      SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
      SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
      SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
      for (String[] ndx : set.getValue()) {
        Path index = discs.get(ndx[0]).resolve(ndx[1]);
        if (!Files.exists(index)) {
          throw AsrInputException.inFile(
              index, "index file missing; is disc " + ndx[0] + " complete?");
        }
        for (Path wv1 : indexFiles(index, discs, warnings)) {
          String rel = wv1.toString().replace('\\', '/');
          if (set.getKey().startsWith("train") && rel.toLowerCase(Locale.ROOT).contains(EXCLUDED)) {
            continue;
          }
          String name = wv1.getFileName().toString();
          String utt = name.substring(0, name.length() - 4).toLowerCase(Locale.ROOT);
          if (utt.length() != 8) {
            warnings.add(wv1 + ": utterance id '" + utt + "' is not 8 characters; skipped");
            continue;
          }
          String spk = utt.substring(0, 6);
          Path dot = dots.get(spk);
          Map<String, String> trans = dot == null ? Map.of() : dotCache.get(spk);
          if (trans == null) {
            trans = readDot(dot);
            dotCache.put(spk, trans);
          }
          String raw = trans.get(utt);
          if (raw == null) {
            warnings.add("no transcript for " + utt + " (dot file " + dot + ")");
            continue;
          }
          String words = norm.normalize(raw);
          if (words.isEmpty()) {
            warnings.add("empty transcript for " + utt + "; skipped");
            continue;
          }
          wav.put(utt, new WavEntry(utt, wv1.toAbsolutePath().normalize().toString()));
          text.put(utt, words);
          utt2spk.put(utt, utt.substring(0, 3));
        }
      }
      new DataDir(wav, text, utt2spk, new TreeMap<>(), new TreeMap<>())
          .write(dataRoot.resolve(set.getKey()));
      counts.put(set.getKey(), utt2spk.size());
    }
    return new Summary(counts, warnings);
  }

  /** The {@code .wv1} files an index names, as {@code ndx2flist.pl} (missing ones warned). */
  static List<Path> indexFiles(Path index, Map<String, Path> discs, List<String> warnings)
      throws IOException, AsrInputException {
    List<Path> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(index, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith(";")) {
        continue;
      }
      Matcher m = NDX.matcher(l);
      if (!m.matches()) {
        throw AsrInputException.atLine(
            index, i + 1, "expected 'DISC:PATH' such as 11_2_1:wsj0/si_tr_s/01i/01ic0201.wv1");
      }
      String[] d = m.group(1).split("_");
      if (d.length != 3) {
        throw AsrInputException.atLine(index, i + 1, "bad disc id " + m.group(1));
      }
      String disc = d[0] + "-" + d[1] + "." + d[2];
      Path root = discs.get(disc);
      if (root == null) {
        throw AsrInputException.atLine(
            index, i + 1, "disc " + disc + " not found; give every disc directory of the corpus");
      }
      String file = m.group(2);
      if (!file.toLowerCase(Locale.ROOT).endsWith(".wv1")) {
        file = file + ".wv1";
      }
      Path p = root.resolve(file);
      if (!Files.exists(p)) {
        // Disc 13-16.1 has upper-case file names.
        Path upper = root.resolve(file.toUpperCase(Locale.ROOT));
        if (Files.exists(upper)) {
          p = upper;
        } else {
          warnings.add(index + ":" + (i + 1) + ": " + p + " is in the index but not on disc");
          continue;
        }
      }
      out.add(p);
    }
    return out;
  }

  /** Utterance id to raw transcript of a {@code .dot} file ({@code text (uttid)} per line). */
  static Map<String, String> readDot(Path dot) throws IOException, AsrInputException {
    Map<String, String> out = new HashMap<>();
    List<String> lines = Files.readAllLines(dot, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank()) {
        continue;
      }
      Matcher m = DOT_LINE.matcher(l);
      if (!m.matches()) {
        throw AsrInputException.atLine(dot, i + 1, "expected 'transcript (uttid)'");
      }
      out.put(m.group(2).toLowerCase(Locale.ROOT), m.group(1).strip());
    }
    return out;
  }
}

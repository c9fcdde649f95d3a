package org.asrnas.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;

/**
 * A Kaldi data directory held in memory. Every map is ordered by {@link KaldiOrder#IDS}. Use {@link
 * #load(Path)} to read and validate a directory, {@link #write(Path)} to write one, and {@link
 * DataDirValidator} for a full report of every problem instead of the first one.
 *
 * @param wavScp recording id (utterance id when there are no segments) to audio
 * @param text utterance id to transcript (may be empty when the directory is untranscribed)
 * @param utt2spk utterance id to speaker id
 * @param segments utterance id to segment; empty when the directory has no {@code segments}
 * @param reco2FileAndChannel recording id to scoring file/channel; may be empty
 */
public record DataDir(
    SortedMap<String, WavEntry> wavScp,
    SortedMap<String, String> text,
    SortedMap<String, String> utt2spk,
    SortedMap<String, Segment> segments,
    SortedMap<String, FileAndChannel> reco2FileAndChannel) {

  public static final String WAV_SCP = "wav.scp";
  public static final String TEXT = "text";
  public static final String UTT2SPK = "utt2spk";
  public static final String SPK2UTT = "spk2utt";
  public static final String SEGMENTS = "segments";
  public static final String RECO2FILE_AND_CHANNEL = "reco2file_and_channel";

  public DataDir {
    wavScp = Collections.unmodifiableSortedMap(sorted(wavScp));
    text = Collections.unmodifiableSortedMap(sorted(text));
    utt2spk = Collections.unmodifiableSortedMap(sorted(utt2spk));
    segments = Collections.unmodifiableSortedMap(sorted(segments));
    reco2FileAndChannel = Collections.unmodifiableSortedMap(sorted(reco2FileAndChannel));
    for (String utt : utt2spk.keySet()) {
      String reco = segments.isEmpty() ? utt : recordingOf(segments, utt);
      Checks.checkArgument(
          wavScp.containsKey(reco), "utterance %s has no audio (recording %s)", utt, reco);
    }
  }

  private static String recordingOf(Map<String, Segment> segments, String utt) {
    Segment s = segments.get(utt);
    Checks.checkArgument(s != null, "utterance %s has no segment", utt);
    return s.recordingId();
  }

  private static <V> SortedMap<String, V> sorted(Map<String, V> m) {
    SortedMap<String, V> out = new TreeMap<>(KaldiOrder.IDS);
    if (m != null) {
      out.putAll(m);
    }
    return out;
  }

  /** The speaker-to-utterances map implied by {@code utt2spk} ({@code spk2utt}). */
  public SortedMap<String, List<String>> spk2utt() {
    SortedMap<String, List<String>> out = new TreeMap<>(KaldiOrder.IDS);
    for (Map.Entry<String, String> e : utt2spk.entrySet()) {
      out.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
    }
    return out;
  }

  public boolean hasSegments() {
    return !segments.isEmpty();
  }

  /** All utterances in id order. */
  public List<Utterance> utterances() {
    List<Utterance> out = new ArrayList<>(utt2spk.size());
    for (Map.Entry<String, String> e : utt2spk.entrySet()) {
      String utt = e.getKey();
      Optional<Segment> seg = Optional.ofNullable(segments.get(utt));
      String reco = seg.map(Segment::recordingId).orElse(utt);
      out.add(
          new Utterance(
              utt, e.getValue(), wavScp.get(reco), seg, Optional.ofNullable(text.get(utt))));
    }
    return out;
  }

  /**
   * Reads a data directory and validates it with {@link DataDirValidator}.
   *
   * @throws AsrInputException naming the first problem's file and line (and how many more there
   *     are) when the directory is not valid
   */
  public static DataDir load(Path dir) throws IOException, AsrInputException {
    DataDirValidator.Report report = DataDirValidator.validate(dir);
    if (!report.isValid()) {
      DataDirValidator.Problem first = report.errors().get(0);
      String more =
          report.errors().size() > 1
              ? " (and "
                  + (report.errors().size() - 1)
                  + " more; run `asr data validate "
                  + dir
                  + "`)"
              : "";
      throw AsrInputException.atLine(first.file(), first.line(), first.message() + more);
    }
    return report.dataDir().orElseThrow();
  }

  /** Writes every table (and {@code spk2utt}) into {@code dir}, each file atomically. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    SortedMap<String, String> wav = new TreeMap<>(KaldiOrder.IDS);
    wavScp.forEach((k, v) -> wav.put(k, v.spec()));
    KaldiTables.writeTable(dir.resolve(WAV_SCP), wav);
    KaldiTables.writeTable(dir.resolve(UTT2SPK), utt2spk);
    SortedMap<String, String> s2u = new TreeMap<>(KaldiOrder.IDS);
    spk2utt().forEach((k, v) -> s2u.put(k, String.join(" ", v)));
    KaldiTables.writeTable(dir.resolve(SPK2UTT), s2u);
    if (!text.isEmpty()) {
      KaldiTables.writeTable(dir.resolve(TEXT), text);
    }
    if (!segments.isEmpty()) {
      SortedMap<String, String> seg = new TreeMap<>(KaldiOrder.IDS);
      segments.forEach(
          (k, v) ->
              seg.put(
                  k,
                  v.recordingId()
                      + " "
                      + formatSeconds(v.startSeconds())
                      + " "
                      + formatSeconds(v.endSeconds())));
      KaldiTables.writeTable(dir.resolve(SEGMENTS), seg);
    }
    if (!reco2FileAndChannel.isEmpty()) {
      SortedMap<String, String> r = new TreeMap<>(KaldiOrder.IDS);
      reco2FileAndChannel.forEach((k, v) -> r.put(k, v.fileName() + " " + v.channel()));
      KaldiTables.writeTable(dir.resolve(RECO2FILE_AND_CHANNEL), r);
    }
  }

  /**
   * Seconds with at most 3 decimals (Kaldi writes segment times to the centisecond or millisecond).
   */
  static String formatSeconds(double s) {
    String t = String.format(java.util.Locale.ROOT, "%.3f", s);
    t = t.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }
}

package org.asrnas.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.asrnas.core.Checks;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.FileAndChannel;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.WavEntry;

/**
 * The training subsets of Kaldi's Switchboard recipe ({@code swbd/s5c/run.sh}): {@code train_dev}
 * is the first N utterances of {@code train} ({@code utils/subset_data_dir.sh --first}), the rest
 * is {@code train_nodev}, and {@code train_nodup} drops from it every copy beyond the first {@code
 * maxDuplicates} of one transcript ({@code utils/data/remove_dup_utts.sh 300}), which thins out the
 * thousands of identical "UH-HUH" utterances.
 */
public final class SwbdSets {
  private SwbdSets() {}

  /** The first {@code n} utterances (in id order). */
  public static DataDir first(DataDir d, int n) {
    List<String> ids = new ArrayList<>(d.utt2spk().keySet());
    return subset(d, ids.subList(0, Math.min(n, ids.size())));
  }

  /** All but the first {@code n} utterances. */
  public static DataDir allBut(DataDir d, int n) {
    List<String> ids = new ArrayList<>(d.utt2spk().keySet());
    return subset(d, ids.subList(Math.min(n, ids.size()), ids.size()));
  }

  /**
   * Keeps at most {@code maxDuplicates} utterances of each transcript, the first ones in id order.
   */
  public static DataDir removeDuplicates(DataDir d, int maxDuplicates) {
    Checks.checkPositive(maxDuplicates, "maxDuplicates");
    Map<String, Integer> seen = new HashMap<>();
    List<String> keep = new ArrayList<>();
    for (String u : d.utt2spk().keySet()) {
      String t = d.text().getOrDefault(u, "");
      if (seen.merge(t, 1, Integer::sum) <= maxDuplicates) {
        keep.add(u);
      }
    }
    return subset(d, keep);
  }

  /** The utterances {@code ids} with the recordings they use. */
  public static DataDir subset(DataDir d, List<String> ids) {
    SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, Segment> seg = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, FileAndChannel> r2f = new TreeMap<>(KaldiOrder.IDS);
    for (String u : ids) {
      utt2spk.put(u, d.utt2spk().get(u));
      if (d.text().containsKey(u)) {
        text.put(u, d.text().get(u));
      }
      String reco = u;
      if (d.hasSegments()) {
        Segment s = d.segments().get(u);
        seg.put(u, s);
        reco = s.recordingId();
      }
      wav.put(reco, d.wavScp().get(reco));
      FileAndChannel fc = d.reco2FileAndChannel().get(reco);
      if (fc != null) {
        r2f.put(reco, fc);
      }
    }
    return new DataDir(wav, text, utt2spk, seg, r2f);
  }
}

package org.asrnas.nas.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Messages;
import org.asrnas.core.Seeds;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.data.TableLine;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.UnitCoverage;
import org.asrnas.core.text.Units;
import org.asrnas.frontend.features.Cmvn;

/**
 * Utterances of a Kaldi data dir ready for training: per-speaker CMVN applied to the features of
 * {@code feats.scp} (deltas are appended per batch, see {@link Batch}), and phone targets from the
 * first pronunciation of every word. Utterances with a word missing from the lexicon, without a
 * transcript or without features, and those whose feature matrix is unreadable (a corrupt size or a
 * truncated archive), holds NaN or infinities, or has another dimension than the first, are skipped
 * and reported (one line each, naming the file and byte offset), so one bad matrix never costs the
 * run; more than {@link UnitCoverage#MAX_SKIPPED_SHARE} of them lacking a unit of units.txt is an
 * error.
 */
public final class Corpus {
  /**
   * One utterance.
   *
   * @param id utterance id
   * @param features CMVN-normalised base features (frames, dim)
   * @param targets unit ids (no blank)
   */
  public record Item(String id, FloatMatrix features, int[] targets) {
    public int frames() {
      return features.rows();
    }
  }

  private final List<Item> items;
  private final List<String> skipped;

  private Corpus(List<Item> items, List<String> skipped) {
    this.items = List.copyOf(items);
    this.skipped = List.copyOf(skipped);
  }

  public List<Item> items() {
    return items;
  }

  /** One line per skipped utterance: {@code id: reason}. */
  public List<String> skipped() {
    return skipped;
  }

  public long totalFrames() {
    return items.stream().mapToLong(Item::frames).sum();
  }

  /**
   * Loads {@code dir}'s {@code feats.scp}, {@code utt2spk} and (unless {@code withText} is false)
   * {@code text}.
   *
   * @param lexicon word to phones (first pronunciation used); null when {@code withText} is false
   */
  public static Corpus load(
      Path dir, Units units, Lexicon lexicon, boolean withText, boolean normVars)
      throws IOException, AsrInputException {
    Path scp = dir.resolve("feats.scp");
    if (!Files.exists(scp)) {
      throw AsrInputException.inFile(
          scp, "missing; compute features first (asr features ... or Kaldi's make_fbank.sh)");
    }
    Map<String, String> utt2spk = table(dir.resolve("utt2spk"));
    Map<String, String> text = withText ? table(dir.resolve("text")) : Map.of();
    List<KaldiArchive.ScpEntry> entries = KaldiArchive.readScp(scp);
    List<String> skipped = new ArrayList<>();
    Map<String, FloatMatrix> feats = readFeatures(dir, entries, skipped);
    Map<String, Cmvn.CmvnStats> stats = speakerStats(feats, utt2spk);
    Lexicon first = lexicon == null ? null : lexicon.firstPronunciationOnly();
    List<Item> items = new ArrayList<>();
    Map<String, String> missingUnit = new LinkedHashMap<>();
    for (Map.Entry<String, FloatMatrix> f : feats.entrySet()) {
      String id = f.getKey();
      if (!utt2spk.containsKey(id)) {
        skipped.add(id + ": not in utt2spk");
        continue;
      }
      int[] targets = new int[0];
      if (withText) {
        String t = text.get(id);
        if (t == null) {
          skipped.add(id + ": no transcript in text");
          continue;
        }
        List<String> phones = new ArrayList<>();
        String missing = null;
        for (String w : KaldiTables.fields(t)) {
          List<List<String>> p = first.pronunciations(w);
          if (p.isEmpty()) {
            missing = w;
            break;
          }
          phones.addAll(p.get(0));
        }
        if (missing != null) {
          skipped.add(id + ": word '" + missing + "' not in the lexicon");
          continue;
        }
        String unknown = phones.stream().filter(p -> !units.contains(p)).findFirst().orElse(null);
        if (unknown != null) {
          skipped.add(id + ": phone '" + unknown + "' not in units.txt");
          missingUnit.put(id, unknown);
          continue;
        }
        targets = units.encode(phones);
      }
      FloatMatrix m = f.getValue();
      if (m.rows() == 0) {
        skipped.add(id + ": no frames");
        continue;
      }
      items.add(new Item(id, Cmvn.apply(m, stats.get(utt2spk.get(id)), normVars), targets));
    }
    UnitCoverage.check(
        units.source().orElse(dir.resolve("text")),
        feats.size(),
        missingUnit,
        UnitCoverage.MAX_SKIPPED_SHARE);
    return new Corpus(items, skipped);
  }

  /**
   * The matrices of {@code feats.scp} by utterance; an unreadable or non-finite matrix, or one
   * whose dimension differs from the first, is skipped with its reason (a missing archive still
   * fails).
   */
  private static Map<String, FloatMatrix> readFeatures(
      Path dir, List<KaldiArchive.ScpEntry> entries, List<String> skipped) throws IOException {
    Map<String, FloatMatrix> feats = new LinkedHashMap<>();
    int dim = -1;
    for (KaldiArchive.ScpEntry e : entries) {
      KaldiArchive.ScpEntry resolved =
          e.archive().isAbsolute()
              ? e
              : new KaldiArchive.ScpEntry(e.key(), resolve(dir, e.archive()), e.offset());
      // one bad matrix costs its utterance, not the run (a missing archive still fails:
      // IOException)
      FloatMatrix m;
      try {
        m = KaldiArchive.read(resolved);
      } catch (AsrInputException | RuntimeException x) {
        skipped.add(reason(e.key(), x.getMessage()));
        continue;
      }
      String bad = nonFinite(m);
      if (bad != null) {
        skipped.add(
            reason(
                e.key(),
                resolved.archive() + " (byte " + resolved.offset() + "): features hold " + bad));
        continue;
      }
      if (m.rows() > 0 && dim < 0) {
        dim = m.cols();
      } else if (m.rows() > 0 && m.cols() != dim) {
        skipped.add(
            reason(
                e.key(),
                resolved.archive()
                    + " (byte "
                    + resolved.offset()
                    + "): "
                    + m.cols()
                    + " feature dims, the first utterance has "
                    + dim));
        continue;
      }
      feats.put(e.key(), m);
    }
    return feats;
  }

  /** CMVN statistics per speaker. */
  private static Map<String, Cmvn.CmvnStats> speakerStats(
      Map<String, FloatMatrix> feats, Map<String, String> utt2spk) {
    // per-speaker statistics over every utterance the speaker has here (Kaldi's compute-cmvn-stats
    // --spk2utt), so held-out and training utterances of one speaker share them
    Map<String, List<FloatMatrix>> bySpeaker = new LinkedHashMap<>();
    for (Map.Entry<String, FloatMatrix> f : feats.entrySet()) {
      String spk = utt2spk.getOrDefault(f.getKey(), f.getKey());
      bySpeaker.computeIfAbsent(spk, k -> new ArrayList<>()).add(f.getValue());
    }
    Map<String, Cmvn.CmvnStats> stats = new HashMap<>();
    bySpeaker.forEach(
        (spk, list) -> {
          Cmvn.CmvnStats s = Cmvn.CmvnStats.zeros(list.get(0).cols());
          for (FloatMatrix m : list) {
            Cmvn.accumulate(s, m);
          }
          stats.put(spk, s);
        });
    return stats;
  }

  /** A skipped line {@code id: reason} of at most 200 characters. */
  static String reason(String id, String why) {
    return Messages.reason(id + ": " + (why == null ? "unreadable" : why));
  }

  /** "NaN at frame t" / "Infinity at frame t", or null when every value is finite. */
  private static String nonFinite(FloatMatrix m) {
    float[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      if (!Float.isFinite(d[i])) {
        return d[i] + " at frame " + (i / Math.max(1, m.cols()));
      }
    }
    return null;
  }

  /** Splits off a seeded fraction of utterances as held-out data: (train, heldOut). */
  public List<Corpus> split(double heldOutFraction, long seed) {
    List<Item> shuffled = new ArrayList<>(items);
    Random r = Seeds.random(seed, "held-out-split");
    Seeds.shuffle(shuffled, r);
    int n = (int) Math.round(items.size() * heldOutFraction);
    if (heldOutFraction > 0 && n == 0 && items.size() > 1) {
      n = 1;
    }
    List<Item> held = new ArrayList<>(shuffled.subList(0, n));
    List<Item> train = new ArrayList<>(shuffled.subList(n, shuffled.size()));
    held.sort((a, b) -> a.id().compareTo(b.id()));
    train.sort((a, b) -> a.id().compareTo(b.id()));
    return List.of(new Corpus(train, skipped), new Corpus(held, List.of()));
  }

  private static Path resolve(Path dir, Path archive) {
    // Kaldi scp paths are relative to the working directory; also try relative to the data dir
    return Files.exists(archive) ? archive : dir.resolve(archive);
  }

  private static Map<String, String> table(Path file) throws IOException, AsrInputException {
    if (!Files.exists(file)) {
      throw AsrInputException.inFile(file, "missing; a data dir needs it for training");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (TableLine l : KaldiTables.readLines(file)) {
      if (!l.key().isEmpty()) {
        m.put(l.key(), l.rest());
      }
    }
    return m;
  }
}

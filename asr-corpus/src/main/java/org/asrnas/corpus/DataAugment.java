package org.asrnas.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.FileAndChannel;
import org.asrnas.core.data.Ids;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.WavEntry;

/**
 * Augmented copies of a data directory, named as Kaldi names them: speed perturbation as in {@code
 * utils/data/perturb_data_dir_speed.sh} (utterances, speakers and recordings prefixed {@code
 * sp0.9-}, audio through {@code sox ... speed 0.9}, segment times divided by the factor) and
 * additive noise at a random SNR (prefix {@code noise-}, audio written to files).
 */
public final class DataAugment {
  private DataAugment() {}

  /** Kaldi's prefix for a speed factor: {@code sp0.9-}, {@code sp1.1-}. */
  public static String speedPrefix(double speed) {
    return "sp" + BigDecimal.valueOf(speed).stripTrailingZeros().toPlainString() + "-";
  }

  /**
   * A speed-perturbed copy whose {@code wav.scp} entries are sox pipes (factor 1 returns {@code
   * in}).
   */
  public static DataDir speed(DataDir in, double speed) {
    Checks.checkInRange(speed, 0.5, 2.0, "speed");
    if (speed == 1.0) {
      return in;
    }
    String p = speedPrefix(speed);
    String factor = BigDecimal.valueOf(speed).stripTrailingZeros().toPlainString();
    SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    in.wavScp()
        .forEach(
            (k, v) -> {
              String cmd =
                  v.isPipe() && SoxAudio.sph2pipeChannel(v).isEmpty()
                      ? v.command() + " | sox -R -t wav - -t wav - speed " + factor + " |"
                      : SoxAudio.wavCommand(v) + " speed " + factor + " |";
              wav.put(p + k, new WavEntry(p + k, cmd));
            });
    return prefixed(in, p, wav, 1 / speed);
  }

  private static DataDir prefixed(
      DataDir in, String p, SortedMap<String, WavEntry> wav, double timeScale) {
    SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
    in.text().forEach((k, v) -> text.put(p + k, v));
    SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
    in.utt2spk().forEach((k, v) -> utt2spk.put(p + k, p + v));
    SortedMap<String, Segment> seg = new TreeMap<>(KaldiOrder.IDS);
    in.segments()
        .forEach(
            (k, v) ->
                seg.put(
                    p + k,
                    new Segment(
                        p + k,
                        p + v.recordingId(),
                        round(v.startSeconds() * timeScale),
                        v.endSeconds() < 0 ? -1 : round(v.endSeconds() * timeScale))));
    SortedMap<String, FileAndChannel> r2f = new TreeMap<>(KaldiOrder.IDS);
    in.reco2FileAndChannel()
        .forEach(
            (k, v) -> r2f.put(p + k, new FileAndChannel(p + k, p + v.fileName(), v.channel())));
    return new DataDir(wav, text, utt2spk, seg, r2f);
  }

  private static double round(double s) {
    return Math.round(s * 1000) / 1000.0;
  }

  /**
   * The utterances of a directory without segments split in two by a seeded draw per utterance:
   * {@code selected} holds each utterance with probability {@code share} (the draw depends only on
   * the seed and the utterance id, so it does not change with the rest of the directory), {@code
   * rest} the others. Used to make a training set of which a share is noisy.
   */
  public static Split split(DataDir in, double share, long seed) {
    Checks.checkInRange(share, 0.0, 1.0, "share");
    Checks.checkArgument(in.segments().isEmpty(), "split needs a directory without segments");
    SortedMap<String, String> selected = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> rest = new TreeMap<>(KaldiOrder.IDS);
    for (Map.Entry<String, String> e : in.utt2spk().entrySet()) {
      boolean pick = Seeds.random(seed, "split." + e.getKey()).nextDouble() < share;
      (pick ? selected : rest).put(e.getKey(), e.getValue());
    }
    return new Split(subset(in, selected), subset(in, rest));
  }

  /** The two parts of {@link #split}. */
  public record Split(DataDir selected, DataDir rest) {}

  private static DataDir subset(DataDir in, SortedMap<String, String> utt2spk) {
    SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, FileAndChannel> r2f = new TreeMap<>(KaldiOrder.IDS);
    for (String u : utt2spk.keySet()) {
      wav.put(u, in.wavScp().get(u));
      if (in.text().containsKey(u)) {
        text.put(u, in.text().get(u));
      }
      if (in.reco2FileAndChannel().containsKey(u)) {
        r2f.put(u, in.reco2FileAndChannel().get(u));
      }
    }
    return new DataDir(wav, text, utt2spk, new TreeMap<>(), r2f);
  }

  /** The union of data directories with disjoint ids. */
  public static DataDir combine(List<DataDir> dirs) {
    SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, Segment> seg = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, FileAndChannel> r2f = new TreeMap<>(KaldiOrder.IDS);
    for (DataDir d : dirs) {
      for (String u : d.utt2spk().keySet()) {
        Checks.checkArgument(!utt2spk.containsKey(u), "utterance %s occurs twice", u);
      }
      wav.putAll(d.wavScp());
      text.putAll(d.text());
      utt2spk.putAll(d.utt2spk());
      seg.putAll(d.segments());
      r2f.putAll(d.reco2FileAndChannel());
    }
    return new DataDir(wav, text, utt2spk, seg, r2f);
  }

  /**
   * A noisy copy: every recording mixed with an excerpt of a seeded noise type at a seeded offset
   * and an SNR drawn uniformly from [snrMinDb, snrMaxDb] (each drawn from a generator derived from
   * the seed and the recording id, so results do not depend on order or parallelism), written as
   * 16-bit SPHERE to {@code audioDir/<prefix><recording>.sph}. Existing audio files are kept.
   * Recording ids must be usable as file names ({@link Ids}; {@link DataDir#load} checks them with
   * the file and line), so no file is written outside {@code audioDir}.
   */
  public static Noisy addNoise(
      DataDir in,
      Path audioDir,
      NoiseBank bank,
      double snrMinDb,
      double snrMaxDb,
      long seed,
      String prefix,
      int jobs)
      throws IOException {
    Checks.checkArgument(snrMaxDb >= snrMinDb, "SNR range %s:%s is empty", snrMinDb, snrMaxDb);
    Path audio = audioDir.toAbsolutePath().normalize();
    SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> snrs = new TreeMap<>(KaldiOrder.IDS);
    List<String> types = bank.types();
    ExecutorService pool = Executors.newFixedThreadPool(Checks.checkPositive(jobs, "jobs"));
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (Map.Entry<String, WavEntry> e : in.wavScp().entrySet()) {
        String reco = Ids.checkFileSafe(prefix + e.getKey());
        Random r = Seeds.random(seed, "noise." + e.getKey());
        String type = types.get(r.nextInt(types.size()));
        int offset = r.nextInt(bank.signal(type).length);
        double snr = snrMinDb + (snrMaxDb - snrMinDb) * r.nextDouble();
        Path out = audio.resolve(reco + ".sph");
        wav.put(reco, new WavEntry(reco, out.toString()));
        snrs.put(reco, String.format(Locale.ROOT, "%.2f %s", snr, type));
        if (Files.exists(out)) {
          continue;
        }
        fs.add(
            pool.submit(
                () -> {
                  try {
                    short[] s = SoxAudio.readMono(e.getValue(), bank.rateHz());
                    SoxAudio.writeSphere(
                        bank.mix(s, type, offset, snr), 1, bank.rateHz(), false, out);
                  } catch (IOException x) {
                    throw new UncheckedIOException(x);
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", x);
    } catch (ExecutionException x) {
      if (x.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException(x.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Noisy(prefixed(in, prefix, wav, 1.0), snrs);
  }

  /**
   * A noisy copy and, per recording, its SNR in dB and noise type ({@code reco2snr}).
   *
   * @param dir the data directory
   * @param reco2snr recording id to {@code snr type}
   */
  public record Noisy(DataDir dir, SortedMap<String, String> reco2snr) {
    /** Writes the directory and {@code reco2snr}. */
    public void write(Path outDir) throws IOException {
      dir.write(outDir);
      KaldiTables.writeTable(outDir.resolve("reco2snr"), reco2snr);
    }
  }
}

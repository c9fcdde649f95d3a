package org.asrnas.frontend.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.Messages;
import org.asrnas.core.Seeds;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.DataDirValidator;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.data.TableLine;
import org.asrnas.core.data.Utterance;
import org.asrnas.core.data.WavEntry;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.audio.PipeLimits;
import org.asrnas.frontend.audio.Resampler;
import org.asrnas.frontend.features.Cmvn;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.frontend.features.FbankConfig;

/**
 * Extracts fbank features for every utterance of a data directory, as Kaldi's {@code make_fbank.sh}
 * + {@code compute_cmvn_stats.sh} do. Utterances (in id order) are split into shards; each shard is
 * written by one worker to {@code feats.N.ark} and finished by writing {@code feats.N.scp}
 * atomically, so a rerun skips every shard whose scp exists. An utterance that cannot be read is
 * skipped and reported ({@code skipped.txt}: id, tab, a reason of at most {@value
 * #MAX_REASON_CHARS} characters naming the file and byte offset when known); the others finish. Any
 * exception from one utterance's input is isolated so, not only input errors: a bug or a resource
 * limit hit by one file must not lose the run. Results: {@code feats.scp}, {@code utt2num_frames},
 * {@code cmvn.ark}/{@code cmvn.scp} per speaker, {@code cmvn_global.ark}/{@code .scp} (all
 * speakers, key {@code global}), {@code fbank.json} (the resolved config) and {@code skipped.txt}.
 *
 * <p>Over 400 lines because sharding, the per-utterance skip-and-report, atomic shard completion
 * and the CMVN statistics are one resumable job whose invariants (a shard is done when its scp
 * exists) must hold across all of them.
 */
public final class FeatureExtraction {
  private FeatureExtraction() {}

  /** Longest reason written to {@code skipped.txt}. */
  public static final int MAX_REASON_CHARS = Messages.MAX_REASON_CHARS;

  /**
   * @param data the Kaldi data directory
   * @param out output directory (created)
   * @param config fbank options; audio at another rate is skipped unless {@code allowResample}
   * @param jobs worker threads
   * @param seed root seed; utterance u dithers with {@code Seeds.derive(seed, "dither/" + u)}
   * @param shards number of archives; 0 picks {@code clamp(ceil(utterances / 100), 1, 64)}
   * @param allowResample resample audio whose rate differs from {@code sampleFrequency}
   * @param pipeLimits timeout and output limit of {@code wav.scp} shell pipes
   */
  public record Options(
      Path data,
      Path out,
      FbankConfig config,
      int jobs,
      long seed,
      int shards,
      boolean allowResample,
      PipeLimits pipeLimits) {
    public Options {
      Checks.checkNotNull(data, "data");
      Checks.checkNotNull(out, "out");
      Checks.checkNotNull(config, "config");
      Checks.checkArgument(jobs >= 1, "jobs must be >= 1, got %s", jobs);
      Checks.checkArgument(shards >= 0, "shards must be >= 0, got %s", shards);
      Checks.checkNotNull(pipeLimits, "pipeLimits");
    }

    /** Options with the default {@link PipeLimits}. */
    public Options(
        Path data,
        Path out,
        FbankConfig config,
        int jobs,
        long seed,
        int shards,
        boolean allowResample) {
      this(data, out, config, jobs, seed, shards, allowResample, PipeLimits.defaults());
    }

    public Options withPipeLimits(PipeLimits v) {
      return new Options(data, out, config, jobs, seed, shards, allowResample, v);
    }
  }

  /** Reads a recording; {@link AudioReader} outside tests. */
  @FunctionalInterface
  interface RecordingReader {
    Audio read(WavEntry entry, PipeLimits limits) throws IOException, AsrInputException;
  }

  /** Receives progress: {@code start} once, {@code step} per utterance (from worker threads). */
  public interface Progress {
    void start(long totalUtterances, long alreadyDone);

    void step(long frames);

    void finish();

    /** Discards progress. */
    static Progress none() {
      return new Progress() {
        @Override
        public void start(long total, long done) {}

        @Override
        public void step(long frames) {}

        @Override
        public void finish() {}
      };
    }
  }

  /** An utterance that was not extracted, and why. */
  public record Skipped(String utteranceId, String reason) {}

  /**
   * What a run did.
   *
   * @param utterances in the data directory
   * @param extracted utterances with features
   * @param frames total frames written (this run and resumed shards)
   * @param shardsResumed shards found finished and not redone
   */
  public record Result(
      int utterances,
      int extracted,
      long frames,
      List<Skipped> skipped,
      int shards,
      int shardsResumed) {}

  public static Result run(Options o, Progress progress) throws IOException, AsrInputException {
    return run(o, progress, AudioReader::read);
  }

  static Result run(Options o, Progress progress, RecordingReader reader)
      throws IOException, AsrInputException {
    DataDir d = load(o.data());
    List<Utterance> utts = d.utterances();
    Files.createDirectories(o.out());
    int n = utts.size();
    int shards = o.shards() > 0 ? o.shards() : Math.max(1, Math.min(64, (n + 99) / 100));
    shards = Math.max(1, Math.min(shards, Math.max(1, n)));
    checkResumable(o, shards);
    List<List<Utterance>> parts = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      parts.add(utts.subList((int) ((long) n * s / shards), (int) ((long) n * (s + 1) / shards)));
    }
    int resumed = 0;
    long alreadyDone = 0;
    List<Integer> todo = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      if (Files.exists(shardScp(o.out(), s))) {
        resumed++;
        alreadyDone += parts.get(s).size();
      } else {
        todo.add(s);
      }
    }
    Fbank fbank = new Fbank(o.config());
    progress.start(n, alreadyDone);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            o.jobs(),
            r -> {
              Thread t = new Thread(r, "features");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Void>> fs = new ArrayList<>();
      for (int s : todo) {
        fs.add(pool.submit(() -> runShard(o, fbank, s, parts.get(s), progress, reader)));
      }
      for (Future<Void> f : fs) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof IOException io) {
            throw io;
          }
          if (c instanceof AsrInputException ai) {
            throw ai;
          }
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IOException(c);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
      progress.finish();
    }
    return merge(o, d, shards, resumed);
  }

  /** Loads and validates the directory; features need no transcripts, so text is optional. */
  static DataDir load(Path dir) throws IOException, AsrInputException {
    DataDirValidator.Report report =
        DataDirValidator.validate(dir, DataDirValidator.Options.defaults().withRequireText(false));
    if (!report.isValid()) {
      DataDirValidator.Problem first = report.errors().get(0);
      throw AsrInputException.atLine(
          first.file(),
          first.line(),
          first.message()
              + (report.errors().size() > 1
                  ? " (and " + (report.errors().size() - 1) + " more; run `asr data validate`)"
                  : ""));
    }
    return report.dataDir().orElseThrow();
  }

  private static Path shardArk(Path out, int s) {
    return out.resolve("feats." + (s + 1) + ".ark");
  }

  private static Path shardScp(Path out, int s) {
    return out.resolve("feats." + (s + 1) + ".scp");
  }

  private static Path shardSkipped(Path out, int s) {
    return out.resolve("skipped." + (s + 1) + ".txt");
  }

  /** A rerun must use the same config and sharding, or finished shards would not match. */
  private static void checkResumable(Options o, int shards) throws IOException, AsrInputException {
    Path cfg = o.out().resolve("fbank.json");
    Path meta = o.out().resolve("shards");
    String json = o.config().toJson() + "\n";
    String m = String.format(Locale.ROOT, "shards %d seed %d%n", shards, o.seed());
    if (Files.exists(cfg) || Files.exists(meta)) {
      if (!Files.exists(cfg)
          || !Files.readString(cfg).equals(json)
          || !Files.exists(meta)
          || !Files.readString(meta).equals(m)) {
        throw AsrInputException.inFile(
            o.out(),
            "holds features made with another config, seed or shard count; "
                + "use another --out, or delete it to start over");
      }
      return;
    }
    Files.writeString(cfg, json);
    Files.writeString(meta, m);
  }

  private static Void runShard(
      Options o,
      Fbank fbank,
      int s,
      List<Utterance> utts,
      Progress progress,
      RecordingReader reader)
      throws IOException {
    List<String> skipped = new ArrayList<>();
    WavEntry lastEntry = null;
    Audio lastAudio = null;
    KaldiArchive.Writer w = new KaldiArchive.Writer(shardArk(o.out(), s));
    try (w) {
      for (Utterance u : utts) {
        FloatMatrix f = null;
        Path source = AudioReader.source(u.audio());
        try {
          Audio a;
          // Utterances of one recording are adjacent in id order (Kaldi's naming): read it once.
          if (u.segment().isPresent()) {
            if (!u.audio().equals(lastEntry)) {
              lastAudio = null;
              lastEntry = u.audio();
              lastAudio = reader.read(u.audio(), o.pipeLimits());
            }
            a = AudioReader.applySegment(lastAudio, u.segment().get(), source);
          } else {
            lastEntry = null;
            lastAudio = null;
            a = reader.read(u.audio(), o.pipeLimits());
          }
          f = features(o, fbank, u, a, source);
        } catch (AsrInputException e) {
          f = null;
          skipped.add(u.id() + "\t" + reason(e.getMessage()));
        } catch (IOException e) {
          // Reading this utterance's audio failed (a pipe, a permission): skip it. Errors writing
          // the archive below are not caught: they stop the run.
          f = null;
          skipped.add(u.id() + "\t" + reason(source + ": " + e));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
          // Not expected (inputs are bounded before allocation), but one file must not lose the
          // run: the failed allocation or frame is gone, so the next utterance starts clean.
          f = null;
          lastEntry = null;
          lastAudio = null;
          skipped.add(
              u.id()
                  + "\t"
                  + reason(
                      source
                          + ": "
                          + (e instanceof OutOfMemoryError
                              ? "out of memory (" + e.getMessage() + "); raise -Xmx or cut it"
                              : "unexpected " + e + " (please report this file)")));
        }
        if (f != null) {
          w.write(u.id(), f);
        }
        progress.step(f == null ? 0 : f.rows());
      }
    }
    KaldiTables.writeLinesAtomically(shardSkipped(o.out(), s), skipped);
    // Written last and atomically: its presence marks the shard finished for a rerun.
    KaldiArchive.writeScp(shardScp(o.out(), s), w.entries());
    return null;
  }

  private static FloatMatrix features(Options o, Fbank fbank, Utterance u, Audio a, Path source)
      throws AsrInputException {
    if (a.numChannels() != 1) {
      throw AsrInputException.inFile(
          source,
          "audio has "
              + a.numChannels()
              + " channels; select one in wav.scp (sph2pipe -c N ... | or sox ... remix N |)");
    }
    int rate = (int) o.config().sampleFrequency();
    if (a.sampleRateHz() != rate) {
      if (!o.allowResample()) {
        throw AsrInputException.inFile(
            source,
            "audio is "
                + a.sampleRateHz()
                + " Hz, the config wants "
                + rate
                + " Hz; set sampleFrequency or allow resampling");
      }
      a = Resampler.resample(a, rate, source);
    }
    FloatMatrix f = fbank.compute(a, Seeds.derive(o.seed(), "dither/" + u.id()));
    if (f.rows() == 0) {
      throw AsrInputException.inFile(
          source,
          String.format(Locale.ROOT, "too short for one frame (%.3f s)", a.durationSeconds()));
    }
    return f;
  }

  /** One line of at most {@link #MAX_REASON_CHARS} characters (tabs would split the line). */
  static String reason(String message) {
    return Messages.reason(String.valueOf(message));
  }

  private static Result merge(Options o, DataDir d, int shards, int resumed)
      throws IOException, AsrInputException {
    SortedMap<String, KaldiArchive.ScpEntry> all = new TreeMap<>(KaldiOrder.IDS);
    List<Skipped> skipped = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      for (KaldiArchive.ScpEntry e : KaldiArchive.readScp(shardScp(o.out(), s))) {
        all.put(e.key(), e);
      }
      Path sk = shardSkipped(o.out(), s);
      if (Files.exists(sk)) {
        for (String line : Files.readAllLines(sk)) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            skipped.add(new Skipped(line.substring(0, tab), line.substring(tab + 1)));
          }
        }
      }
    }
    KaldiArchive.writeScp(o.out().resolve("feats.scp"), new ArrayList<>(all.values()));
    SortedMap<String, Cmvn.CmvnStats> bySpeaker = new TreeMap<>(KaldiOrder.IDS);
    List<String> numFrames = new ArrayList<>();
    AtomicLong frames = new AtomicLong();
    for (Map.Entry<String, KaldiArchive.ScpEntry> e : all.entrySet()) {
      FloatMatrix f = KaldiArchive.read(e.getValue());
      numFrames.add(e.getKey() + " " + f.rows());
      frames.addAndGet(f.rows());
      String spk = d.utt2spk().get(e.getKey());
      if (spk == null) {
        continue;
      }
      Cmvn.CmvnStats st = bySpeaker.computeIfAbsent(spk, k -> Cmvn.CmvnStats.zeros(f.cols()));
      Cmvn.accumulate(st, f);
    }
    KaldiTables.writeLinesAtomically(o.out().resolve("utt2num_frames"), numFrames);
    Cmvn.write(o.out().resolve("cmvn.ark"), o.out().resolve("cmvn.scp"), bySpeaker);
    if (!bySpeaker.isEmpty()) {
      // Global statistics, one entry keyed "global" (compute-cmvn-stats scp:feats.scp global.ark).
      Cmvn.write(
          o.out().resolve("cmvn_global.ark"),
          o.out().resolve("cmvn_global.scp"),
          Map.of("global", Cmvn.merge(new ArrayList<>(bySpeaker.values()))));
    }
    skipped.sort((a, b) -> KaldiOrder.IDS.compare(a.utteranceId(), b.utteranceId()));
    List<String> report = new ArrayList<>();
    for (Skipped s : skipped) {
      report.add(s.utteranceId() + "\t" + s.reason());
    }
    KaldiTables.writeLinesAtomically(o.out().resolve("skipped.txt"), report);
    return new Result(
        d.utt2spk().size(),
        all.size(),
        frames.get(),
        Collections.unmodifiableList(skipped),
        shards,
        resumed);
  }

  /** Reads {@code utt2num_frames} (for callers that bucket by length). */
  public static SortedMap<String, Integer> readNumFrames(Path file)
      throws IOException, AsrInputException {
    SortedMap<String, Integer> out = new TreeMap<>(KaldiOrder.IDS);
    for (TableLine l : KaldiTables.readLines(file)) {
      if (l.key().isEmpty()) {
        continue;
      }
      try {
        out.put(l.key(), Integer.parseInt(l.rest()));
      } catch (NumberFormatException e) {
        throw AsrInputException.atLine(
            file, l.lineNumber(), "frame count '" + l.rest() + "' is not a number");
      }
    }
    return out;
  }
}

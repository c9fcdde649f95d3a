package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.DeviceSpec;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.WavEntry;
import org.asrnas.frontend.extract.FeatureExtraction;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.nas.Devices;
import org.asrnas.nas.train.Inference;
import org.asrnas.nas.train.ModelFile;
import org.asrnas.recognizer.Recognizer;

/**
 * The model half of {@code asr decode --model}: audio files or a data dir become a work data dir,
 * features are computed with the options the model was trained with (stored in a model file of
 * format 3, else {@code fbank.json} beside the model), and the model writes log-probabilities that
 * the decoder then reads. Only wiring of the library's stages; every step is the same code that
 * {@code asr features} and {@code asr infer} run.
 *
 * @param logprobs the scp of the model's log-probabilities
 * @param units the model's units.txt
 * @param frameShiftMs time per log-probability row (feature shift times subsampling)
 * @param audioSeconds duration of all decoded audio
 * @param startNanos when preparation started, for the end-to-end real-time factor
 * @param temporary the work dir to delete on close, or null to keep it
 */
record ModelRun(
    Path logprobs,
    Path units,
    double frameShiftMs,
    double audioSeconds,
    long startNanos,
    Path temporary)
    implements AutoCloseable {

  static ModelRun prepare(
      Path model,
      Path data,
      List<Path> files,
      Path fbankConfig,
      Path workDir,
      DeviceSpec device,
      int threads,
      PrintWriter err)
      throws IOException, AsrInputException {
    long start = System.nanoTime();
    if (!Files.exists(model)) {
      throw AsrInputException.inFile(
          model,
          "no such model: give the run directory of asr train or asr nas run (with final.model"
              + " and fbank.json), or its .model file");
    }
    Path modelDir = Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
    Path cfgFile = fbankConfig != null ? fbankConfig : modelDir.resolve("fbank.json");
    Path modelFile = Files.isDirectory(model) ? model.resolve("final.model") : model;
    // A model file of format 3 holds its fbank options; older ones need the side file.
    Path unitsFile = modelDir.resolve("units.txt");
    Optional<ModelFile.Summary> summary =
        Files.isRegularFile(modelFile) && (!Files.exists(cfgFile) || !Files.exists(unitsFile))
            ? Optional.of(ModelFile.summary(modelFile))
            : Optional.empty();
    Optional<FbankConfig> stored =
        fbankConfig == null && !Files.exists(cfgFile)
            ? summary.flatMap(m -> m.pipeline().frontend())
            : Optional.empty();
    if (!Files.exists(cfgFile) && stored.isEmpty()) {
      throw AsrInputException.inFile(
          cfgFile,
          "missing: the feature options of the model are unknown; give --fbank-config with the"
              + " fbank.json that asr features wrote for the training data");
    }
    FbankConfig cfg = stored.isPresent() ? stored.get() : FbankConfig.read(cfgFile);
    // java.io.tmpdir read now (Files.createTempDirectory(prefix) caches it at first use).
    Path work =
        workDir != null
            ? workDir
            : Files.createTempDirectory(
                Path.of(System.getProperty("java.io.tmpdir")), "asr-decode");
    Path temporary = workDir == null ? work : null;
    Thread cleanup = temporary == null ? null : cleanupOnExit(temporary);
    try {
      Path units = unitsFile;
      if (!Files.exists(unitsFile) && summary.isPresent()) {
        // a model file alone: its own units, written for the decoder
        Files.createDirectories(work);
        units = work.resolve("units.txt");
        summary.get().units().write(units);
      }
      return run(model, data, files, cfg, work, device, threads, err, start, units, temporary);
    } catch (Throwable t) {
      // Nothing refers to the work dir once preparation failed: remove it on every exit path.
      if (temporary != null) {
        try {
          deleteTree(temporary);
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IOException | RuntimeException x) {
          t.addSuppressed(x);
        }
      }
      throw t;
    }
  }

  private static ModelRun run(
      Path model,
      Path data,
      List<Path> files,
      FbankConfig cfg,
      Path work,
      DeviceSpec device,
      int threads,
      PrintWriter err,
      long start,
      Path units,
      Path temporary)
      throws IOException, AsrInputException {
    Path dir = work.resolve("data");
    DataDir input = data != null ? DataDir.load(data) : fromFiles(files);
    input.write(dir);
    FeatureExtraction.Result feats =
        FeatureExtraction.run(
            new FeatureExtraction.Options(dir, dir, cfg, Math.max(1, threads), 0L, 0, true),
            new FeatureExtraction.Progress() {
              @Override
              public void start(long totalUtterances, long alreadyDone) {}

              @Override
              public void step(long frames) {}

              @Override
              public void finish() {}
            });
    feats.skipped().forEach(s -> err.println("skipped " + s.utteranceId() + ": " + s.reason()));
    if (feats.extracted() == 0) {
      throw AsrInputException.inFile(
          data != null ? data : files.get(0), "no utterance could be read; see the messages above");
    }
    Devices.setThreads(Math.max(1, threads));
    var djlDevice = Devices.toDjl(device);
    Path scp;
    try {
      scp =
          Inference.run(
              model, dir, work.resolve("logprobs"), djlDevice, 20000, n -> {}, m -> err.println(m));
    } catch (IllegalArgumentException e) {
      // What the model loader rejects (an unknown op, a shape that does not fit) is the model
      // file's content, not a command-line mistake: exit 1 with the model's path.
      throw new AsrInputException(model, 0, -1, e.getMessage(), e);
    }
    long rows = 0;
    for (var e : org.asrnas.core.io.KaldiArchive.readScp(scp)) {
      rows += org.asrnas.core.io.KaldiArchive.read(e).rows();
    }
    double audioSeconds = feats.frames() * cfg.frameShiftMs() / 1000.0;
    double subsampling = rows == 0 ? 1 : Math.max(1, Math.round((double) feats.frames() / rows));
    err.printf(
        Locale.ROOT,
        "model: %d utterances, %.1f s of audio, %d feature frames -> %d output frames%n",
        feats.extracted(),
        audioSeconds,
        feats.frames(),
        rows);
    err.flush();
    return new ModelRun(
        scp, units, cfg.frameShiftMs() * subsampling, audioSeconds, start, temporary);
  }

  /** Each file becomes one utterance and one speaker, named after the file. */
  static DataDir fromFiles(List<Path> files) throws AsrInputException {
    SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
    for (Map.Entry<String, Path> e : fileIds(files).entrySet()) {
      String id = e.getKey();
      wav.put(id, new WavEntry(id, e.getValue().toAbsolutePath().toString()));
      utt2spk.put(id, id);
    }
    return new DataDir(wav, new TreeMap<>(), utt2spk, new TreeMap<>(), new TreeMap<>());
  }

  /**
   * The utterance id of every file in Kaldi id order: {@link Recognizer#utteranceId(Path)}, with
   * {@code -2}, {@code -3}, ... appended to repeats.
   */
  static SortedMap<String, Path> fileIds(List<Path> files) throws AsrInputException {
    SortedMap<String, Path> ids = new TreeMap<>(KaldiOrder.IDS);
    Map<String, Integer> seen = new HashMap<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw AsrInputException.inFile(f, "no such audio file");
      }
      String id = Recognizer.utteranceId(f);
      int n = seen.merge(id, 1, Integer::sum);
      if (n > 1) {
        id = id + "-" + n;
      }
      ids.put(id, f);
    }
    return ids;
  }

  @Override
  public void close() throws IOException {
    if (temporary != null) {
      deleteTree(temporary);
    }
  }

  /**
   * Deletes the work dir when the JVM exits before {@link #close} (Ctrl-C); a no-op once the dir is
   * gone.
   */
  private static Thread cleanupOnExit(Path dir) {
    Thread t =
        new Thread(
            () -> {
              try {
                deleteTree(dir);
              } catch (IOException | RuntimeException e) {
                // best effort while the JVM shuts down
              }
            },
            "asr-decode-cleanup");
    Runtime.getRuntime().addShutdownHook(t);
    return t;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

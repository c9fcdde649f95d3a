package org.asrnas.nas.search;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.AtomicFiles;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.train.TrainingData;

/**
 * A finished warm-up taken over from another run dir. The warm-up trains the supernet's weights on
 * uniformly drawn single paths and reads none of a strategy's own settings, so runs of every
 * strategy with the same seed, data, search space and warm-up settings would compute it bit for bit
 * alike; a comparison computes it once per seed and every strategy's search starts from that one
 * ({@code asr nas run --warmup-from DIR}). What makes the warm-up is checked, not assumed: the
 * donor's config.json with the search-only settings left out, its space.json and the data paths of
 * its run.json must equal the new run's, and its warm-up must have ended (a stop rule in the last
 * row of warmup.csv).
 */
final class SharedWarmup {
  private SharedWarmup() {}

  /** The files of a warm-up: the checkpoints of the last and of the best epoch, and its log. */
  static final List<String> FILES = List.of("warmup.ckpt", "warmup.best.ckpt", "warmup.csv");

  /** SearchConfig fields the warm-up does not read: they may differ between donor and run. */
  static final Set<String> SEARCH_ONLY =
      Set.of(
          "alphaLr",
          "searchMaxEpochs",
          "searchLrDrops",
          "lrDecayFactor",
          "costKind",
          "costLambda",
          "snasTauStart",
          "snasTauEnd",
          "randomArchitectures",
          "randomEpochsEach",
          "threads",
          "logEverySteps");

  /**
   * Checks that {@code from} holds a finished warm-up of the same seed, data, space and warm-up
   * settings as the new run in {@code out}, then copies its warm-up files there (each atomically).
   *
   * @throws AsrInputException naming the donor's file and what differs
   */
  static void adopt(
      Path from, Path out, SearchConfig cfg, ArchitectureSpec space, TrainingData data)
      throws IOException, AsrInputException {
    Path cfgFile = from.resolve("config.json");
    if (!Files.exists(cfgFile)) {
      throw AsrInputException.inFile(cfgFile, "missing: --warmup-from must name a search run dir");
    }
    JsonObject theirs = JsonParser.parseString(Files.readString(cfgFile)).getAsJsonObject();
    JsonObject ours = JsonParser.parseString(cfg.toJson()).getAsJsonObject();
    for (String key : ours.keySet()) {
      if (!SEARCH_ONLY.contains(key) && !ours.get(key).equals(theirs.get(key))) {
        throw AsrInputException.inFile(
            cfgFile,
            "warm-up setting "
                + key
                + " is "
                + theirs.get(key)
                + " there and "
                + ours.get(key)
                + " here: the warm-up cannot be shared");
      }
    }
    Path spaceFile = from.resolve("space.json");
    if (!Files.exists(spaceFile)
        || !ArchitectureSpec.read(spaceFile).toJson().equals(space.toJson())) {
      throw AsrInputException.inFile(spaceFile, "not this run's search space");
    }
    checkData(from.resolve("run.json"), data);
    checkFinished(from);
    for (String f : FILES) {
      Path tmp = out.resolve("." + f + ".adopt.tmp");
      Files.copy(from.resolve(f), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.replace(tmp, out.resolve(f));
    }
  }

  private static void checkData(Path runJson, TrainingData data)
      throws IOException, AsrInputException {
    if (!Files.exists(runJson)) {
      throw AsrInputException.inFile(runJson, "missing: not a search run dir");
    }
    JsonObject o = JsonParser.parseString(Files.readString(runJson)).getAsJsonObject();
    JsonObject ours = new JsonObject();
    data.addTo(ours);
    for (String key : ours.keySet()) {
      if (!ours.get(key).equals(o.get(key))) {
        throw AsrInputException.inFile(
            runJson,
            key + " is " + o.get(key) + " there and " + ours.get(key) + " here: other data");
      }
    }
  }

  private static void checkFinished(Path from) throws IOException, AsrInputException {
    for (String f : FILES) {
      if (!Files.exists(from.resolve(f))) {
        throw AsrInputException.inFile(from.resolve(f), "missing: run its warm-up first");
      }
    }
    Path csv = from.resolve("warmup.csv");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    int rule = lines.isEmpty() ? -1 : List.of(lines.get(0).split(",", -1)).indexOf("stop_rule");
    String[] last = lines.size() < 2 ? new String[0] : lines.get(lines.size() - 1).split(",", -1);
    if (rule < 0 || rule >= last.length || last[rule].isEmpty()) {
      throw AsrInputException.inFile(
          csv, "the warm-up has not ended (no stop rule in its last row): finish it first");
    }
  }
}

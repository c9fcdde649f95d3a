package org.asrnas.nas.train;

import ai.djl.engine.Engine;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code run.json}: how a run was made (seed, commit, versions, data sizes). */
final class RunInfo {
  private RunInfo() {}

  static void write(
      Path file, TrainConfig cfg, Trainer.Job job, Corpus all, Corpus train, Corpus held)
      throws IOException {
    JsonObject o = new JsonObject();
    o.addProperty("seed", cfg.seed());
    o.addProperty("git_commit", gitCommit());
    o.addProperty("djl_version", Engine.getDjlVersion());
    o.addProperty(
        "engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    o.addProperty("java_version", System.getProperty("java.version"));
    o.addProperty("device", job.device().toString());
    o.addProperty("train_dir", job.trainDir().toAbsolutePath().toString());
    o.addProperty(
        "heldout",
        job.heldOutDir() == null
            ? "split " + cfg.heldOutFraction()
            : job.heldOutDir().toAbsolutePath().toString());
    o.addProperty("units", job.unitsFile().toAbsolutePath().toString());
    o.addProperty("lexicon", job.lexiconFile().toAbsolutePath().toString());
    o.addProperty("train_utterances", train.items().size());
    o.addProperty("train_frames", train.totalFrames());
    o.addProperty("heldout_utterances", held.items().size());
    o.addProperty("skipped_utterances", all.skipped().size());
    Files.writeString(
        file,
        new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n",
        StandardCharsets.UTF_8);
  }

  /** HEAD of the git checkout we run from, or "unknown" outside one. */
  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return s;
      }
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }
}

package org.asrnas.nas.train;

import ai.djl.engine.Engine;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code run.json}: how a run was made (seed, commit, versions, data sizes). */
public final class RunInfo {
  private static final String UNKNOWN = "unknown";

  private RunInfo() {}

  static void write(
      Path file, TrainConfig cfg, Trainer.Job job, Corpus all, Corpus train, Corpus held)
      throws IOException {
    JsonObject o = new JsonObject();
    addProvenance(o, cfg.seed(), job.device());
    TrainingData d = job.data();
    d.addTo(o);
    o.addProperty(
        "heldout",
        d.heldOutDir() == null
            ? "split " + cfg.heldOutFraction()
            : d.heldOutDir().toAbsolutePath().toString());
    o.addProperty("train_utterances", train.items().size());
    o.addProperty("train_frames", train.totalFrames());
    o.addProperty("heldout_utterances", held.items().size());
    o.addProperty("skipped_utterances", all.skipped().size());
    Files.writeString(
        file,
        new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n",
        StandardCharsets.UTF_8);
  }

  /**
   * Adds what every run directory records of how it was made, training and search alike: {@code
   * seed}, the toolkit's git commit ({@link #addGit}), DJL, engine and Java versions, and the
   * device.
   */
  public static void addProvenance(JsonObject o, long seed, ai.djl.Device device) {
    o.addProperty("seed", seed);
    addGit(o);
    o.addProperty("djl_version", Engine.getDjlVersion());
    o.addProperty(
        "engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    o.addProperty("java_version", System.getProperty("java.version"));
    o.addProperty("device", device.toString());
  }

  /**
   * Adds {@code git_commit} (HEAD of the toolkit's checkout, or "unknown") and, where known, {@code
   * git_dirty} (uncommitted changes in that checkout) to a run.json object.
   */
  public static void addGit(JsonObject o) {
    Optional<Path> checkout = toolkitCheckout();
    o.addProperty("git_commit", checkout.map(RunInfo::gitCommit).orElse(UNKNOWN));
    checkout.flatMap(RunInfo::gitDirty).ifPresent(d -> o.addProperty("git_dirty", d));
  }

  /** HEAD of the toolkit's git checkout (not the working directory's), or "unknown". */
  public static String gitCommit() {
    return toolkitCheckout().map(RunInfo::gitCommit).orElse(UNKNOWN);
  }

  /**
   * The git checkout the running code was built in: the first directory above this class's jar or
   * classes directory that holds {@code .git} (a directory, or a file in a worktree).
   */
  static Optional<Path> toolkitCheckout() {
    try {
      var source = RunInfo.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      return checkoutAbove(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The nearest directory at or above {@code location} holding {@code .git}. */
  static Optional<Path> checkoutAbove(Path location) {
    for (Path d = location.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** HEAD of the checkout {@code dir}, or "unknown" when git cannot tell. */
  static String gitCommit(Path dir) {
    return git(dir, "rev-parse", "HEAD").filter(s -> !s.isEmpty()).orElse(UNKNOWN);
  }

  /** Whether {@code git status --porcelain} lists anything in {@code dir}; empty when unknown. */
  static Optional<Boolean> gitDirty(Path dir) {
    return git(dir, "status", "--porcelain").map(s -> !s.isEmpty());
  }

  private static Optional<String> git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return Optional.of(s);
      }
      p.destroy();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }
}

package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunInfoTest {
  @TempDir Path tmp;

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("git", "-C", dir.toString(), "-c", "user.name=t", "-c", "user.email=t@t"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  private static boolean hasGit() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** The commit comes from the checkout the code lives in, wherever the run is started. */
  @Test
  void findsTheCheckoutAboveTheCodeNotTheWorkingDirectory() throws Exception {
    Assumptions.assumeTrue(hasGit(), "git not installed");
    Path repo = tmp.resolve("toolkit");
    Path classes = Files.createDirectories(repo.resolve("asr-nas/target/classes"));
    Files.writeString(repo.resolve(".gitignore"), "target/\n");
    Files.writeString(repo.resolve("a.txt"), "one\n");
    git(repo, "init", "-q");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "first");
    String head = git(repo, "rev-parse", "HEAD");

    assertEquals(Optional.of(repo.toAbsolutePath()), RunInfo.checkoutAbove(classes));
    assertEquals(
        Optional.of(repo.toAbsolutePath()), RunInfo.checkoutAbove(classes.resolve("x.jar")));
    assertEquals(head, RunInfo.gitCommit(repo));
    assertEquals(Optional.of(false), RunInfo.gitDirty(repo));

    Files.writeString(repo.resolve("a.txt"), "two\n");
    assertEquals(Optional.of(true), RunInfo.gitDirty(repo));
    assertEquals(head, RunInfo.gitCommit(repo), "a dirty tree keeps its HEAD");

    Path elsewhere = Files.createDirectories(tmp.resolve("not-a-checkout/lib"));
    Optional<Path> above = RunInfo.checkoutAbove(elsewhere);
    assertTrue(
        above.isEmpty() || !above.get().startsWith(tmp), "no .git below the temp dir: " + above);
    assertEquals("unknown", RunInfo.gitCommit(elsewhere));
    assertEquals(Optional.empty(), RunInfo.gitDirty(elsewhere));
  }

  /** This build's own classes: run.json names the toolkit's HEAD and whether it was dirty. */
  @Test
  void runJsonRecordsTheToolkitCommitAndDirtiness() throws Exception {
    Assumptions.assumeTrue(hasGit(), "git not installed");
    Optional<Path> checkout = RunInfo.toolkitCheckout();
    Assumptions.assumeTrue(checkout.isPresent(), "built outside a git checkout");
    JsonObject o = new JsonObject();
    RunInfo.addGit(o);
    assertEquals(git(checkout.get(), "rev-parse", "HEAD"), o.get("git_commit").getAsString());
    assertEquals(
        !git(checkout.get(), "status", "--porcelain").isEmpty(), o.get("git_dirty").getAsBoolean());
    assertTrue(
        Files.exists(
            checkout.get().resolve("asr-nas/src/main/java/org/asrnas/nas/train/RunInfo.java")),
        "the checkout found is the toolkit's: " + checkout.get());
  }
}

package org.asrnas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.nas.train.RunInfo;
import picocli.CommandLine.Option;

/** {@code --commit} and {@code --machine}: what a generated report's header names. */
final class ProvenanceOptions {
  @Option(
      names = "--commit",
      description = "commit named in the header (default: the toolkit checkout's, 7 digits)")
  String commit;

  @Option(
      names = "--machine",
      description = "machine named in the header (default: cores, CPU model and RAM of this one)")
  String machine;

  /** --commit, else the first 7 digits of the toolkit checkout's HEAD. */
  String commit() {
    return commit != null ? commit : SystemResults.shortCommit(RunInfo.gitCommit());
  }

  /** --machine, else "N cores of MODEL, M GiB RAM" read from /proc where it exists. */
  String machine() {
    if (machine != null) {
      return machine;
    }
    String cpu = System.getProperty("os.arch");
    long kib = 0;
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (l.startsWith("model name")) {
          cpu = l.substring(l.indexOf(':') + 1).strip();
          break;
        }
      }
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
        if (l.startsWith("MemTotal:")) {
          kib = (long) SystemResults.number(l.substring(9));
        }
      }
    } catch (IOException e) {
      // not Linux: the architecture alone
    }
    String ram = kib > 0 ? ", " + Math.round(kib / 1048576.0) + " GiB RAM" : "";
    return Runtime.getRuntime().availableProcessors() + " cores of " + cpu + ram;
  }
}

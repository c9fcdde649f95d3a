package org.asrnas.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs external tools (sox, synthesisers) and fails with their command line and error output. */
final class Processes {
  private Processes() {}

  /** Runs a command, feeding {@code stdin} (may be null), and returns its standard output. */
  static byte[] run(List<String> command, byte[] stdin, Path workDir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    Process p = pb.start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errReader = drain(p.getErrorStream(), err);
    Thread writer = null;
    if (stdin != null) {
      writer =
          new Thread(
              () -> {
                try (OutputStream o = p.getOutputStream()) {
                  o.write(stdin);
                } catch (IOException ignored) {
                  // The process exited early; its exit code and stderr say why.
                }
              });
      writer.start();
    } else {
      p.getOutputStream().close();
    }
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    try {
      int rc = p.waitFor();
      errReader.join();
      if (writer != null) {
        writer.join();
      }
      if (rc != 0) {
        throw new IOException(
            "command failed (exit "
                + rc
                + "): "
                + String.join(" ", command)
                + "\n"
                + new String(err.toByteArray(), StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    return out;
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream to) {
    Thread t =
        new Thread(
            () -> {
              try (in) {
                in.transferTo(to);
              } catch (IOException ignored) {
                // Only diagnostics are lost.
              }
            });
    t.start();
    return t;
  }
}

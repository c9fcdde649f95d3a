package org.asrnas.core.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that readers see either the old content or the whole new content, never a partial
 * file: the content goes to a temporary file in the same directory, is flushed and forced to disk,
 * then renamed over the target ({@code ATOMIC_MOVE}, or a plain replacing move where the file
 * system cannot do that). A killed run therefore leaves at most a stray {@code .*.tmp} file, which
 * the next write of the same target removes (and {@link #removeStaleTemps(Path)} for a whole
 * directory): a temporary file last modified before this JVM started belongs to no live writer of
 * this process, and one that old from another process is abandoned.
 *
 * <p>The temporary file is created with {@code CREATE_NEW} and default attributes, so the result
 * gets the permissions the umask gives any new file ({@code Files.createTempFile} would make it
 * mode 600 and the renamed file unreadable to other users).
 */
public final class AtomicFiles {
  // Only names temporary files; never affects any result, so it need not be seeded.
  private static final SecureRandom NAMES = new SecureRandom();
  private static final int ATTEMPTS = 100;
  // when this process started (else when this class was loaded, which is later: still safe)
  private static final long STARTED_MILLIS =
      ProcessHandle.current()
          .info()
          .startInstant()
          .map(java.time.Instant::toEpochMilli)
          .orElse(System.currentTimeMillis());
  private static final Pattern TEMP_NAME = Pattern.compile("\\.(.+)\\.[0-9a-f]{12}\\.tmp");

  private AtomicFiles() {}

  /** Something that writes a file's content to a stream (which it must not close). */
  @FunctionalInterface
  public interface IOConsumer<T> {
    /** Writes to {@code out}. */
    void accept(T out) throws IOException;
  }

  /**
   * Writes {@code file} atomically with what {@code content} writes to the stream (buffered). The
   * parent directories are created. On any failure the temporary file is removed and the old file
   * (if any) is left as it was.
   */
  public static void write(Path file, IOConsumer<OutputStream> content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = createTemp(dir, file.getFileName().toString());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        content.accept(out);
        out.flush();
        ch.force(true);
      }
      replace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
    removeStale(dir, file.getFileName().toString());
  }

  /**
   * Removes the temporary files that writes killed in earlier processes left in {@code dir} (names
   * {@code .<name>.<12 hex digits>.tmp}, last modified before this JVM started).
   *
   * @return how many were removed
   */
  public static int removeStaleTemps(Path dir) throws IOException {
    return removeStale(dir, null);
  }

  /** Removes stale temporary files of {@code name} (any name when null) in {@code dir}. */
  private static int removeStale(Path dir, String name) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    long started = STARTED_MILLIS;
    int removed = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        Matcher m = TEMP_NAME.matcher(n);
        if (!m.matches() || (name != null && !m.group(1).equals(name))) {
          continue;
        }
        try {
          if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
              && Files.getLastModifiedTime(p).toMillis() < started
              && Files.deleteIfExists(p)) {
            removed++;
          }
        } catch (IOException e) {
          // another process removed or is replacing it: not ours to worry about
        }
      }
    }
    return removed;
  }

  /** Writes {@code file} atomically through a {@link DataOutputStream} (big-endian binary). */
  public static void writeData(Path file, IOConsumer<DataOutputStream> content) throws IOException {
    write(
        file,
        os -> {
          DataOutputStream out = new DataOutputStream(os);
          content.accept(out);
          out.flush();
        });
  }

  /** Writes {@code text} as UTF-8, atomically. */
  public static void writeString(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(file, out -> out.write(bytes));
  }

  /** Writes each line followed by {@code '\n'} as UTF-8, atomically. */
  public static void writeLines(Path file, List<String> lines) throws IOException {
    write(
        file,
        out -> {
          for (String l : lines) {
            out.write(l.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
          }
        });
  }

  /**
   * Renames {@code source} over {@code target} atomically where the file system can, else with a
   * plain replacing move. For files another program wrote beside the target (e.g. sox's output).
   */
  public static void replace(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A new empty file {@code .<name>.<random>.tmp} in {@code dir}, with default permissions. */
  private static Path createTemp(Path dir, String name) throws IOException {
    byte[] suffix = new byte[6];
    for (int attempt = 0; ; attempt++) {
      NAMES.nextBytes(suffix);
      Path tmp = dir.resolve("." + name + "." + HexFormat.of().formatHex(suffix) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}

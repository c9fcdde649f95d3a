package org.asrnas.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asrnas.core.data.ShellWords;
import org.asrnas.core.data.WavEntry;
import org.asrnas.core.io.AtomicFiles;

/**
 * Moves 16-bit samples between Java and audio files through sox ({@code -R}, so nothing random is
 * added): corpus synthesis mixes noise and conversations in Java and lets sox do the file formats
 * (SPHERE with PCM or mu-law, resampling). The toolkit's own readers live in the frontend.
 */
public final class SoxAudio {
  private SoxAudio() {}

  /** Mono samples of a {@code wav.scp} entry (file or command) at {@code rateHz}. */
  public static short[] readMono(WavEntry entry, int rateHz) throws IOException {
    List<String> fmt =
        List.of(
            "-t",
            "raw",
            "-r",
            Integer.toString(rateHz),
            "-c",
            "1",
            "-e",
            "signed-integer",
            "-b",
            "16",
            "-L",
            "-");
    byte[] raw;
    Optional<String[]> channel = sph2pipeChannel(entry);
    if (channel.isPresent()) {
      List<String> c = new ArrayList<>(List.of("sox", "-R", channel.get()[0]));
      c.addAll(fmt.subList(0, fmt.size() - 1));
      c.add("-");
      c.addAll(List.of("remix", channel.get()[1]));
      raw = Processes.run(c, null, null);
    } else if (entry.isPipe()) {
      String cmd = entry.command() + " | sox -R -t wav - " + String.join(" ", fmt);
      raw = Processes.run(List.of("bash", "-o", "pipefail", "-c", cmd), null, null);
    } else {
      List<String> c = new ArrayList<>(List.of("sox", "-R", entry.path()));
      c.addAll(fmt);
      raw = Processes.run(c, null, null);
    }
    short[] out = new short[raw.length / 2];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  /**
   * The file and channel of a Kaldi {@code sph2pipe [-f wav] [-p] -c N FILE |} entry (sph2pipe is
   * not packaged in Debian, so such entries are run through sox {@code remix N} instead). The file
   * is the unquoted shell word.
   */
  static Optional<String[]> sph2pipeChannel(WavEntry entry) {
    if (!entry.isPipe()) {
      return Optional.empty();
    }
    Optional<List<String>> split = ShellWords.split(entry.command());
    if (split.isEmpty()) {
      return Optional.empty();
    }
    List<String> w = split.get();
    int i = 0;
    if (w.size() < 4 || !w.get(i++).equals("sph2pipe")) {
      return Optional.empty();
    }
    if (w.get(i).equals("-f") && i + 1 < w.size() && w.get(i + 1).matches("\\w+")) {
      i += 2;
    }
    if (i < w.size() && w.get(i).equals("-p")) {
      i++;
    }
    if (i + 3 != w.size() || !w.get(i).equals("-c") || !w.get(i + 1).matches("\\d")) {
      return Optional.empty();
    }
    return Optional.of(new String[] {w.get(i + 2), w.get(i + 1)});
  }

  /**
   * A shell command that writes the entry's audio as WAV to standard output using only sox (for
   * {@code wav.scp} pipes built on top of an entry). File names are quoted ({@link
   * ShellWords#quote}), so the command never runs text taken from a path.
   */
  public static String wavCommand(WavEntry entry) {
    Optional<String[]> ch = sph2pipeChannel(entry);
    if (ch.isPresent()) {
      return "sox -R " + pathWord(ch.get()[0]) + " -t wav - remix " + ch.get()[1];
    }
    return entry.isPipe() ? entry.command() : "sox -R " + pathWord(entry.path()) + " -t wav -";
  }

  /**
   * A path as one shell word that cannot be read as an option ({@code -x.wav} becomes {@code
   * ./-x.wav}).
   */
  public static String pathWord(String path) {
    return ShellWords.quote(path.startsWith("-") ? "./" + path : path);
  }

  /**
   * Writes interleaved samples as NIST SPHERE, atomically.
   *
   * @param samples interleaved 16-bit samples
   * @param channels channel count
   * @param rateHz sampling rate
   * @param muLaw mu-law (Switchboard) instead of 16-bit PCM (WSJ)
   */
  public static void writeSphere(short[] samples, int channels, int rateHz, boolean muLaw, Path out)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(samples);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path part = out.resolveSibling(out.getFileName() + ".part");
    List<String> c =
        new ArrayList<>(
            List.of(
                "sox",
                "-R",
                "-t",
                "raw",
                "-r",
                Integer.toString(rateHz),
                "-c",
                Integer.toString(channels),
                "-e",
                "signed-integer",
                "-b",
                "16",
                "-L",
                "-",
                "-t",
                "sph"));
    if (muLaw) {
      c.addAll(List.of("-e", "u-law", "-b", "8"));
    } else {
      c.addAll(List.of("-e", "signed-integer", "-b", "16"));
    }
    c.add(part.toString());
    Processes.run(c, b.array(), null);
    AtomicFiles.replace(part, out);
  }
}

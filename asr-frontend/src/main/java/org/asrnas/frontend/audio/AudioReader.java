package org.asrnas.frontend.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.Utterance;
import org.asrnas.core.data.WavEntry;

/**
 * The single entry point for audio: files (format recognised by content: RIFF WAVE or NIST SPHERE),
 * {@code wav.scp} entries (paths, or {@code command |} pipes of which the common {@code sph2pipe}
 * and {@code sox ... remix N} forms are read natively and others run through {@code bash -c}), and
 * utterances cut out of their recording by {@code segments} as Kaldi's {@code extract-segments}
 * does. FLAC and MP3 are not decoded: put {@code sox file.flac -t wav - |} or {@code ffmpeg -i
 * file.mp3 -f wav - |} in {@code wav.scp}.
 *
 * <p>Thread-safe (stateless); safe to call from parallel feature-extraction workers.
 */
public final class AudioReader {
  private AudioReader() {}

  /** Kaldi's {@code extract-segments --max-overshoot}: segments may end this far past the audio. */
  public static final double MAX_OVERSHOOT_SECONDS = 0.5;

  /** Reads a WAV or SPHERE file, all channels. */
  public static Audio read(Path file) throws IOException, AsrInputException {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw AsrInputException.inFile(file, "audio file does not exist");
    }
    return decode(b, file, false);
  }

  /** Reads headerless audio of the given layout. */
  public static Audio readRaw(Path file, RawFormat format) throws IOException, AsrInputException {
    byte[] b = Files.readAllBytes(file);
    int frameBytes = format.format().bytes() * format.channels();
    if (b.length % frameBytes != 0) {
      throw AsrInputException.atByte(
          file,
          b.length - b.length % frameBytes,
          "file size " + b.length + " is not a multiple of the frame size " + frameBytes);
    }
    if (b.length == 0) {
      throw AsrInputException.atByte(file, 0, "the file is empty");
    }
    return new Audio(
        format.sampleRateHz(),
        Pcm.decode(
            b,
            0,
            b.length / frameBytes,
            format.channels(),
            format.format(),
            format.order(),
            file,
            0));
  }

  /**
   * Decodes an in-memory WAV or SPHERE file.
   *
   * @param source named in error messages
   * @param streamed true when the bytes came from a pipe (a WAV data size larger than the data is
   *     then accepted, as writers to pipes cannot fix it)
   */
  public static Audio decode(byte[] bytes, Path source, boolean streamed) throws AsrInputException {
    if (bytes.length == 0) {
      throw AsrInputException.atByte(source, 0, "the audio is empty (0 bytes)");
    }
    if (WavReader.isWav(bytes)) {
      return WavReader.read(bytes, source, streamed);
    }
    if (SphereHeader.isSphere(bytes)) {
      return SphereReader.read(bytes, source);
    }
    throw AsrInputException.atByte(
        source,
        0,
        "unknown audio format (neither RIFF WAVE nor NIST SPHERE); for raw PCM use readRaw, "
            + "for other formats convert with a sox or ffmpeg pipe in wav.scp");
  }

  /**
   * Reads a {@code wav.scp} entry: all channels, or the channel that {@code sph2pipe -c N} or
   * {@code sox ... remix N} selects.
   */
  public static Audio read(WavEntry entry) throws IOException, AsrInputException {
    if (!entry.isPipe()) {
      return read(Path.of(entry.path()));
    }
    PipeCommand cmd = PipeCommand.parse(entry.command());
    if (cmd instanceof PipeCommand.Native n) {
      Path file = Path.of(n.file());
      Audio a;
      try {
        a = read(file);
      } catch (UnsupportedCodingException e) {
        // A coding we do not decode: the command's own program may, when it is installed.
        if (onPath(PipeCommand.split(entry.command()).orElseThrow().get(0))) {
          return runShell(entry.command(), entry.recordingId());
        }
        throw e;
      }
      if (n.channel().isPresent()) {
        int c = n.channel().getAsInt();
        if (c >= a.numChannels()) {
          throw AsrInputException.inFile(
              file,
              "wav.scp entry "
                  + entry.recordingId()
                  + " selects channel "
                  + (c + 1)
                  + " but the file has "
                  + a.numChannels());
        }
        a = a.channel(c);
      }
      if (n.startSample() >= 0) {
        long end = n.endSample() < 0 ? a.numSamples() : Math.min(n.endSample(), a.numSamples());
        a = cut(a, n.startSample(), end, file);
      } else if (n.startSeconds() > 0 || n.endSeconds() >= 0) {
        long s = (long) (n.startSeconds() * a.sampleRateHz());
        long e =
            n.endSeconds() < 0
                ? a.numSamples()
                : Math.min((long) (n.endSeconds() * a.sampleRateHz()), a.numSamples());
        a = cut(a, s, e, file);
      }
      return a;
    }
    return runShell(((PipeCommand.Shell) cmd).command(), entry.recordingId());
  }

  private static Audio cut(Audio a, long from, long to, Path file) throws AsrInputException {
    if (from >= to || from >= a.numSamples()) {
      throw AsrInputException.inFile(
          file, "range [" + from + ", " + to + ") holds no samples of " + a.numSamples());
    }
    return a.slice((int) from, (int) to);
  }

  /**
   * Reads an utterance: its recording, cut to its segment when it has one (sample range {@code
   * [(int) (start * rate), (int) (end * rate))} as {@code extract-segments}; an end up to {@link
   * #MAX_OVERSHOOT_SECONDS} past the recording is clamped).
   */
  public static Audio read(Utterance u) throws IOException, AsrInputException {
    Audio a = read(u.audio());
    if (u.segment().isEmpty()) {
      return a;
    }
    return applySegment(a, u.segment().get(), sourceOf(u.audio()));
  }

  /** Cuts a segment out of its recording as {@code extract-segments} does. */
  public static Audio applySegment(Audio a, Segment s, Path source) throws AsrInputException {
    Checks.checkNotNull(s, "segment");
    int rate = a.sampleRateHz();
    long start = (long) (s.startSeconds() * rate);
    long end = s.endSeconds() < 0 ? a.numSamples() : (long) (s.endSeconds() * rate);
    if (end > a.numSamples()) {
      if ((end - a.numSamples()) > MAX_OVERSHOOT_SECONDS * rate) {
        throw AsrInputException.inFile(
            source,
            String.format(
                Locale.ROOT,
                "segment %s ends at %.3f s but recording %s lasts %.3f s; fix the segments file",
                s.utteranceId(),
                s.endSeconds(),
                s.recordingId(),
                a.durationSeconds()));
      }
      end = a.numSamples();
    }
    if (start >= end) {
      throw AsrInputException.inFile(
          source,
          String.format(
              Locale.ROOT,
              "segment %s [%.3f, %.3f] s is empty within recording %s of %.3f s",
              s.utteranceId(),
              s.startSeconds(),
              s.endSeconds(),
              s.recordingId(),
              a.durationSeconds()));
    }
    return a.slice((int) start, (int) end);
  }

  /**
   * Duration of an utterance in seconds: from its segment when it has an end, else from the audio
   * header (files and native pipes; only shell pipes are decoded in full).
   */
  public static double durationSeconds(Utterance u) throws IOException, AsrInputException {
    if (u.segment().isPresent() && u.segment().get().endSeconds() >= 0) {
      return u.segment().get().durationSeconds();
    }
    double total = recordingSeconds(u.audio());
    if (u.segment().isPresent()) {
      return Math.max(0, total - u.segment().get().startSeconds());
    }
    return total;
  }

  /** Duration of a recording (all of it, ignoring sph2pipe ranges) without decoding samples. */
  public static double recordingSeconds(WavEntry e) throws IOException, AsrInputException {
    String file;
    if (!e.isPipe()) {
      file = e.path();
    } else if (PipeCommand.parse(e.command()) instanceof PipeCommand.Native n) {
      file = n.file();
    } else {
      return read(e).durationSeconds();
    }
    Path p = Path.of(file);
    byte[] head;
    long size;
    try (InputStream in = Files.newInputStream(p)) {
      head = in.readNBytes(1 << 16);
      size = Files.size(p);
    } catch (NoSuchFileException x) {
      throw AsrInputException.inFile(p, "audio file does not exist");
    }
    if (WavReader.isWav(head)) {
      try {
        WavReader.Header h = WavReader.header(head, size, p, false);
        return (double) h.frames() / h.sampleRateHz();
      } catch (AsrInputException x) {
        if (head.length == size) {
          throw x;
        }
        // Chunks before 'data' larger than the prefix we read: decode the whole file.
        return read(p).durationSeconds();
      }
    }
    if (SphereHeader.isSphere(head)) {
      SphereHeader h = SphereHeader.parse(head, p);
      long rate = h.integer("sample_rate").orElse(0L);
      long count = h.integer("sample_count").orElse(-1L);
      if (rate > 0 && count >= 0) {
        return (double) count / rate;
      }
    }
    return read(p).durationSeconds();
  }

  private static boolean onPath(String program) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static Path sourceOf(WavEntry e) {
    if (!e.isPipe()) {
      return Path.of(e.path());
    }
    if (PipeCommand.parse(e.command()) instanceof PipeCommand.Native n) {
      return Path.of(n.file());
    }
    return Path.of("wav.scp[" + e.recordingId() + "]");
  }

  private static Audio runShell(String command, String recordingId)
      throws IOException, AsrInputException {
    Path source = Path.of("wav.scp[" + recordingId + "]");
    Process p = new ProcessBuilder("bash", "-c", command).start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = p.getErrorStream()) {
                return in.readAllBytes();
              } catch (IOException x) {
                return new byte[0];
              }
            });
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 20);
      in.transferTo(bos);
      out = bos.toByteArray();
    }
    int rc;
    try {
      rc = p.waitFor();
    } catch (InterruptedException x) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running: " + command, x);
    }
    if (rc != 0) {
      String msg = new String(err.join(), StandardCharsets.UTF_8).strip();
      if (msg.length() > 500) {
        msg = msg.substring(msg.length() - 500);
      }
      throw AsrInputException.inFile(
          source,
          "command '"
              + command
              + "' failed with exit status "
              + rc
              + (msg.isEmpty() ? "" : ": " + msg));
    }
    return decode(out, source, true);
  }
}

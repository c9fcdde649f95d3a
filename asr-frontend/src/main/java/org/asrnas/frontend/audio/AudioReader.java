package org.asrnas.frontend.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.ShellWords;
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
 * <p>Every size, count and rate a header declares is checked against the bytes present and sane
 * limits (rates {@value Limits#MIN_SAMPLE_RATE_HZ} to {@value Limits#MAX_SAMPLE_RATE_HZ} Hz, 1 to
 * {@value Limits#MAX_CHANNELS} channels) before anything is allocated, so a corrupt file fails with
 * an {@link AsrInputException} naming it and the byte offset, never with another exception or an
 * allocation out of proportion to its size. Shell pipes run under {@link PipeLimits}.
 *
 * <p>Thread-safe (stateless); safe to call from parallel feature-extraction workers.
 *
 * <p>Over 400 lines because it is the one entry point that resolves every way Kaldi names audio
 * (file, {@code wav.scp} path or pipe, native {@code sph2pipe} and {@code sox remix} forms, {@code
 * segments}); the formats themselves live in WavReader, SphereReader and Shorten.
 */
public final class AudioReader {
  private AudioReader() {}

  /** Kaldi's {@code extract-segments --max-overshoot}: segments may end this far past the audio. */
  public static final double MAX_OVERSHOOT_SECONDS = 0.5;

  /** Lowest sample rate a header may declare. */
  public static final int MIN_SAMPLE_RATE_HZ = Limits.MIN_SAMPLE_RATE_HZ;

  /** Highest sample rate a header may declare. */
  public static final int MAX_SAMPLE_RATE_HZ = Limits.MAX_SAMPLE_RATE_HZ;

  /** Most channels a header may declare. */
  public static final int MAX_CHANNELS = Limits.MAX_CHANNELS;

  /** Reads a WAV or SPHERE file, all channels. */
  public static Audio read(Path file) throws IOException, AsrInputException {
    return read(file, PipeLimits.defaults());
  }

  /**
   * Reads a WAV or SPHERE file; {@code limits} bound the bytes read from a file that is not a
   * regular file (a FIFO, a device).
   */
  public static Audio read(Path file, PipeLimits limits) throws IOException, AsrInputException {
    return decode(readBytes(file, limits), file, false);
  }

  private static byte[] readBytes(Path file, PipeLimits limits)
      throws IOException, AsrInputException {
    try {
      if (Files.isRegularFile(file)) {
        long size = Files.size(file);
        if (size > Limits.MAX_ARRAY) {
          throw AsrInputException.inFile(
              file,
              "audio file of "
                  + size
                  + " bytes is too large to read at once (at most "
                  + Limits.MAX_ARRAY
                  + "); split it with sox or cut it with segments and a sph2pipe/sox pipe");
        }
        return Files.readAllBytes(file);
      }
      if (!Files.exists(file)) {
        throw AsrInputException.inFile(file, "audio file does not exist");
      }
      try (InputStream in = Files.newInputStream(file)) {
        Bounded b = Bounded.read(in, limits.maxOutputBytes());
        if (b.overflow) {
          throw AsrInputException.inFile(
              file,
              "not a regular file and longer than "
                  + limits.maxOutputBytes()
                  + " bytes (the pipe output limit); is it a device?");
        }
        return b.bytes;
      }
    } catch (NoSuchFileException e) {
      throw AsrInputException.inFile(file, "audio file does not exist");
    }
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
        "unknown audio format (neither RIFF WAVE nor NIST SPHERE); convert it with a pipe in"
            + " wav.scp, e.g. raw PCM: 'sox -t raw -r 16000 -e signed -b 16 -c 1 FILE -t wav - |',"
            + " other formats: 'sox FILE -t wav - |' or ffmpeg");
  }

  /**
   * Reads a {@code wav.scp} entry: all channels, or the channel that {@code sph2pipe -c N} or
   * {@code sox ... remix N} selects. Shell pipes run under the default {@link PipeLimits}.
   */
  public static Audio read(WavEntry entry) throws IOException, AsrInputException {
    return read(entry, PipeLimits.defaults());
  }

  /** Reads a {@code wav.scp} entry, shell pipes under {@code limits}. */
  public static Audio read(WavEntry entry, PipeLimits limits)
      throws IOException, AsrInputException {
    Checks.checkNotNull(limits, "limits");
    if (!entry.isPipe()) {
      return read(Path.of(entry.path()), limits);
    }
    PipeCommand cmd = PipeCommand.parse(entry.command());
    if (cmd instanceof PipeCommand.Native n) {
      Path file = Path.of(n.file());
      Audio a;
      try {
        a = read(file, limits);
      } catch (UnsupportedCodingException e) {
        // A coding we do not decode: the command's own program may, when it is installed.
        if (onPath(ShellWords.split(entry.command()).orElseThrow().get(0))) {
          return runShell(entry.command(), entry.recordingId(), limits);
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
    return runShell(((PipeCommand.Shell) cmd).command(), entry.recordingId(), limits);
  }

  private static Audio cut(Audio a, long from, long to, Path file) throws AsrInputException {
    if (from < 0 || from >= to || from >= a.numSamples()) {
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
    return read(u, PipeLimits.defaults());
  }

  /** Reads an utterance as {@link #read(Utterance)}, shell pipes under {@code limits}. */
  public static Audio read(Utterance u, PipeLimits limits) throws IOException, AsrInputException {
    Audio a = read(u.audio(), limits);
    if (u.segment().isEmpty()) {
      return a;
    }
    return applySegment(a, u.segment().get(), source(u.audio()));
  }

  /** Cuts a segment out of its recording as {@code extract-segments} does. */
  public static Audio applySegment(Audio a, Segment s, Path source) throws AsrInputException {
    Checks.checkNotNull(s, "segment");
    int rate = a.sampleRateHz();
    long start = (long) (s.startSeconds() * rate);
    long end = s.endSeconds() < 0 ? a.numSamples() : (long) (s.endSeconds() * rate);
    if (start < 0) {
      throw AsrInputException.inFile(
          source,
          String.format(
              Locale.ROOT,
              "segment %s starts at %.3f s, before the recording; fix the segments file",
              s.utteranceId(),
              s.startSeconds()));
    }
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

  /**
   * Where the samples of a WAV file lie, from its header (nothing decoded): for reading a long file
   * as a stream of blocks instead of all at once.
   *
   * @param sampleRateHz the declared rate
   * @param channels the declared channels
   * @param format how each sample is stored
   * @param dataOffset the byte offset of the first sample
   * @param frames samples per channel (the 'data' chunk's length, checked against the file's size)
   */
  public record WavLayout(
      int sampleRateHz, int channels, SampleFormat format, long dataOffset, long frames) {}

  /**
   * The {@link WavLayout} of a WAV file; empty when the file is not a WAV file (SPHERE, other) or
   * its chunks before 'data' are longer than 64 KiB (read such files with {@link #read(Path)}).
   *
   * @throws AsrInputException naming the file: missing, or a WAV header that is corrupt or declares
   *     more samples than the file holds (truncated)
   */
  public static java.util.Optional<WavLayout> wavLayout(Path file)
      throws IOException, AsrInputException {
    byte[] head;
    long size;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(1 << 16);
      size = Files.size(file);
    } catch (NoSuchFileException x) {
      throw AsrInputException.inFile(file, "audio file does not exist");
    }
    if (!WavReader.isWav(head)) {
      return java.util.Optional.empty();
    }
    WavReader.Header h;
    try {
      h = WavReader.header(head, size, file, false);
    } catch (AsrInputException x) {
      if (head.length == size) {
        throw x;
      }
      return java.util.Optional.empty(); // chunks before 'data' beyond the prefix: read it whole
    }
    return java.util.Optional.of(
        new WavLayout(h.sampleRateHz(), h.channels(), h.format(), h.dataOffset(), h.frames()));
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

  /**
   * The file a {@code wav.scp} entry reads, for messages: its path, the file of a natively read
   * pipe, or {@code wav.scp[recording]} for a shell pipe.
   */
  public static Path source(WavEntry e) {
    if (!e.isPipe()) {
      return Path.of(e.path());
    }
    if (PipeCommand.parse(e.command()) instanceof PipeCommand.Native n) {
      return Path.of(n.file());
    }
    return Path.of("wav.scp[" + e.recordingId() + "]");
  }

  private static Audio runShell(String command, String recordingId, PipeLimits limits)
      throws IOException, AsrInputException {
    Path source = Path.of("wav.scp[" + recordingId + "]");
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    Process p = new ProcessBuilder("bash", "-c", command).start();
    try {
      p.getOutputStream().close();
      Drain err = Drain.start(p.getErrorStream(), 4096, "pipe-stderr");
      Drain out = Drain.start(p.getInputStream(), limits.maxOutputBytes(), "pipe-stdout");
      try {
        out.await(deadline);
        if (out.overflow()) {
          killTree(p);
          throw AsrInputException.inFile(
              source,
              "command '"
                  + command
                  + "' wrote more than "
                  + limits.maxOutputBytes()
                  + " bytes (the pipe output limit, asr features --pipe-max-mb); killed it");
        }
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          throw new TimeoutException();
        }
      } catch (TimeoutException x) {
        killTree(p);
        throw AsrInputException.inFile(
            source,
            String.format(
                Locale.ROOT,
                "command '%s' did not finish within %.1f s (the pipe timeout, asr features"
                    + " --pipe-timeout); killed it",
                command,
                limits.timeout().toMillis() / 1000.0));
      } catch (InterruptedException x) {
        killTree(p);
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running: " + command, x);
      }
      int rc = p.exitValue();
      if (rc != 0) {
        try {
          err.await(Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
        } catch (TimeoutException x) {
          // A descendant still holds stderr open: report what arrived.
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
        }
        String msg = new String(err.bytesSoFar(), StandardCharsets.UTF_8).strip();
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
      return decode(out.bytesSoFar(), source, true);
    } finally {
      if (p.isAlive()) {
        killTree(p);
      }
    }
  }

  /**
   * Kills a shell pipe and every process it started (a {@code sleep} behind {@code bash -c} would
   * otherwise outlive us as an orphan), then waits briefly for them to go.
   */
  static void killTree(Process p) {
    // Descendants first, from a snapshot: once bash is gone they are no longer its descendants.
    List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
    all.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    all.addAll(p.descendants().toList());
    all.forEach(ProcessHandle::destroyForcibly);
    all.add(p.toHandle());
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // Still exiting: it was sent SIGKILL; nothing more to do.
      }
    }
  }

  /** Up to {@code limit} bytes of a stream, with whether more followed. */
  private record Bounded(byte[] bytes, boolean overflow) {
    static Bounded read(InputStream in, long limit) throws IOException {
      List<byte[]> chunks = new ArrayList<>();
      long total = 0;
      while (true) {
        byte[] c = new byte[(int) Math.min(1 << 16, limit + 1 - total)];
        int n = in.readNBytes(c, 0, c.length);
        if (n > 0) {
          chunks.add(n == c.length ? c : Arrays.copyOf(c, n));
          total += n;
        }
        if (total > limit) {
          return new Bounded(new byte[0], true);
        }
        if (n < c.length) {
          break;
        }
      }
      byte[] out = new byte[(int) total];
      int at = 0;
      for (byte[] c : chunks) {
        System.arraycopy(c, 0, out, at, c.length);
        at += c.length;
      }
      return new Bounded(out, false);
    }
  }

  /**
   * Reads a process stream on its own daemon thread; stdout keeps at most {@code limit} bytes and
   * stops at the first byte more, stderr keeps the last {@code limit} bytes and drains to the end.
   */
  private static final class Drain implements Runnable {
    private final InputStream in;
    private final long limit;
    private final boolean tail;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile byte[] bytes = new byte[0];
    private volatile boolean overflow;

    private Drain(InputStream in, long limit, boolean tail) {
      this.in = in;
      this.limit = limit;
      this.tail = tail;
    }

    static Drain start(InputStream in, long limit, String name) {
      Drain d = new Drain(in, limit, name.endsWith("stderr"));
      Thread t = new Thread(d, name);
      t.setDaemon(true);
      t.start();
      return d;
    }

    @Override
    public void run() {
      try (in) {
        if (tail) {
          byte[] keep = new byte[0];
          byte[] c = new byte[4096];
          int n;
          while ((n = in.read(c)) >= 0) {
            byte[] joined = Arrays.copyOf(keep, keep.length + n);
            System.arraycopy(c, 0, joined, keep.length, n);
            keep =
                joined.length <= limit
                    ? joined
                    : Arrays.copyOfRange(joined, joined.length - (int) limit, joined.length);
          }
          bytes = keep;
        } else {
          Bounded b = Bounded.read(in, limit);
          bytes = b.bytes();
          overflow = b.overflow();
        }
      } catch (IOException e) {
        // The process was killed or closed its end; what was read is kept.
      } finally {
        done.countDown();
      }
    }

    /** Waits for the end of the stream (or the limit) until {@code deadline} (nanoTime). */
    void await(long deadline) throws InterruptedException, TimeoutException {
      if (!done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException();
      }
    }

    boolean overflow() {
      return overflow;
    }

    byte[] bytesSoFar() {
      return bytes;
    }
  }
}

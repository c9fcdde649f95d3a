import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.decoder.GreedyDecoder;
import org.asrnas.frontend.endpoint.Endpointer;
import org.asrnas.frontend.endpoint.EndpointerConfig;
import org.asrnas.frontend.endpoint.SpeechSegment;
import org.asrnas.frontend.features.Cmvn;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.frontend.features.StreamingFbank;
import org.asrnas.frontend.stream.AudioStreams;
import org.asrnas.frontend.stream.StreamingFrontEnd;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.stream.ChunkedInference;

/**
 * bench/long_audio.sh's measurement: streams one WAV file through AudioStreams (TarsosDSP), the
 * StreamingFrontEnd (fbank, sliding CMVN, deltas) and the Endpointer, runs ChunkedInference of a
 * randomly initialised network over each segment and greedy-decodes it, and prints one line: audio
 * seconds, wall seconds, real-time factor, segments, output frames, peak RSS (VmHWM), the
 * largest used heap seen after a segment (garbage included), and cmvn_mad: the mean absolute
 * difference of the static features of every segment between the streamed sliding CMVN and CMVN
 * with the segment's own statistics (what training does per utterance), beside cmvn_mean_abs, the
 * mean absolute value of the latter for scale. Memory is bounded by the longest segment, whatever
 * the length of the file.
 *
 * <p>Run: java -cp asr-cli/target/asr.jar bench/LongAudio.java FILE.wav MODEL.json UNITS CHUNK
 */
public final class LongAudio {
  /** Feature frames from {@code start} on, in arrival order. */
  static final class Frames {
    final int dim;
    final Deque<FloatMatrix> parts = new ArrayDeque<>();
    int start;
    int end;

    Frames(int dim) {
      this.dim = dim;
    }

    void add(FloatMatrix m) {
      if (m.rows() > 0) {
        parts.addLast(m);
        end += m.rows();
      }
    }

    /** Frames [from, to) (clipped to what is held). */
    FloatMatrix get(int from, int to) {
      from = Math.max(from, start);
      to = Math.min(to, end);
      float[] d = new float[Math.max(0, to - from) * dim];
      int at = start;
      int o = 0;
      for (FloatMatrix p : parts) {
        int a = Math.max(from, at);
        int b = Math.min(to, at + p.rows());
        if (b > a) {
          System.arraycopy(p.data(), (a - at) * dim, d, o, (b - a) * dim);
          o += (b - a) * dim;
        }
        at += p.rows();
      }
      return new FloatMatrix(d.length / dim, dim, d);
    }

    /** Forgets whole parts before frame {@code f}. */
    void dropBefore(int f) {
      while (!parts.isEmpty() && start + parts.peekFirst().rows() <= f) {
        start += parts.removeFirst().rows();
      }
    }
  }

  static long maxHeap;

  /** With -Dlongaudio.trace=true: resident memory and live heap every 50 segments (stderr). */
  static final boolean TRACE = Boolean.getBoolean("longaudio.trace");

  static void trace(long segments, Frames a, Frames b) {
    System.gc();
    Runtime r = Runtime.getRuntime();
    try {
      System.err.printf(
          Locale.ROOT,
          "segments %d rss_mib %.1f live_heap_mib %.1f held_frames %d%n",
          segments,
          status("VmRSS:") / 1024.0,
          (r.totalMemory() - r.freeMemory()) / 1048576.0,
          (a.end - a.start) + (b.end - b.start));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    Path wav = Path.of(args[0]);
    ArchitectureSpec spec = ArchitectureSpec.read(Path.of(args[1])).withUnits(Integer.parseInt(args[2]));
    int chunk = Integer.parseInt(args[3]);
    FbankConfig fc = FbankConfig.defaults().withDither(0);
    int shift = fc.windowShift();
    int centre = fc.windowSize() / 2;
    EndpointerConfig ec = EndpointerConfig.defaults();
    long t0 = System.nanoTime();
    try (NDManager manager = NDManager.newBaseManager()) {
      AcousticModel model = AcousticModel.create(spec, manager, 1);
      ChunkedInference inference = ChunkedInference.create(model, manager, chunk);
      GreedyDecoder greedy = new GreedyDecoder();
      StreamingFrontEnd fe = new StreamingFrontEnd(fc, StreamingFrontEnd.Options.defaults());
      Endpointer endpointer = new Endpointer(ec, 16000);
      Frames frames = new Frames(fe.outputDim());
      // the raw fbank as well, to compare the sliding CMVN with per-segment CMVN
      StreamingFbank raw = new StreamingFbank(new Fbank(fc), 0);
      Frames rawFrames = new Frames(fc.dim());
      double[] cmvn = new double[3]; // sum |sliding - per segment|, sum |per segment|, values
      Deque<SpeechSegment> pending = new ArrayDeque<>();
      long[] counts = new long[3]; // segments, output frames, hypothesis units
      long[] samples = new long[1];
      // a segment is run once the front end (which lags by the CMVN's half window) has its frames
      Runnable runReady =
          () -> {
            while (!pending.isEmpty()) {
              int[] f = pending.peekFirst().frames(shift, centre);
              if (f[1] > frames.end) {
                return;
              }
              pending.removeFirst();
              FloatMatrix x = frames.get(f[0], f[1]);
              compareCmvn(x, rawFrames.get(f[0], f[1]), cmvn);
              rawFrames.dropBefore(f[1]);
              FloatMatrix lp = decodeSegment(inference, x);
              counts[0]++;
              counts[1] += lp.rows();
              counts[2] += lp.rows() == 0 ? 0 : greedy.decode(lp).get(0).units().length;
              frames.dropBefore(f[1]);
              heap();
              if (TRACE && counts[0] % 50 == 0) {
                trace(counts[0], frames, rawFrames);
              }
            }
            // frames this far behind can no longer belong to a segment
            int horizon = (int) ((ec.maxSegmentSeconds() + ec.initialFloorSeconds() + 2) * 100);
            if (pending.isEmpty()) {
              frames.dropBefore(frames.end - horizon);
              rawFrames.dropBefore(frames.end - horizon);
            }
          };
      try (InputStream in = new BufferedInputStream(Files.newInputStream(wav))) {
        int rate =
            AudioStreams.readWav(
                in,
                wav,
                AudioStreams.DEFAULT_BLOCK_SAMPLES,
                (block, n) -> {
                  samples[0] += n;
                  frames.add(fe.accept(block, 0, n));
                  rawFrames.add(raw.accept(block, 0, n));
                  pending.addAll(endpointer.accept(block, 0, n));
                  runReady.run();
                });
        if (rate != 16000) {
          throw new IllegalArgumentException(wav + " is " + rate + " Hz, this bench wants 16 kHz");
        }
      }
      frames.add(fe.finish());
      rawFrames.add(raw.finish());
      pending.addAll(endpointer.finish());
      runReady.run();
      double wall = (System.nanoTime() - t0) / 1e9;
      double audio = samples[0] / 16000.0;
      System.out.printf(
          Locale.ROOT,
          "audio_s %.1f wall_s %.2f rtf %.4f segments %d output_frames %d units %d"
              + " peak_rss_mib %.1f max_heap_used_mib %.1f cmvn_mad %.4f cmvn_mean_abs %.4f%n",
          audio,
          wall,
          wall / audio,
          counts[0],
          counts[1],
          counts[2],
          vmHwmKib() / 1024.0,
          maxHeap / 1048576.0,
          cmvn[0] / cmvn[2],
          cmvn[1] / cmvn[2]);
    }
  }

  /** The segment's log-probabilities through ChunkedInference, fed 100 frames at a time. */
  static FloatMatrix decodeSegment(ChunkedInference ci, FloatMatrix x) {
    Frames out = null;
    for (int at = 0; at < x.rows(); at += 100) {
      int to = Math.min(x.rows(), at + 100);
      FloatMatrix piece =
          new FloatMatrix(to - at, x.cols(), Arrays.copyOfRange(x.data(), at * x.cols(), to * x.cols()));
      out = append(out, ci.accept(piece));
    }
    out = append(out, ci.finish());
    return out.get(out.start, out.end);
  }

  /**
   * Adds the static part of the streamed features (sliding CMVN over the stream) against the same
   * frames normalised with the segment's own statistics, as training normalises an utterance.
   */
  static void compareCmvn(FloatMatrix streamed, FloatMatrix rawFbank, double[] acc) {
    if (rawFbank.rows() == 0 || rawFbank.rows() != streamed.rows()) {
      return;
    }
    FloatMatrix own = Cmvn.apply(rawFbank, Cmvn.of(rawFbank), false);
    int d = rawFbank.cols();
    for (int r = 0; r < own.rows(); r++) {
      for (int c = 0; c < d; c++) {
        float a = streamed.data()[r * streamed.cols() + c];
        float b = own.data()[r * d + c];
        acc[0] += Math.abs(a - b);
        acc[1] += Math.abs(b);
        acc[2]++;
      }
    }
  }

  static Frames append(Frames f, FloatMatrix m) {
    if (f == null) {
      f = new Frames(m.cols());
    }
    f.add(m);
    return f;
  }

  static void heap() {
    Runtime r = Runtime.getRuntime();
    maxHeap = Math.max(maxHeap, r.totalMemory() - r.freeMemory());
  }

  static long vmHwmKib() throws java.io.IOException {
    return status("VmHWM:");
  }

  static long status(String key) throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}

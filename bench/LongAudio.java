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
import org.asrnas.frontend.endpoint.EndpointerConfig;
import org.asrnas.frontend.features.Cmvn;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.frontend.stream.AudioStreams;
import org.asrnas.frontend.stream.SampleSink;
import org.asrnas.frontend.stream.SegmentedFeatures;
import org.asrnas.frontend.stream.StreamingFrontEnd;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.stream.ChunkedInference;
import org.asrnas.nas.train.ModelFile;
import org.asrnas.nas.train.TrainConfig;
import org.asrnas.core.text.Units;

/**
 * bench/long_audio.sh's measurements on one 16 kHz WAV file.
 *
 * <p>{@code run}: streams the file through AudioStreams (TarsosDSP) and SegmentedFeatures
 * (StreamingFbank, Endpointer, sliding CMVN over the segments' frames, deltas), runs
 * ChunkedInference of a randomly initialised network over each segment, fed 100 frames at a time,
 * and greedy-decodes it; prints audio seconds, wall seconds, the real-time factor, segments, output
 * frames, the peak RSS (VmHWM) and the largest used heap seen after a segment (garbage included).
 * With -Dlongaudio.trace=true it also prints the resident memory and the live heap (after a full
 * GC) every 50 segments.
 *
 * <p>{@code compare}: how far the online CMVN choices are from offline CMVN, as the mean absolute
 * difference of the static (fbank) features of every segment: the segmented sliding CMVN (the
 * one used) and the sliding CMVN over the whole stream (StreamingFrontEnd, pauses included),
 * each against per-segment CMVN (each segment an utterance) and against per-speaker CMVN (one
 * speaker: statistics over all segments of the file, a first pass), beside the per-segment vs
 * per-speaker difference and the mean absolute value of the per-speaker features, for scale.
 *
 * <p>{@code init}: writes a randomly initialised model file for {@code asr decode --model}.
 *
 * <p>Run: java -cp CLASSES:asr-cli/target/asr.jar LongAudio run|compare FILE.wav MODEL.json UNITS
 * CHUNK, or LongAudio init OUT.model MODEL.json UNITS
 */
public final class LongAudio {
  static final FbankConfig FBANK = FbankConfig.defaults().withDither(0);
  static final EndpointerConfig ENDPOINTER = EndpointerConfig.defaults();

  public static void main(String[] args) throws Exception {
    if (args[0].equals("init")) {
      init(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
      return;
    }
    Path wav = Path.of(args[1]);
    if (args[0].equals("compare")) {
      compare(wav);
      return;
    }
    ArchitectureSpec spec =
        ArchitectureSpec.read(Path.of(args[2])).withUnits(Integer.parseInt(args[3]));
    int chunk = Integer.parseInt(args[4]);
    long t0 = System.nanoTime();
    try (NDManager manager = NDManager.newBaseManager()) {
      AcousticModel model = AcousticModel.create(spec, manager, 1);
      ChunkedInference inference = ChunkedInference.create(model, manager, chunk);
      GreedyDecoder greedy = new GreedyDecoder();
      SegmentedFeatures sf =
          new SegmentedFeatures(FBANK, ENDPOINTER, StreamingFrontEnd.Options.defaults());
      long[] counts = new long[3]; // segments, output frames, hypothesis units
      java.util.function.Consumer<List<SegmentedFeatures.Segment>> recognise =
          segs -> {
            for (SegmentedFeatures.Segment s : segs) {
              FloatMatrix lp = logProbs(inference, s.features());
              counts[0]++;
              counts[1] += lp.rows();
              counts[2] += lp.rows() == 0 ? 0 : greedy.decode(lp).get(0).units().length;
              heap();
              if (TRACE && counts[0] % 50 == 0) {
                trace(counts[0], sf.bufferedFrames());
              }
            }
          };
      long samples = stream(wav, (block, n) -> recognise.accept(sf.accept(block, 0, n)));
      recognise.accept(sf.finish());
      double wall = (System.nanoTime() - t0) / 1e9;
      double audio = samples / 16000.0;
      System.out.printf(
          Locale.ROOT,
          "audio_s %.1f wall_s %.2f rtf %.4f segments %d output_frames %d units %d"
              + " peak_rss_mib %.1f max_heap_used_mib %.1f%n",
          audio,
          wall,
          wall / audio,
          counts[0],
          counts[1],
          counts[2],
          status("VmHWM:") / 1024.0,
          maxHeap / 1048576.0);
    }
  }

  /**
   * Writes a randomly initialised model file (format 3, default fbank options, units u1..u{n-1})
   * for bench/long_audio.sh when no trained model is given: compute and memory, not accuracy.
   */
  static void init(Path out, Path specFile, int units) throws Exception {
    ArchitectureSpec spec = ArchitectureSpec.read(specFile).withUnits(units);
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 1; i < units; i++) {
      names.add("u" + i);
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      ModelFile.write(
          out,
          AcousticModel.create(spec, manager, 1),
          TrainConfig.defaults(),
          Units.of(names),
          java.util.Optional.of(FbankConfig.defaults()));
    }
  }

  /** Streams a 16 kHz WAV file block by block; returns the sample count. */
  static long stream(Path wav, SampleSink sink) throws Exception {
    long[] n = new long[1];
    try (InputStream in = new BufferedInputStream(Files.newInputStream(wav))) {
      int rate =
          AudioStreams.readWav(
              in,
              wav,
              AudioStreams.DEFAULT_BLOCK_SAMPLES,
              (block, len) -> {
                n[0] += len;
                sink.accept(block, len);
              });
      if (rate != 16000) {
        throw new IllegalArgumentException(wav + " is " + rate + " Hz, this bench wants 16 kHz");
      }
    }
    return n[0];
  }

  /** The segment's log-probabilities through ChunkedInference, fed 100 frames at a time. */
  static FloatMatrix logProbs(ChunkedInference ci, FloatMatrix x) {
    FloatMatrix out = null;
    for (int at = 0; at < x.rows(); at += 100) {
      int to = Math.min(x.rows(), at + 100);
      FloatMatrix piece =
          new FloatMatrix(
              to - at, x.cols(), Arrays.copyOfRange(x.data(), at * x.cols(), to * x.cols()));
      out = concat(out, ci.accept(piece));
    }
    return concat(out, ci.finish());
  }

  static FloatMatrix concat(FloatMatrix a, FloatMatrix b) {
    if (a == null || a.rows() == 0) {
      return b;
    }
    float[] d = Arrays.copyOf(a.data(), a.data().length + b.data().length);
    System.arraycopy(b.data(), 0, d, a.data().length, b.data().length);
    return new FloatMatrix(a.rows() + b.rows(), a.cols(), d);
  }

  // ---------------------------------------------------------------- the CMVN comparison

  static void compare(Path wav) throws Exception {
    StreamingFrontEnd.Options rawOnly = new StreamingFrontEnd.Options(0, false, 0, 1);
    // pass 1: per-speaker statistics over every segment of the file
    SegmentedFeatures first = new SegmentedFeatures(FBANK, ENDPOINTER, rawOnly);
    Cmvn.CmvnStats speaker = Cmvn.CmvnStats.zeros(FBANK.dim());
    stream(wav, (b, n) -> first.accept(b, 0, n).forEach(s -> Cmvn.accumulate(speaker, s.features())));
    first.finish().forEach(s -> Cmvn.accumulate(speaker, s.features()));
    // pass 2: the same segments raw, with the segmented sliding CMVN, and from the whole stream
    SegmentedFeatures raw = new SegmentedFeatures(FBANK, ENDPOINTER, rawOnly);
    SegmentedFeatures used =
        new SegmentedFeatures(FBANK, ENDPOINTER, StreamingFrontEnd.Options.defaults());
    StreamingFrontEnd whole = new StreamingFrontEnd(FBANK, StreamingFrontEnd.Options.defaults());
    Deque<SegmentedFeatures.Segment> raws = new ArrayDeque<>();
    Deque<SegmentedFeatures.Segment> useds = new ArrayDeque<>();
    Growing streamed = new Growing(); // every frame of the whole-stream front end
    stream(
        wav,
        (b, n) -> {
          raws.addAll(raw.accept(b, 0, n));
          useds.addAll(used.accept(b, 0, n));
          streamed.add(whole.accept(b, 0, n));
        });
    raws.addAll(raw.finish());
    useds.addAll(used.finish());
    streamed.add(whole.finish());
    double[] acc = new double[7];
    while (!raws.isEmpty()) {
      SegmentedFeatures.Segment r = raws.removeFirst();
      SegmentedFeatures.Segment u = useds.removeFirst();
      FloatMatrix x = r.features();
      FloatMatrix perSegment = Cmvn.apply(x, Cmvn.of(x), false);
      FloatMatrix perSpeaker = Cmvn.apply(x, speaker, false);
      int[] f = r.span().frames(FBANK.windowShift(), FBANK.windowSize() / 2);
      int d = x.cols();
      for (int t = 0; t < x.rows(); t++) {
        for (int c = 0; c < d; c++) {
          double seg = perSegment.data()[t * d + c];
          double spk = perSpeaker.data()[t * d + c];
          double a = u.features().data()[t * u.features().cols() + c];
          double w = streamed.data[(f[0] + t) * streamed.cols + c];
          acc[0] += Math.abs(a - seg);
          acc[1] += Math.abs(a - spk);
          acc[2] += Math.abs(w - seg);
          acc[3] += Math.abs(w - spk);
          acc[4] += Math.abs(seg - spk);
          acc[5] += Math.abs(spk);
          acc[6]++;
        }
      }
    }
    double n = acc[6];
    System.out.printf(
        Locale.ROOT,
        "cmvn_mad segmented_vs_segment %.4f segmented_vs_speaker %.4f stream_vs_segment %.4f"
            + " stream_vs_speaker %.4f segment_vs_speaker %.4f mean_abs %.4f values %d%n",
        acc[0] / n,
        acc[1] / n,
        acc[2] / n,
        acc[3] / n,
        acc[4] / n,
        acc[5] / n,
        (long) n);
  }

  /** Rows appended to one growing array. */
  static final class Growing {
    float[] data = new float[0];
    int size;
    int cols;

    void add(FloatMatrix m) {
      cols = m.cols();
      if (size + m.data().length > data.length) {
        data = Arrays.copyOf(data, Math.max(size + m.data().length, 2 * data.length));
      }
      System.arraycopy(m.data(), 0, data, size, m.data().length);
      size += m.data().length;
    }
  }

  // ---------------------------------------------------------------- memory

  static long maxHeap;

  /** With -Dlongaudio.trace=true: resident memory and live heap every 50 segments (stderr). */
  static final boolean TRACE = Boolean.getBoolean("longaudio.trace");

  static void heap() {
    Runtime r = Runtime.getRuntime();
    maxHeap = Math.max(maxHeap, r.totalMemory() - r.freeMemory());
  }

  static void trace(long segments, int heldFrames) {
    System.gc();
    Runtime r = Runtime.getRuntime();
    try {
      System.err.printf(
          Locale.ROOT,
          "segments %d rss_mib %.1f live_heap_mib %.1f held_frames %d%n",
          segments,
          status("VmRSS:") / 1024.0,
          (r.totalMemory() - r.freeMemory()) / 1048576.0,
          heldFrames);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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

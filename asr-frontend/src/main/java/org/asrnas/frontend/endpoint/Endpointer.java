package org.asrnas.frontend.endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asrnas.core.Checks;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.features.SampleWindow;

/**
 * An energy-based endpointer: splits a recording of any length into speech segments, streaming
 * (samples in, closed segments out, memory bounded by the longest segment's frame energies).
 *
 * <p>Per frame t (25 ms every 10 ms, snip-edges framing as the fbank), the log energy of the
 * frame's samples after removing their mean, in dB of 16-bit integer scale floored at 0 dB (one
 * quantisation step), {@code E_t = 10 log10(max(1, mean((x − x̄)²)))}. The noise floor follows the
 * quietest frames at once and rises slowly towards louder ones,
 *
 * <pre>
 *   F_t = min(E_t, F_{t−1} + r · shift)       F_{−1} = min of E over the first initialFloorSeconds
 *   speech_t = E_t &gt; F_t + threshold
 * </pre>
 *
 * (r = {@code floorRiseDbPerSecond}), the adaptive-threshold energy detector of speech endpointing
 * (Rabiner and Sambur 1975; Kaldi's {@code compute-vad} thresholds the same log energy against the
 * utterance mean instead, which needs the whole file). Speech frames closer than {@code
 * minSilenceMs} are joined into one segment; a segment with less than {@code minSegmentMs} between
 * its first and last speech frame is dropped; one that reaches {@code maxSegmentSeconds} is split
 * at the lowest-energy frame of its second half (so no piece is shorter than half the maximum), and
 * the rest continues; segments get {@code paddingMs} on each side that is not a split point. Frame
 * t stands for samples {@code [t·shift + (window − shift)/2, (t+1)·shift + (window − shift)/2)},
 * the shift around its centre. Defaults are WebRTC/Silero-like: 10 dB, 300 ms pauses, 250 ms
 * minimum, 30 s maximum, 100 ms padding (docs/streaming.md).
 *
 * <p>Not thread-safe: one instance per stream; {@link #finish()} closes the last segment and
 * resets.
 */
public final class Endpointer {
  private final EndpointerConfig config;
  private final int sampleRateHz;
  private final int window;
  private final int shift;
  private final int minSilence;
  private final int minSegment;
  private final int maxSegment;
  private final int padding;
  private final int initialFrames;
  private final double rise;

  // samples not yet framed
  private final SampleWindow samples = new SampleWindow();

  // energies of frames from energyStart on (the open segment and the frames awaiting the floor)
  private double[] energy = new double[0];
  private int energyStart;
  private int energyFrames;
  private int framesSeen;
  private int decided;

  private double floor = Double.NaN;
  private int segmentStart = -1;
  private boolean startIsSplit;
  private int lastSpeech = -1;
  private int previousEnd;

  public Endpointer(EndpointerConfig config, int sampleRateHz) {
    this.config = Checks.checkNotNull(config, "config");
    Checks.checkArgument(sampleRateHz > 0, "sample rate must be > 0, got %s", sampleRateHz);
    this.sampleRateHz = sampleRateHz;
    this.window = Math.max(1, (int) (sampleRateHz * config.frameLengthMs() / 1000));
    this.shift = Math.max(1, (int) (sampleRateHz * config.frameShiftMs() / 1000));
    double framesPerMs = 1.0 / config.frameShiftMs();
    this.minSilence = Math.max(1, (int) Math.round(config.minSilenceMs() * framesPerMs));
    this.minSegment = (int) Math.round(config.minSegmentMs() * framesPerMs);
    this.maxSegment =
        Math.max(2, (int) Math.round(config.maxSegmentSeconds() * 1000 * framesPerMs));
    this.padding = (int) Math.round(config.paddingMs() * framesPerMs);
    this.initialFrames =
        Math.max(1, (int) Math.round(config.initialFloorSeconds() * 1000 * framesPerMs));
    this.rise = config.floorRiseDbPerSecond() * config.frameShiftMs() / 1000;
  }

  /** The segments of a whole recording (mono, any rate). */
  public static List<SpeechSegment> segments(Audio audio, EndpointerConfig config) {
    Endpointer e = new Endpointer(config, audio.sampleRateHz());
    List<SpeechSegment> out = new ArrayList<>(e.accept(audio.samples(), 0, audio.numSamples()));
    out.addAll(e.finish());
    return out;
  }

  public EndpointerConfig config() {
    return config;
  }

  /** Frame energies held now (the open segment plus at most minSilence frames). */
  public int bufferedFrames() {
    return energyFrames;
  }

  /** Adds samples (16-bit integer scale) and returns the segments that are now closed, in order. */
  public List<SpeechSegment> accept(float[] x, int offset, int length) {
    samples.append(x, offset, length);
    while ((long) framesSeen * shift + window <= samples.received()) {
      pushEnergy(frameEnergy((int) ((long) framesSeen * shift - samples.start())));
      framesSeen++;
    }
    samples.dropBefore((long) framesSeen * shift);
    List<SpeechSegment> out = new ArrayList<>();
    if (Double.isNaN(floor) && framesSeen >= initialFrames) {
      initFloor();
    }
    if (!Double.isNaN(floor)) {
      decide(framesSeen, out);
    }
    return out;
  }

  /** Ends the recording: the open segment, if any; resets for the next one. */
  public List<SpeechSegment> finish() {
    List<SpeechSegment> out = new ArrayList<>();
    if (framesSeen > 0) {
      if (Double.isNaN(floor)) {
        initFloor();
      }
      decide(framesSeen, out);
      if (segmentStart >= 0) {
        close(lastSpeech + 1, false, out);
      }
    }
    samples.clear();
    energy = new double[0];
    energyStart = 0;
    energyFrames = 0;
    framesSeen = 0;
    decided = 0;
    floor = Double.NaN;
    segmentStart = -1;
    lastSpeech = -1;
    previousEnd = 0;
    return out;
  }

  private double frameEnergy(int at) {
    float[] x = samples.data();
    double mean = 0;
    for (int i = 0; i < window; i++) {
      mean += x[at + i];
    }
    mean /= window;
    double e = 0;
    for (int i = 0; i < window; i++) {
      double v = x[at + i] - mean;
      e += v * v;
    }
    return 10 * Math.log10(Math.max(1.0, e / window));
  }

  private void pushEnergy(double e) {
    if (energyFrames == energy.length) {
      energy = Arrays.copyOf(energy, Math.max(64, 2 * energy.length));
    }
    energy[energyFrames++] = e;
  }

  private double energyAt(int frame) {
    return energy[frame - energyStart];
  }

  private void initFloor() {
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < Math.min(initialFrames, energyFrames); i++) {
      min = Math.min(min, energy[i]);
    }
    floor = min;
  }

  /** Runs the decisions of frames {@code [decided, to)}. */
  private void decide(int to, List<SpeechSegment> out) {
    for (int t = decided; t < to; t++) {
      double e = energyAt(t);
      floor = Math.min(e, floor + rise);
      boolean speech = e > floor + config.thresholdDb();
      if (segmentStart < 0) {
        if (speech) {
          segmentStart = t;
          startIsSplit = false;
          lastSpeech = t;
        }
      } else {
        if (speech) {
          lastSpeech = t;
        }
        if (t - lastSpeech >= minSilence) {
          close(lastSpeech + 1, false, out);
        } else if (t + 1 - segmentStart >= maxSegment) {
          split(t, out);
        }
      }
    }
    decided = to;
    // energies before the open segment (minus its padding) are no longer needed
    int keep = segmentStart >= 0 ? Math.max(0, segmentStart - padding) : Math.max(0, to - padding);
    keep = Math.min(keep, to);
    int k = keep - energyStart;
    if (k > 0) {
      System.arraycopy(energy, k, energy, 0, energyFrames - k);
      energyFrames -= k;
      energyStart += k;
    }
  }

  /** Splits the open segment at its quietest frame in the second half, up to frame t. */
  private void split(int t, List<SpeechSegment> out) {
    int from = segmentStart + maxSegment / 2;
    int best = t;
    double low = Double.POSITIVE_INFINITY;
    for (int f = from; f <= t; f++) {
      if (energyAt(f) < low) {
        low = energyAt(f);
        best = f;
      }
    }
    int cut = Math.max(best, segmentStart + 1);
    int keepLast = lastSpeech;
    close(cut, true, out);
    segmentStart = cut;
    startIsSplit = true;
    lastSpeech = Math.max(keepLast, cut);
  }

  /** Emits the open segment ending (exclusive) at frame {@code end}. */
  private void close(int end, boolean atSplit, List<SpeechSegment> out) {
    int start = segmentStart;
    segmentStart = -1;
    if (end - start < minSegment && !atSplit && !startIsSplit) {
      return;
    }
    int s = startIsSplit ? start : Math.max(previousEnd, start - padding);
    int e = atSplit ? end : Math.min(end + padding, framesSeen);
    previousEnd = e;
    long offset = (window - shift) / 2;
    long first = s == 0 ? 0 : s * (long) shift + offset;
    long last = Math.min((long) e * shift + offset, samples.received());
    if (e >= framesSeen && !atSplit) {
      last = samples.received(); // padded up to the last frame: the samples after it too
    }
    if (last > first) {
      out.add(new SpeechSegment(first, last, sampleRateHz));
    }
  }
}

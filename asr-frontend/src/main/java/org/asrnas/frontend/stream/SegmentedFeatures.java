package org.asrnas.frontend.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.frontend.endpoint.Endpointer;
import org.asrnas.frontend.endpoint.EndpointerConfig;
import org.asrnas.frontend.endpoint.SpeechSegment;
import org.asrnas.frontend.features.Deltas;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.frontend.features.SlidingCmvn;
import org.asrnas.frontend.features.StreamingFbank;

/**
 * A long recording or a live stream cut into speech segments, each with a model's input features:
 * samples go to a {@link StreamingFbank} and an {@link Endpointer}; the fbank frames of each closed
 * segment go, segment after segment, through one {@link SlidingCmvn} (so its window of N frames
 * spans neighbouring segments but never the pauses between them), and deltas are computed per
 * segment with its edges replicated, as {@code add-deltas} does per utterance in training.
 *
 * <p>This is the CMVN choice of docs/streaming.md: statistics over speech frames only, as Kaldi's
 * per-speaker CMVN over a {@code segments} file, approximated online by a centred window. A segment
 * of at most N frames in a recording holding no other speech gets exactly per-utterance CMVN. A
 * segment is returned once the endpointer has closed it and the CMVN has seen N/2 frames of the
 * speech after it (or the stream ended); memory holds the open segment's samples' frames plus N
 * frames.
 *
 * <p>Not thread-safe: one instance per stream; {@link #finish()} returns the rest and resets.
 */
public final class SegmentedFeatures {
  /** A segment and its (frames, fbank dims · (deltaOrder + 1)) features. */
  public record Segment(SpeechSegment span, FloatMatrix features) {}

  private final FbankConfig fbankConfig;
  private final StreamingFrontEnd.Options options;
  private final StreamingFbank fbank;
  private final Endpointer endpointer;
  private final SlidingCmvn cmvn;
  private final int dim;
  private final int centre;

  // fbank frames from rawStart on
  private float[] raw = new float[0];
  private int rawStart;
  private int rawFrames;

  /** Closed segments whose frames the fbank has not produced yet. */
  private final Deque<SpeechSegment> closed = new ArrayDeque<>();

  /** Segments handed to the CMVN, waiting for their normalised frames. */
  private final Deque<SpeechSegment> queued = new ArrayDeque<>();

  private final Deque<Integer> queuedRows = new ArrayDeque<>();
  private float[] normalised = new float[0];
  private int normalisedRows;

  public SegmentedFeatures(
      FbankConfig fbankConfig,
      EndpointerConfig endpointerConfig,
      StreamingFrontEnd.Options options) {
    this(fbankConfig, endpointerConfig, options, 0L);
  }

  /**
   * @param ditherSeed seeds the fbank dither (one generator drawn frame after frame, as {@link
   *     Fbank#compute} with this seed); irrelevant with dither 0
   */
  public SegmentedFeatures(
      FbankConfig fbankConfig,
      EndpointerConfig endpointerConfig,
      StreamingFrontEnd.Options options,
      long ditherSeed) {
    this.fbankConfig = Checks.checkNotNull(fbankConfig, "fbankConfig");
    this.options = Checks.checkNotNull(options, "options");
    Fbank f = new Fbank(fbankConfig);
    this.fbank = new StreamingFbank(f, ditherSeed);
    this.endpointer = new Endpointer(endpointerConfig, (int) fbankConfig.sampleFrequency());
    this.dim = f.dim();
    this.cmvn =
        options.cmvnWindowFrames() == 0
            ? null
            : new SlidingCmvn(dim, options.cmvnWindowFrames(), options.normVars());
    this.centre =
        fbankConfig.snipEdges() ? fbankConfig.windowSize() / 2 : fbankConfig.windowShift() / 2;
  }

  /** Columns of each segment's features. */
  public int outputDim() {
    return dim * (options.deltaOrder() + 1);
  }

  /**
   * The fbank frames of the stream that make a segment's features, {@code [first, last)}: those
   * whose centre lies in the segment. Row 0 of {@link Segment#features()} is frame {@code first},
   * which starts at sample {@code first · windowShift} of the stream.
   */
  public int[] frames(SpeechSegment segment) {
    return segment.frames(fbankConfig.windowShift(), centre);
  }

  /** Fbank frames held now. */
  public int bufferedFrames() {
    return rawFrames + normalisedRows;
  }

  /** Adds samples (16-bit scale, at the fbank's rate) and returns the segments now complete. */
  public List<Segment> accept(float[] samples, int offset, int length) {
    addRaw(fbank.accept(samples, offset, length));
    closed.addAll(endpointer.accept(samples, offset, length));
    List<Segment> out = new ArrayList<>();
    route(false, out);
    return out;
  }

  /** Ends the stream: every remaining segment; resets. */
  public List<Segment> finish() {
    addRaw(fbank.finish());
    closed.addAll(endpointer.finish());
    List<Segment> out = new ArrayList<>();
    route(true, out);
    raw = new float[0];
    rawStart = 0;
    rawFrames = 0;
    normalised = new float[0];
    normalisedRows = 0;
    return out;
  }

  private void route(boolean end, List<Segment> out) {
    while (!closed.isEmpty()) {
      int[] f = frames(closed.peekFirst());
      int have = rawStart + rawFrames;
      if (f[1] > have && !end) {
        break;
      }
      SpeechSegment s = closed.removeFirst();
      int from = Math.max(f[0], rawStart);
      int to = Math.min(f[1], have);
      FloatMatrix seg = rawRows(from, to);
      dropRaw(to);
      if (seg.rows() == 0) {
        continue; // shorter than one frame: nothing to recognise
      }
      queued.addLast(s);
      queuedRows.addLast(seg.rows());
      addNormalised(cmvn == null ? seg : cmvn.accept(seg));
    }
    if (end && cmvn != null) {
      addNormalised(cmvn.finish());
    }
    while (!queued.isEmpty() && queuedRows.peekFirst() <= normalisedRows) {
      int n = queuedRows.removeFirst();
      SpeechSegment s = queued.removeFirst();
      float[] d = Arrays.copyOf(normalised, n * dim);
      System.arraycopy(normalised, n * dim, normalised, 0, (normalisedRows - n) * dim);
      normalisedRows -= n;
      FloatMatrix x = new FloatMatrix(n, dim, d);
      out.add(new Segment(s, Deltas.compute(x, options.deltaOrder(), options.deltaWindow())));
    }
    if (closed.isEmpty()) {
      // frames before the open segment's earliest possible start are never needed
      dropRaw(rawStart + rawFrames - horizonFrames());
    }
  }

  /** How far back an open segment may start: the longest segment, its padding and the floor. */
  private int horizonFrames() {
    EndpointerConfig c = endpointer.config();
    double ms =
        c.maxSegmentSeconds() * 1000
            + c.minSilenceMs()
            + c.paddingMs()
            + c.initialFloorSeconds() * 1000
            + 10 * c.frameLengthMs();
    return (int) Math.ceil(ms / fbankConfig.frameShiftMs());
  }

  private void addRaw(FloatMatrix m) {
    int need = (rawFrames + m.rows()) * dim;
    if (need > raw.length) {
      raw = Arrays.copyOf(raw, Math.max(need, 2 * raw.length));
    }
    System.arraycopy(m.data(), 0, raw, rawFrames * dim, m.rows() * dim);
    rawFrames += m.rows();
  }

  private FloatMatrix rawRows(int from, int to) {
    int n = Math.max(0, to - from);
    float[] d = Arrays.copyOfRange(raw, (from - rawStart) * dim, (from - rawStart + n) * dim);
    return new FloatMatrix(n, dim, d);
  }

  private void dropRaw(int frame) {
    int k = Math.min(rawFrames, frame - rawStart);
    if (k > 0) {
      System.arraycopy(raw, k * dim, raw, 0, (rawFrames - k) * dim);
      rawFrames -= k;
      rawStart += k;
    }
  }

  private void addNormalised(FloatMatrix m) {
    int need = (normalisedRows + m.rows()) * dim;
    if (need > normalised.length) {
      normalised = Arrays.copyOf(normalised, Math.max(need, 2 * normalised.length));
    }
    System.arraycopy(m.data(), 0, normalised, normalisedRows * dim, m.rows() * dim);
    normalisedRows += m.rows();
  }
}

package org.asrnas.frontend.endpoint;

import org.asrnas.core.Checks;

/**
 * Options of the {@link Endpointer}; immutable, {@link #defaults()} and {@code withX}.
 *
 * @param frameLengthMs energy frame length (25 ms, as the fbank frames)
 * @param frameShiftMs energy frame shift (10 ms)
 * @param thresholdDb a frame is speech when its energy is this far above the noise floor (10 dB)
 * @param floorRiseDbPerSecond how fast the noise floor may rise towards louder frames (3 dB/s); it
 *     falls at once to a quieter frame
 * @param initialFloorSeconds the floor starts at the quietest frame of the first this many seconds,
 *     so that speech at the very start is found when a pause follows within that time (2 s;
 *     decisions wait that long once)
 * @param minSilenceMs a pause at least this long ends a segment (300 ms); shorter ones stay inside
 * @param minSegmentMs segments with less speech than this are dropped as clicks (250 ms)
 * @param maxSegmentSeconds a segment reaching this length is split at its quietest frame in the
 *     second half (30 s)
 * @param paddingMs added before and after each segment where it did not touch a split (100 ms; at
 *     most half of minSilenceMs, so padded segments never overlap)
 */
public record EndpointerConfig(
    double frameLengthMs,
    double frameShiftMs,
    double thresholdDb,
    double floorRiseDbPerSecond,
    double initialFloorSeconds,
    double minSilenceMs,
    double minSegmentMs,
    double maxSegmentSeconds,
    double paddingMs) {

  public EndpointerConfig {
    Checks.checkArgument(
        frameLengthMs > 0 && frameLengthMs <= 1000,
        "frameLengthMs must be in (0, 1000], got %s",
        frameLengthMs);
    Checks.checkArgument(
        frameShiftMs > 0 && frameShiftMs <= frameLengthMs,
        "frameShiftMs must be in (0, frameLengthMs], got %s",
        frameShiftMs);
    Checks.checkArgument(
        thresholdDb > 0 && thresholdDb < 100,
        "thresholdDb must be in (0, 100), got %s",
        thresholdDb);
    Checks.checkArgument(
        floorRiseDbPerSecond >= 0 && Double.isFinite(floorRiseDbPerSecond),
        "floorRiseDbPerSecond must be finite and >= 0, got %s",
        floorRiseDbPerSecond);
    Checks.checkArgument(
        initialFloorSeconds >= 0 && initialFloorSeconds <= 60,
        "initialFloorSeconds must be in [0, 60], got %s",
        initialFloorSeconds);
    Checks.checkArgument(
        minSilenceMs >= frameShiftMs,
        "minSilenceMs must be >= one frame shift, got %s",
        minSilenceMs);
    Checks.checkArgument(minSegmentMs >= 0, "minSegmentMs must be >= 0, got %s", minSegmentMs);
    Checks.checkArgument(
        maxSegmentSeconds * 1000 >= 2 * Math.max(minSegmentMs, frameShiftMs)
            && maxSegmentSeconds <= 3600,
        "maxSegmentSeconds must be at least twice minSegmentMs and at most 3600, got %s",
        maxSegmentSeconds);
    Checks.checkArgument(
        paddingMs >= 0 && 2 * paddingMs <= minSilenceMs,
        "paddingMs must be in [0, minSilenceMs / 2] so that segments never overlap, got %s",
        paddingMs);
  }

  /** The defaults of the parameter list above. */
  public static EndpointerConfig defaults() {
    return new EndpointerConfig(25, 10, 10, 3, 2, 300, 250, 30, 100);
  }

  public EndpointerConfig withThresholdDb(double v) {
    return new EndpointerConfig(
        frameLengthMs,
        frameShiftMs,
        v,
        floorRiseDbPerSecond,
        initialFloorSeconds,
        minSilenceMs,
        minSegmentMs,
        maxSegmentSeconds,
        paddingMs);
  }

  public EndpointerConfig withMinSilenceMs(double v) {
    return new EndpointerConfig(
        frameLengthMs,
        frameShiftMs,
        thresholdDb,
        floorRiseDbPerSecond,
        initialFloorSeconds,
        v,
        minSegmentMs,
        maxSegmentSeconds,
        paddingMs);
  }

  public EndpointerConfig withMinSegmentMs(double v) {
    return new EndpointerConfig(
        frameLengthMs,
        frameShiftMs,
        thresholdDb,
        floorRiseDbPerSecond,
        initialFloorSeconds,
        minSilenceMs,
        v,
        maxSegmentSeconds,
        paddingMs);
  }

  public EndpointerConfig withMaxSegmentSeconds(double v) {
    return new EndpointerConfig(
        frameLengthMs,
        frameShiftMs,
        thresholdDb,
        floorRiseDbPerSecond,
        initialFloorSeconds,
        minSilenceMs,
        minSegmentMs,
        v,
        paddingMs);
  }

  public EndpointerConfig withPaddingMs(double v) {
    return new EndpointerConfig(
        frameLengthMs,
        frameShiftMs,
        thresholdDb,
        floorRiseDbPerSecond,
        initialFloorSeconds,
        minSilenceMs,
        minSegmentMs,
        maxSegmentSeconds,
        v);
  }
}

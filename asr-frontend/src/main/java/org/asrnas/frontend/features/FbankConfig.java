package org.asrnas.frontend.features;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.json.StrictJson;

/**
 * Options of {@link Fbank}, named after Kaldi's {@code compute-fbank-feats} options in camelCase
 * ({@code --num-mel-bins} is {@code numMelBins}, {@code --frame-length} is {@code frameLengthMs}).
 * Defaults are Kaldi's except {@code numMelBins} 40 (ST-NAS). JSON files hold any subset of the
 * keys; an unknown key is an error naming the key and the file.
 *
 * @param sampleFrequency Hz the audio must have ({@code --sample-frequency}, 16000)
 * @param frameLengthMs window length (25)
 * @param frameShiftMs hop (10)
 * @param dither Gaussian noise standard deviation on int16-scale samples (1.0; 0 disables)
 * @param preemphasisCoefficient (0.97)
 * @param removeDcOffset subtract each frame's mean (true)
 * @param windowType (povey)
 * @param roundToPowerOfTwo zero-pad frames to a power of two for the FFT (true)
 * @param blackmanCoeff (0.42)
 * @param snipEdges true: only frames that fit; false: reflect at the ends, frames = round(N/shift)
 * @param numMelBins (40 here, 23 in Kaldi)
 * @param lowFreq lowest mel-bin edge in Hz (20)
 * @param highFreq highest edge; 0 or negative counts from Nyquist (0)
 * @param usePower power spectrum (true) or magnitude (false)
 * @param useLogFbank log of the mel energies, floored at float epsilon (true); JSON also accepts
 *     {@code useLog}
 * @param useEnergy prepend the log frame energy as column 0 (false)
 * @param energyFloor floor of the energy (not log); 0 disables (0)
 * @param rawEnergy energy before pre-emphasis and windowing (true)
 * @param htkCompat put the energy last instead of first (false)
 */
public record FbankConfig(
    double sampleFrequency,
    double frameLengthMs,
    double frameShiftMs,
    double dither,
    double preemphasisCoefficient,
    boolean removeDcOffset,
    WindowType windowType,
    boolean roundToPowerOfTwo,
    double blackmanCoeff,
    boolean snipEdges,
    int numMelBins,
    double lowFreq,
    double highFreq,
    boolean usePower,
    boolean useLogFbank,
    boolean useEnergy,
    double energyFloor,
    boolean rawEnergy,
    boolean htkCompat) {

  public FbankConfig {
    // Bounds keep every derived size small: a frame of 1e7 ms would need gigabytes per frame, a
    // shift below one sample divides by zero.
    Checks.checkArgument(
        sampleFrequency >= MIN_SAMPLE_FREQUENCY && sampleFrequency <= MAX_SAMPLE_FREQUENCY,
        "sampleFrequency must be in [%s, %s] Hz, got %s",
        MIN_SAMPLE_FREQUENCY,
        MAX_SAMPLE_FREQUENCY,
        sampleFrequency);
    Checks.checkArgument(
        frameShiftMs > 0 && frameShiftMs <= MAX_FRAME_MS,
        "frameShiftMs must be in (0, %s], got %s",
        MAX_FRAME_MS,
        frameShiftMs);
    Checks.checkArgument(
        frameLengthMs > 0 && frameLengthMs <= MAX_FRAME_MS,
        "frameLengthMs must be in (0, %s], got %s",
        MAX_FRAME_MS,
        frameLengthMs);
    Checks.checkArgument(
        (int) (sampleFrequency * frameLengthMs * 0.001) >= 2,
        "a frame of %s ms at %s Hz has fewer than 2 samples",
        frameLengthMs,
        sampleFrequency);
    Checks.checkArgument(
        (int) (sampleFrequency * frameShiftMs * 0.001) >= 1,
        "frameShiftMs %s is shorter than one sample at %s Hz",
        frameShiftMs,
        sampleFrequency);
    Checks.checkArgument(
        dither >= 0 && Double.isFinite(dither), "dither must be finite and >= 0, got %s", dither);
    Checks.checkArgument(
        Double.isFinite(blackmanCoeff), "blackmanCoeff must be finite, got %s", blackmanCoeff);
    Checks.checkArgument(
        preemphasisCoefficient >= 0 && preemphasisCoefficient <= 1,
        "preemphasisCoefficient must be in [0, 1], got %s",
        preemphasisCoefficient);
    Checks.checkNotNull(windowType, "windowType");
    Checks.checkArgument(
        numMelBins >= 3 && numMelBins <= MAX_MEL_BINS,
        "numMelBins must be in [3, %s], got %s",
        MAX_MEL_BINS,
        numMelBins);
    Checks.checkArgument(
        energyFloor >= 0 && Double.isFinite(energyFloor),
        "energyFloor must be finite and >= 0, got %s",
        energyFloor);
    double nyquist = sampleFrequency / 2;
    double high = highFreq > 0 ? highFreq : nyquist + highFreq;
    Checks.checkArgument(
        lowFreq >= 0 && lowFreq < nyquist && high > lowFreq && high <= nyquist,
        "need 0 <= lowFreq < highFreq <= Nyquist (%s Hz), got lowFreq %s and highFreq %s",
        nyquist,
        lowFreq,
        highFreq);
  }

  /** Lowest {@code sampleFrequency} in Hz. */
  public static final double MIN_SAMPLE_FREQUENCY = 1000;

  /** Highest {@code sampleFrequency} in Hz. */
  public static final double MAX_SAMPLE_FREQUENCY = 384000;

  /** Longest frame length and shift in ms (Kaldi's defaults are 25 and 10). */
  public static final double MAX_FRAME_MS = 1000;

  /** Most mel bins (Kaldi recipes use 23 to 80). */
  public static final int MAX_MEL_BINS = 1024;

  /** Kaldi's defaults, 40 mel bins, 16 kHz. */
  public static FbankConfig defaults() {
    return new FbankConfig(
        16000,
        25,
        10,
        1.0,
        0.97,
        true,
        WindowType.POVEY,
        true,
        0.42,
        true,
        40,
        20,
        0,
        true,
        true,
        false,
        0.0,
        true,
        false);
  }

  /** Samples per frame: {@code (int) (sampleFrequency * frameLengthMs / 1000)}. */
  public int windowSize() {
    return (int) (sampleFrequency * frameLengthMs * 0.001);
  }

  /** Samples per hop. */
  public int windowShift() {
    return (int) (sampleFrequency * frameShiftMs * 0.001);
  }

  /** FFT length. */
  public int paddedWindowSize() {
    int w = windowSize();
    return roundToPowerOfTwo ? Integer.highestOneBit(w - 1) << 1 : w;
  }

  /** Output columns: mel bins, plus one with {@code useEnergy}. */
  public int dim() {
    return numMelBins + (useEnergy ? 1 : 0);
  }

  /**
   * Frames Kaldi produces for {@code numSamples} samples: with snipEdges {@code 1 + (N - window) /
   * shift} (0 when N < window), else {@code (N + shift / 2) / shift}.
   */
  public int numFrames(long numSamples) {
    int w = windowSize();
    int s = windowShift();
    if (snipEdges) {
      return numSamples < w ? 0 : (int) (1 + (numSamples - w) / s);
    }
    return (int) ((numSamples + s / 2) / s);
  }

  public FbankConfig withSampleFrequency(double v) {
    return with("sampleFrequency", v);
  }

  public FbankConfig withNumMelBins(int v) {
    return with("numMelBins", v);
  }

  public FbankConfig withDither(double v) {
    return with("dither", v);
  }

  public FbankConfig withSnipEdges(boolean v) {
    return with("snipEdges", v);
  }

  public FbankConfig withWindowType(WindowType v) {
    return with("windowType", v.kaldiName());
  }

  public FbankConfig withUseEnergy(boolean v) {
    return with("useEnergy", v);
  }

  public FbankConfig withFrameShiftMs(double v) {
    return with("frameShiftMs", v);
  }

  public FbankConfig withFrameLengthMs(double v) {
    return with("frameLengthMs", v);
  }

  public FbankConfig withHighFreq(double v) {
    return with("highFreq", v);
  }

  public FbankConfig withLowFreq(double v) {
    return with("lowFreq", v);
  }

  public FbankConfig withUsePower(boolean v) {
    return with("usePower", v);
  }

  /** A copy with one option changed by its JSON key (for options without a {@code withX}). */
  public FbankConfig with(String key, Object value) {
    JsonObject o = toJsonObject();
    JsonPrimitive p =
        value instanceof Boolean b
            ? new JsonPrimitive(b)
            : value instanceof Number n
                ? new JsonPrimitive(n)
                : new JsonPrimitive(value.toString());
    if (!o.has(key) && !key.equals("useLog")) {
      throw new IllegalArgumentException(
          "unknown fbank option '" + key + "'; known: " + o.keySet());
    }
    o.add(key, p);
    try {
      return fromJson(o, null);
    } catch (AsrInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Every option as a JSON object (the resolved config recorded with features). */
  public JsonObject toJsonObject() {
    JsonObject o = new JsonObject();
    o.addProperty("sampleFrequency", sampleFrequency);
    o.addProperty("frameLengthMs", frameLengthMs);
    o.addProperty("frameShiftMs", frameShiftMs);
    o.addProperty("dither", dither);
    o.addProperty("preemphasisCoefficient", preemphasisCoefficient);
    o.addProperty("removeDcOffset", removeDcOffset);
    o.addProperty("windowType", windowType.kaldiName());
    o.addProperty("roundToPowerOfTwo", roundToPowerOfTwo);
    o.addProperty("blackmanCoeff", blackmanCoeff);
    o.addProperty("snipEdges", snipEdges);
    o.addProperty("numMelBins", numMelBins);
    o.addProperty("lowFreq", lowFreq);
    o.addProperty("highFreq", highFreq);
    o.addProperty("usePower", usePower);
    o.addProperty("useLogFbank", useLogFbank);
    o.addProperty("useEnergy", useEnergy);
    o.addProperty("energyFloor", energyFloor);
    o.addProperty("rawEnergy", rawEnergy);
    o.addProperty("htkCompat", htkCompat);
    return o;
  }

  /** Pretty JSON of every option. */
  public String toJson() {
    return new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(toJsonObject());
  }

  /**
   * Reads a JSON file of options (any subset; the rest keep their defaults). Strict JSON: errors
   * name the file and line:column, a missing file is "no such file".
   */
  public static FbankConfig read(Path file) throws IOException, AsrInputException {
    return fromJson(StrictJson.readObject(file), file);
  }

  /**
   * Options from a JSON object over {@link #defaults()}.
   *
   * @param file named in errors (may be null)
   */
  public static FbankConfig fromJson(JsonObject o, Path file) throws AsrInputException {
    Map<String, Object> v = new LinkedHashMap<>();
    FbankConfig d = defaults();
    JsonObject defs = d.toJsonObject();
    List<String> known = List.copyOf(defs.keySet());
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      String key = e.getKey().equals("useLog") ? "useLogFbank" : e.getKey();
      if (!defs.has(key)) {
        throw AsrInputException.inFile(
            file, "unknown fbank option '" + e.getKey() + "'; known options: " + known);
      }
      JsonElement x = e.getValue();
      JsonPrimitive def = defs.getAsJsonPrimitive(key);
      if (!x.isJsonPrimitive()
          || def.isBoolean() != x.getAsJsonPrimitive().isBoolean()
          || def.isNumber() != x.getAsJsonPrimitive().isNumber()) {
        throw AsrInputException.inFile(
            file,
            "fbank option '"
                + e.getKey()
                + "' must be a "
                + (def.isBoolean() ? "boolean" : def.isNumber() ? "number" : "string")
                + ", got "
                + StrictJson.abbreviate(x.toString()));
      }
      if (def.isNumber() && !Double.isFinite(x.getAsDouble())) {
        throw AsrInputException.inFile(
            file,
            "fbank option '"
                + e.getKey()
                + "' must be a finite number, got "
                + StrictJson.abbreviate(x.toString()));
      }
      v.put(key, x);
    }
    try {
      return new FbankConfig(
          num(v, "sampleFrequency", d.sampleFrequency),
          num(v, "frameLengthMs", d.frameLengthMs),
          num(v, "frameShiftMs", d.frameShiftMs),
          num(v, "dither", d.dither),
          num(v, "preemphasisCoefficient", d.preemphasisCoefficient),
          bool(v, "removeDcOffset", d.removeDcOffset),
          v.containsKey("windowType")
              ? WindowType.fromKaldiName(((JsonElement) v.get("windowType")).getAsString())
              : d.windowType,
          bool(v, "roundToPowerOfTwo", d.roundToPowerOfTwo),
          num(v, "blackmanCoeff", d.blackmanCoeff),
          bool(v, "snipEdges", d.snipEdges),
          integer(v, "numMelBins", d.numMelBins),
          num(v, "lowFreq", d.lowFreq),
          num(v, "highFreq", d.highFreq),
          bool(v, "usePower", d.usePower),
          bool(v, "useLogFbank", d.useLogFbank),
          bool(v, "useEnergy", d.useEnergy),
          num(v, "energyFloor", d.energyFloor),
          bool(v, "rawEnergy", d.rawEnergy),
          bool(v, "htkCompat", d.htkCompat));
    } catch (IllegalArgumentException x) {
      throw AsrInputException.inFile(file, StrictJson.abbreviateWords(x.getMessage()));
    }
  }

  private static double num(Map<String, Object> v, String k, double def) {
    return v.containsKey(k) ? ((JsonElement) v.get(k)).getAsDouble() : def;
  }

  private static int integer(Map<String, Object> v, String k, int def) {
    if (!v.containsKey(k)) {
      return def;
    }
    java.math.BigDecimal x = ((JsonElement) v.get(k)).getAsBigDecimal();
    try {
      return x.intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          k + " must be an integer, got " + StrictJson.abbreviate(x.toString()));
    }
  }

  private static boolean bool(Map<String, Object> v, String k, boolean def) {
    return v.containsKey(k) ? ((JsonElement) v.get(k)).getAsBoolean() : def;
  }
}

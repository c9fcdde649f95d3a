package org.asrnas.nas.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.json.StrictJson;
import org.asrnas.frontend.features.Cmvn;
import org.asrnas.frontend.features.Deltas;
import org.asrnas.frontend.features.FbankConfig;

/**
 * Everything between PCM samples and a model's input, as stored in a model file (format 3): the
 * fbank options ({@code frontend}), the CMVN statistics' scope and whether variances are
 * normalised, the delta order and window, and the network's frame subsampling (for times of the
 * output frames). The input of the network is {@code deltas(cmvn(fbank(pcm)))}, of {@code
 * frontend.dim() * (deltaOrder + 1)} columns.
 *
 * <p>JSON (one object; an unknown key is an error):
 *
 * <pre>{@code
 * {"frontend": {...fbank.json keys...}, "cmvn": "per-speaker", "normVars": true,
 *  "deltaOrder": 2, "deltaWindow": 2, "subsampling": 3}
 * }</pre>
 *
 * {@code frontend} is absent when the training features did not come with an {@code fbank.json}
 * (features from Kaldi's {@code make_fbank.sh}); then the options must come from elsewhere.
 *
 * @param frontend the fbank options of the training features, when known
 * @param cmvn the scope of the CMVN statistics in training
 * @param normVars CMVN also divides by the standard deviation
 * @param deltaOrder deltas appended after CMVN (0, 1 or 2)
 * @param deltaWindow delta regression half-window
 * @param subsampling output frames per input frame of the network, inverted (1, 2, 3, ...)
 */
public record FeaturePipeline(
    Optional<FbankConfig> frontend,
    CmvnScope cmvn,
    boolean normVars,
    int deltaOrder,
    int deltaWindow,
    int subsampling) {

  /** Over which frames CMVN statistics are accumulated. */
  public enum CmvnScope {
    /** All utterances of a speaker (utt2spk), as in training; an audio file is its own speaker. */
    PER_SPEAKER("per-speaker"),
    /** Each utterance alone. */
    PER_UTTERANCE("per-utterance");

    private final String key;

    CmvnScope(String key) {
      this.key = key;
    }

    /** The JSON value. */
    public String key() {
      return key;
    }

    static Optional<CmvnScope> parse(String s) {
      for (CmvnScope c : values()) {
        if (c.key.equals(s)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  private static final Set<String> KEYS =
      Set.of("frontend", "cmvn", "normVars", "deltaOrder", "deltaWindow", "subsampling");

  public FeaturePipeline {
    Checks.checkNotNull(frontend, "frontend");
    Checks.checkNotNull(cmvn, "cmvn");
    Checks.checkArgument(
        deltaOrder >= 0 && deltaOrder <= 2, "deltaOrder must be 0, 1 or 2, got %s", deltaOrder);
    Checks.checkArgument(deltaWindow >= 1, "deltaWindow must be >= 1, got %s", deltaWindow);
    Checks.checkArgument(subsampling >= 1, "subsampling must be >= 1, got %s", subsampling);
  }

  /**
   * The pipeline a model was trained with: per-speaker CMVN (what {@link Corpus} does), the
   * config's deltas, the architecture's subsampling.
   */
  public static FeaturePipeline of(
      Optional<FbankConfig> frontend, TrainConfig config, int subsampling) {
    return new FeaturePipeline(
        frontend,
        CmvnScope.PER_SPEAKER,
        config.normVars(),
        config.deltaOrder(),
        config.deltaWindow(),
        subsampling);
  }

  /** A copy with the given fbank options (those of a side file, or an override). */
  public FeaturePipeline withFrontend(FbankConfig f) {
    return new FeaturePipeline(
        Optional.of(f), cmvn, normVars, deltaOrder, deltaWindow, subsampling);
  }

  /** Columns of the network's input for base features of {@code baseDim} columns. */
  public int inputDim(int baseDim) {
    return baseDim * (deltaOrder + 1);
  }

  /** Time per network output frame: the fbank shift times the subsampling (needs a frontend). */
  public double outputFrameShiftSeconds() {
    FbankConfig f =
        frontend.orElseThrow(
            () -> new IllegalStateException("the pipeline has no fbank options (frontend)"));
    return f.frameShiftMs() * subsampling / 1000.0;
  }

  /**
   * The network's input for the fbank features of one utterance that is its own speaker: CMVN with
   * statistics of {@code fbank} itself ({@code (x - mean) / sd} per column, {@link Cmvn}), then
   * deltas ({@link Deltas}). For one utterance per speaker this equals the per-speaker training
   * pipeline.
   *
   * @param fbank shape (frames, fbank dim), at least one frame
   * @return shape (frames, {@link #inputDim(int) inputDim(fbank.cols())})
   */
  public FloatMatrix networkInput(FloatMatrix fbank) {
    Checks.checkArgument(fbank.rows() >= 1, "no frames: the audio is shorter than one window");
    FloatMatrix normalised = Cmvn.apply(fbank, Cmvn.of(fbank), normVars);
    return deltaOrder == 0 ? normalised : Deltas.compute(normalised, deltaOrder, deltaWindow);
  }

  /** The JSON object (compact). */
  public String toJson() {
    JsonObject o = new JsonObject();
    frontend.ifPresent(f -> o.add("frontend", f.toJsonObject()));
    o.addProperty("cmvn", cmvn.key());
    o.addProperty("normVars", normVars);
    o.addProperty("deltaOrder", deltaOrder);
    o.addProperty("deltaWindow", deltaWindow);
    o.addProperty("subsampling", subsampling);
    return new GsonBuilder().create().toJson(o);
  }

  /**
   * Parses {@link #toJson()}'s output. Every key but {@code frontend} is required.
   *
   * @param file named in errors (may be null)
   */
  public static FeaturePipeline fromJson(String json, Path file) throws AsrInputException {
    JsonObject o = StrictJson.parseObject(json, file);
    for (String k : o.keySet()) {
      if (!KEYS.contains(k)) {
        throw AsrInputException.inFile(
            file, "unknown feature pipeline key '" + k + "'; known: " + KEYS);
      }
    }
    Optional<FbankConfig> frontend = Optional.empty();
    if (o.has("frontend")) {
      if (!o.get("frontend").isJsonObject()) {
        throw AsrInputException.inFile(file, "feature pipeline 'frontend' must be an object");
      }
      frontend = Optional.of(FbankConfig.fromJson(o.getAsJsonObject("frontend"), file));
    }
    String c = primitive(o, "cmvn", file).getAsString();
    CmvnScope scope =
        CmvnScope.parse(c)
            .orElseThrow(
                () ->
                    AsrInputException.inFile(
                        file,
                        "feature pipeline 'cmvn' must be \"per-speaker\" or \"per-utterance\","
                            + " got \""
                            + StrictJson.abbreviate(c)
                            + "\""));
    JsonPrimitive nv = primitive(o, "normVars", file);
    if (!nv.isBoolean()) {
      throw AsrInputException.inFile(file, "feature pipeline 'normVars' must be a boolean");
    }
    try {
      return new FeaturePipeline(
          frontend,
          scope,
          nv.getAsBoolean(),
          integer(o, "deltaOrder", file),
          integer(o, "deltaWindow", file),
          integer(o, "subsampling", file));
    } catch (IllegalArgumentException e) {
      throw AsrInputException.inFile(file, "feature pipeline: " + e.getMessage());
    }
  }

  private static JsonPrimitive primitive(JsonObject o, String key, Path file)
      throws AsrInputException {
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonPrimitive()) {
      throw AsrInputException.inFile(
          file, "feature pipeline '" + key + "' is " + (e == null ? "missing" : "not a value"));
    }
    return e.getAsJsonPrimitive();
  }

  private static int integer(JsonObject o, String key, Path file) throws AsrInputException {
    JsonPrimitive p = primitive(o, key, file);
    if (!p.isNumber()) {
      throw AsrInputException.inFile(file, "feature pipeline '" + key + "' must be a number");
    }
    try {
      return p.getAsBigDecimal().intValueExact();
    } catch (ArithmeticException e) {
      throw AsrInputException.inFile(
          file,
          String.format(
              Locale.ROOT,
              "feature pipeline '%s' must be an integer, got %s",
              key,
              StrictJson.abbreviate(p.toString())));
    }
  }
}

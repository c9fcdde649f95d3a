package org.asrnas.nas;

import java.io.IOException;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;

/**
 * The typed withers and JSON form that the config records ({@code TrainConfig}, {@code
 * SearchConfig}) share, in one place: each record names only its class and what its options are.
 * Every method maps through {@link ConfigJson}, so the JSON keys are the record's components.
 *
 * @param <T> the record itself
 */
public interface JsonConfig<T extends Record & JsonConfig<T>> {
  /** The record's class. */
  Class<T> configType();

  /** What the options are, for error messages ("training", "search"). */
  String configKind();

  /** This config with another root seed. */
  default T withSeed(long s) {
    return ConfigJson.with(self(), configType(), "seed", s);
  }

  /** This config with another thread count. */
  default T withThreads(int t) {
    return ConfigJson.with(self(), configType(), "threads", t);
  }

  /** Overrides fields from a JSON object of the same keys; unknown keys are an error. */
  default T withOverrides(String json) {
    return ConfigJson.withOverrides(self(), configType(), json, configKind());
  }

  /**
   * Overrides fields from a JSON file ({@code --config}); every problem names the file and the key.
   */
  default T withOverrides(Path file) throws IOException, AsrInputException {
    return ConfigJson.readOverrides(self(), configType(), file, configKind());
  }

  /** Every component as a JSON key (the run directory's config.json). */
  default String toJson() {
    return ConfigJson.toJson(self());
  }

  private T self() {
    return configType().cast(this);
  }
}

package org.asrnas.nas;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Set;
import java.util.TreeSet;
import org.asrnas.core.Checks;

/**
 * JSON of the config records ({@code TrainConfig}, {@code SearchConfig}): every component is a key;
 * overrides replace keys of a base config and unknown keys are an error that lists the known ones.
 * The record's compact constructor validates the result.
 */
public final class ConfigJson {
  private ConfigJson() {}

  /**
   * {@code base} with the keys of the JSON object {@code json} replaced.
   *
   * @param kind what the options are, for the error ("training", "search")
   * @throws IllegalArgumentException on a key {@code type} does not have
   */
  public static <T extends Record> T withOverrides(
      T base, Class<T> type, String json, String kind) {
    JsonObject o = toJsonObject(base);
    JsonObject over = JsonParser.parseString(json).getAsJsonObject();
    Set<String> unknown = new TreeSet<>(over.keySet());
    unknown.removeAll(o.keySet());
    Checks.checkArgument(
        unknown.isEmpty(),
        "unknown %s option(s) %s; known: %s",
        kind,
        unknown,
        new TreeSet<>(o.keySet()));
    for (var e : over.entrySet()) {
      o.add(e.getKey(), e.getValue());
    }
    return new GsonBuilder().create().fromJson(o, type);
  }

  /** {@code base} with the one number-valued key {@code key} set to {@code value}. */
  public static <T extends Record> T with(T base, Class<T> type, String key, Number value) {
    JsonObject o = toJsonObject(base);
    o.addProperty(key, value);
    return new GsonBuilder().create().fromJson(o, type);
  }

  /** Pretty-printed JSON of {@code config}, ending with a newline. */
  public static String toJson(Record config) {
    return new GsonBuilder().setPrettyPrinting().create().toJson(toJsonObject(config)) + "\n";
  }

  private static JsonObject toJsonObject(Record config) {
    return new GsonBuilder().create().toJsonTree(config).getAsJsonObject();
  }
}

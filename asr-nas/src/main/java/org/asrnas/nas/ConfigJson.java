package org.asrnas.nas;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
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
      Checks.checkArgument(
          sameKind(o.get(e.getKey()), e.getValue()),
          "%s option %s must be a %s, got %s",
          kind,
          e.getKey(),
          kindOf(o.get(e.getKey())),
          e.getValue());
      o.add(e.getKey(), e.getValue());
    }
    return fromJson(o, type);
  }

  /**
   * Gson wraps what the record's compact constructor throws in a RuntimeException ("Failed to
   * invoke constructor"); this unwraps the constructor's IllegalArgumentException, which names the
   * key.
   */
  private static <T extends Record> T fromJson(JsonObject o, Class<T> type) {
    try {
      return new GsonBuilder().create().fromJson(o, type);
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof IllegalArgumentException iae) {
          throw iae;
        }
      }
      throw e;
    }
  }

  /**
   * Whether an override has the base value's JSON kind (Gson would read {@code "yes"} as boolean
   * false and {@code "5"} as a number without a word); null stays allowed for the record's own
   * validation to name.
   */
  private static boolean sameKind(JsonElement base, JsonElement value) {
    if (value.isJsonNull() || !base.isJsonPrimitive() || !value.isJsonPrimitive()) {
      return true;
    }
    JsonPrimitive b = base.getAsJsonPrimitive();
    JsonPrimitive v = value.getAsJsonPrimitive();
    return b.isBoolean() == v.isBoolean() && b.isNumber() == v.isNumber();
  }

  private static String kindOf(JsonElement base) {
    JsonPrimitive b = base.getAsJsonPrimitive();
    return b.isBoolean() ? "boolean" : b.isNumber() ? "number" : "string";
  }

  /** {@code base} with the one number-valued key {@code key} set to {@code value}. */
  public static <T extends Record> T with(T base, Class<T> type, String key, Number value) {
    JsonObject o = toJsonObject(base);
    o.addProperty(key, value);
    return fromJson(o, type);
  }

  /** Pretty-printed JSON of {@code config}, ending with a newline. */
  public static String toJson(Record config) {
    return new GsonBuilder().setPrettyPrinting().create().toJson(toJsonObject(config)) + "\n";
  }

  private static JsonObject toJsonObject(Record config) {
    return new GsonBuilder().create().toJsonTree(config).getAsJsonObject();
  }
}

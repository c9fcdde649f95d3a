package org.asrnas.nas;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.json.StrictJson;

/**
 * JSON of the config records ({@code TrainConfig}, {@code SearchConfig}): every component is a key;
 * overrides replace keys of a base config and unknown keys are an error that lists the known ones.
 * Values are checked against the record component's Java type first (integers exact and in range,
 * numbers finite, booleans and strings as such), then the record's compact constructor validates
 * the result; {@link #readOverrides} reports every problem with the file.
 */
public final class ConfigJson {
  private ConfigJson() {}

  /**
   * {@code base} with the keys of the JSON object {@code json} replaced.
   *
   * @param kind what the options are, for the error ("training", "search")
   * @throws IllegalArgumentException on malformed JSON, a key {@code type} does not have, or a
   *     value of the wrong type or out of range
   */
  public static <T extends Record> T withOverrides(
      T base, Class<T> type, String json, String kind) {
    JsonObject over;
    try {
      over = StrictJson.parseObject(json, null);
    } catch (AsrInputException e) {
      throw new IllegalArgumentException(kind + " options: " + e.getMessage(), e);
    }
    return apply(base, type, over, kind);
  }

  /**
   * {@code base} with the keys of the JSON object in {@code file} replaced (a {@code --config}
   * file).
   *
   * @throws AsrInputException naming the file for every problem: no such file, malformed JSON (line
   *     and column), an unknown key, a value of the wrong type (an integer key given {@code
   *     3000.5}, a number out of range) or one the record rejects; values shortened to {@value
   *     StrictJson#MAX_VALUE_CHARS} characters
   */
  public static <T extends Record> T readOverrides(T base, Class<T> type, Path file, String kind)
      throws IOException, AsrInputException {
    JsonObject over = StrictJson.readObject(file);
    try {
      return apply(base, type, over, kind);
    } catch (IllegalArgumentException e) {
      throw new AsrInputException(file, 0, -1, StrictJson.abbreviateWords(e.getMessage()), e);
    }
  }

  private static <T extends Record> T apply(T base, Class<T> type, JsonObject over, String kind) {
    JsonObject o = toJsonObject(base);
    Set<String> unknown = new TreeSet<>(over.keySet());
    unknown.removeAll(o.keySet());
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      String near = nearest(first, o.keySet());
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "unknown %s option(s) %s; known: %s%s",
              kind,
              unknown.stream().map(StrictJson::abbreviate).toList(),
              new TreeSet<>(o.keySet()),
              near == null ? "" : "; did you mean " + near + "?"));
    }
    Map<String, Class<?>> types = new HashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      types.put(c.getName(), c.getType());
    }
    for (var e : over.entrySet()) {
      String problem = problem(e.getValue(), types.get(e.getKey()), o.get(e.getKey()));
      if (problem != null) {
        throw new IllegalArgumentException(
            kind
                + " option "
                + e.getKey()
                + " "
                + problem
                + ", got "
                + StrictJson.abbreviate(e.getValue().toString()));
      }
      o.add(e.getKey(), e.getValue());
    }
    return fromJson(o, type);
  }

  /**
   * Why {@code value} cannot be the component of Java type {@code type} (whose current JSON is
   * {@code base}), or null when it can: Gson itself would read {@code "yes"} as false, {@code
   * 3000.5} as the int 3000 and {@code 1e12} as a wrapped int.
   */
  private static String problem(JsonElement value, Class<?> type, JsonElement base) {
    if (value.isJsonNull()) {
      return "must not be null (leave the key out to keep the default)";
    }
    if (type == boolean.class || type == Boolean.class) {
      return isPrimitive(value) && value.getAsJsonPrimitive().isBoolean()
          ? null
          : "must be a boolean (true or false)";
    }
    if (type == String.class) {
      return isPrimitive(value) && value.getAsJsonPrimitive().isString()
          ? null
          : "must be a string";
    }
    boolean integral = type == int.class || type == long.class || type == short.class;
    boolean real = type == double.class || type == float.class;
    if (integral || real) {
      if (!isPrimitive(value) || !value.getAsJsonPrimitive().isNumber()) {
        return integral ? "must be an integer" : "must be a number";
      }
      BigDecimal d = value.getAsBigDecimal();
      if (real) {
        double x = d.doubleValue();
        return Double.isFinite(x) && (x != 0 || d.signum() == 0) ? null : "must be a finite number";
      }
      BigInteger i;
      try {
        i = d.toBigIntegerExact();
      } catch (ArithmeticException notIntegral) {
        return "must be an integer";
      }
      long min =
          type == int.class
              ? Integer.MIN_VALUE
              : type == short.class ? Short.MIN_VALUE : Long.MIN_VALUE;
      long max =
          type == int.class
              ? Integer.MAX_VALUE
              : type == short.class ? Short.MAX_VALUE : Long.MAX_VALUE;
      if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
        return "must be an integer in [" + min + ", " + max + "]";
      }
      return null;
    }
    return base == null || sameKind(base, value) ? null : "must be a " + kindOf(base);
  }

  private static boolean isPrimitive(JsonElement e) {
    return e.isJsonPrimitive();
  }

  /** The known key closest to {@code key} by edit distance, if it is close (a typo). */
  private static String nearest(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
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

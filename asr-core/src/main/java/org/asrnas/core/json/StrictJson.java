package org.asrnas.core.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Messages;

/**
 * Reads a configuration file as one strict JSON object. Gson's own parser is lenient (it accepts
 * {@code NaN}, comments, unquoted keys and single quotes) and keeps the last of duplicate keys
 * silently; its errors read {@code MalformedJsonException: ... path $.x} without the file. Here
 * every problem is an {@link AsrInputException} with {@code file:line:column}, numbers keep their
 * exact text (as {@link BigDecimal}, so {@code 3000.5} is not an integer and {@code 1e12} does not
 * wrap), and values in messages are shortened to {@value #MAX_VALUE_CHARS} characters.
 */
public final class StrictJson {
  /** The longest value (or word) a message shows. */
  public static final int MAX_VALUE_CHARS = 80;

  private static final Pattern WHERE =
      Pattern.compile("^(.*?)\\s*at line (\\d+) column (\\d+)(?: path (\\S+))?", Pattern.DOTALL);

  private StrictJson() {}

  /**
   * The JSON object in {@code file}.
   *
   * @throws AsrInputException for a missing file ("no such file"), text that is not UTF-8, an empty
   *     file, malformed JSON (with line and column), a duplicate key, or a top-level value that is
   *     not an object
   */
  public static JsonObject readObject(Path file) throws IOException, AsrInputException {
    if (!Files.exists(file)) {
      throw AsrInputException.inFile(file, "no such file");
    }
    if (Files.isDirectory(file)) {
      throw AsrInputException.inFile(file, "is a directory; give a JSON file");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw AsrInputException.inFile(file, "not valid UTF-8 text; convert it with iconv -t UTF-8");
    }
    return parseObject(text, file);
  }

  /**
   * The JSON object in {@code text}.
   *
   * @param file named in errors (may be null)
   */
  public static JsonObject parseObject(String text, Path file) throws AsrInputException {
    if (text.isBlank()) {
      throw AsrInputException.inFile(file, "empty; expected a JSON object {\"key\": value, ...}");
    }
    JsonReader r = new JsonReader(new StringReader(text));
    r.setStrictness(Strictness.STRICT);
    try {
      if (r.peek() != JsonToken.BEGIN_OBJECT) {
        throw AsrInputException.inFile(
            file, "expected a JSON object {\"key\": value, ...}, got " + abbreviate(text.strip()));
      }
      JsonElement e = read(r, file);
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw at(file, r, "unexpected text after the closing '}'");
      }
      return e.getAsJsonObject();
    } catch (IOException | RuntimeException e) {
      throw malformed(file, e, text);
    }
  }

  private static JsonElement read(JsonReader r, Path file) throws IOException, AsrInputException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        JsonObject o = new JsonObject();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          if (o.has(name)) {
            throw at(file, r, "key \"" + abbreviate(name) + "\" is given twice; keep one");
          }
          o.add(name, read(r, file));
        }
        r.endObject();
        return o;
      }
      case BEGIN_ARRAY -> {
        JsonArray a = new JsonArray();
        r.beginArray();
        while (r.hasNext()) {
          a.add(read(r, file));
        }
        r.endArray();
        return a;
      }
      case STRING -> {
        return new JsonPrimitive(r.nextString());
      }
      case NUMBER -> {
        return new JsonPrimitive(new ExactNumber(r.nextString()));
      }
      case BOOLEAN -> {
        return new JsonPrimitive(r.nextBoolean());
      }
      case NULL -> {
        r.nextNull();
        return JsonNull.INSTANCE;
      }
      default -> throw at(file, r, "unexpected " + r.peek());
    }
  }

  /** An error at the reader's position (its {@code toString} holds line and column). */
  private static AsrInputException at(Path file, JsonReader r, String message) {
    Matcher m = WHERE.matcher(r.toString());
    if (m.find()) {
      return AsrInputException.atColumn(
          file, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), message);
    }
    return AsrInputException.inFile(file, message);
  }

  private static AsrInputException malformed(Path file, Exception e, String text) {
    if (e instanceof AsrInputException a) {
      return a;
    }
    String msg = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = WHERE.matcher(msg);
    String what = m.find() ? m.group(1) : msg;
    String desc;
    if (what.startsWith("End of input")) {
      desc = "the JSON ends early (a missing '}', ']', value or closing quote?)";
    } else if (what.contains("setLenient")
        || what.contains("setStrictness")
        || what.contains("malformed JSON")) {
      desc =
          "malformed JSON (strict JSON has no NaN or Infinity, comments, single quotes, unquoted"
              + " keys or trailing commas)";
    } else {
      desc = "malformed JSON: " + abbreviate(what);
    }
    if (m.find(0)) {
      long line = Long.parseLong(m.group(2));
      long col = Long.parseLong(m.group(3));
      String[] lines = text.split("\n", -1);
      String context =
          line >= 1 && line <= lines.length
              ? "; the line reads: " + abbreviate(lines[(int) line - 1].strip())
              : "";
      return AsrInputException.atColumn(file, line, col, desc + context);
    }
    return AsrInputException.inFile(file, desc);
  }

  /**
   * {@code s} on one line, at most {@value #MAX_VALUE_CHARS} characters ({@code ...} marks a cut).
   */
  public static String abbreviate(String s) {
    return Messages.abbreviate(s.replace('\n', ' ').replace('\r', ' '), MAX_VALUE_CHARS);
  }

  /** {@code message} with every word longer than {@value #MAX_VALUE_CHARS} characters shortened. */
  public static String abbreviateWords(String message) {
    Matcher m = Pattern.compile("\\S{" + (MAX_VALUE_CHARS + 1) + ",}").matcher(message);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(abbreviate(m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** A number as written in the file: exact value, and the text for messages ({@code 1e12}). */
  private static final class ExactNumber extends Number {
    private static final long serialVersionUID = 1L;
    private final String text;
    private final BigDecimal value;

    ExactNumber(String text) {
      this.text = text;
      this.value = new BigDecimal(text);
    }

    @Override
    public int intValue() {
      return value.intValue();
    }

    @Override
    public long longValue() {
      return value.longValue();
    }

    @Override
    public float floatValue() {
      return value.floatValue();
    }

    @Override
    public double doubleValue() {
      return value.doubleValue();
    }

    @Override
    public String toString() {
      return text;
    }
  }
}

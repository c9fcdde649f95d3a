package org.asrnas.frontend.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Messages;

/**
 * A NIST SPHERE header: {@code NIST_1A\n}, the header size ({@code 1024} for LDC files), then
 * {@code name -type value} lines up to {@code end_head}. Types are {@code -i} (integer), {@code -r}
 * (real) and {@code -sN} (string of exactly N bytes, spaces allowed).
 *
 * @param headerBytes where the samples start
 * @param fields every field, values as {@link Long}, {@link Double} or {@link String}, in file
 *     order
 */
public record SphereHeader(int headerBytes, Map<String, Object> fields) {
  public SphereHeader {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  static boolean isSphere(byte[] b) {
    return b.length >= 8 && new String(b, 0, 8, StandardCharsets.ISO_8859_1).equals("NIST_1A\n");
  }

  /** An integer field. */
  public Optional<Long> integer(String name) {
    return fields.get(name) instanceof Long l ? Optional.of(l) : Optional.empty();
  }

  /** A string field. */
  public Optional<String> string(String name) {
    return fields.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** Largest header {@link #read(Path)} reads (LDC headers are 1024 bytes). */
  static final int MAX_HEADER_BYTES = 1 << 20;

  /**
   * Reads and parses the header of a SPHERE file without reading its samples: the first 1024 bytes,
   * more when the header declares a larger size.
   */
  public static SphereHeader read(Path file) throws IOException, AsrInputException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(1024);
      int nl = isSphere(head) ? indexOf(head, (byte) '\n', 8, Math.min(head.length, 32)) : -1;
      if (nl > 0) {
        try {
          int size =
              Integer.parseInt(new String(head, 8, nl - 8, StandardCharsets.ISO_8859_1).strip());
          if (size > head.length && size <= MAX_HEADER_BYTES) {
            byte[] rest = in.readNBytes(size - head.length);
            byte[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, all, head.length, rest.length);
            head = all;
          }
        } catch (NumberFormatException e) {
          // parse() reports the malformed size line
        }
      }
      return parse(head, file);
    }
  }

  /** {@code sample_count / sample_rate} in seconds; an error naming {@code file} when absent. */
  public double durationSeconds(Path file) throws AsrInputException {
    Optional<Long> count = integer("sample_count");
    Optional<Long> rate = integer("sample_rate");
    if (count.isEmpty() || rate.isEmpty() || count.get() < 0 || rate.get() <= 0) {
      throw AsrInputException.atByte(
          file, 0, "SPHERE header lacks an integer sample_count or a positive sample_rate");
    }
    return (double) count.get() / rate.get();
  }

  /** Parses the header at the start of {@code b}. */
  public static SphereHeader parse(byte[] b, Path file) throws AsrInputException {
    if (!isSphere(b)) {
      throw AsrInputException.atByte(file, 0, "not a NIST SPHERE file (expected NIST_1A)");
    }
    int nl = indexOf(b, (byte) '\n', 8, Math.min(b.length, 32));
    if (nl < 0) {
      throw AsrInputException.atByte(file, 8, "no header size line after NIST_1A");
    }
    int size;
    try {
      size = Integer.parseInt(new String(b, 8, nl - 8, StandardCharsets.ISO_8859_1).strip());
    } catch (NumberFormatException e) {
      throw AsrInputException.atByte(file, 8, "header size is not a number");
    }
    if (size < 16 || size > b.length) {
      throw AsrInputException.atByte(
          file,
          8,
          "header size "
              + size
              + " is impossible for a file of "
              + b.length
              + " bytes (truncated?)");
    }
    Fields parser = new Fields(b, size, file);
    for (int p = nl + 1; p >= 0; ) {
      p = parser.field(p);
    }
    return new SphereHeader(size, parser.fields);
  }

  /** The {@code name -type value} lines of a header of {@code size} bytes, read one at a time. */
  private static final class Fields {
    final byte[] b;
    final int size;
    final Path file;
    final Map<String, Object> fields = new LinkedHashMap<>();

    Fields(byte[] b, int size, Path file) {
      this.b = b;
      this.size = size;
      this.file = file;
    }

    /** Reads the field at or after {@code p}; returns where the next starts, -1 at end_head. */
    int field(int p) throws AsrInputException {
      while (p < size && (b[p] == '\n' || b[p] == ' ' || b[p] == '\r')) {
        p++;
      }
      if (p >= size) {
        throw AsrInputException.atByte(file, p, "no end_head before the end of the header");
      }
      int nameEnd = p;
      while (nameEnd < size && b[nameEnd] != ' ' && b[nameEnd] != '\n') {
        nameEnd++;
      }
      String name = new String(b, p, nameEnd - p, StandardCharsets.ISO_8859_1);
      if (name.equals("end_head")) {
        return -1;
      }
      if (nameEnd >= size || b[nameEnd] != ' ' || nameEnd + 2 >= size || b[nameEnd + 1] != '-') {
        throw AsrInputException.atByte(file, p, "field '" + name + "' has no -type");
      }
      int typeStart = nameEnd + 2;
      int typeEnd = typeStart;
      while (typeEnd < size && b[typeEnd] != ' ' && b[typeEnd] != '\n') {
        typeEnd++;
      }
      String type = new String(b, typeStart, typeEnd - typeStart, StandardCharsets.ISO_8859_1);
      if (typeEnd >= size || b[typeEnd] != ' ') {
        throw AsrInputException.atByte(
            file, p, "field '" + name + "' (-" + type + ") has no value on its line");
      }
      int valueStart = typeEnd + 1;
      return type.startsWith("s")
          ? string(p, nameEnd, name, type, valueStart)
          : number(p, nameEnd, name, type, valueStart);
    }

    /** A {@code -sN} field: exactly N bytes follow, N a plain decimal that fits in the header. */
    private int string(int p, int nameEnd, String name, String type, int valueStart)
        throws AsrInputException {
      String digits = type.substring(1);
      if (digits.isEmpty()
          || digits.length() > 18
          || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw AsrInputException.atByte(
            file,
            nameEnd + 1,
            "field '"
                + name
                + "' has malformed type -"
                + abbreviate(type)
                + " (expected -sN, N the value's length in bytes)");
      }
      long len = Long.parseLong(digits);
      if (len > size - valueStart) {
        throw AsrInputException.atByte(
            file,
            p,
            "string field '"
                + name
                + "' declares "
                + len
                + " bytes, past the end of the "
                + size
                + "-byte header");
      }
      fields.put(name, new String(b, valueStart, (int) len, StandardCharsets.ISO_8859_1));
      return valueStart + (int) len;
    }

    /** An {@code -i} (64-bit integer) or {@code -r} (real) field, its value up to end of line. */
    private int number(int p, int nameEnd, String name, String type, int valueStart)
        throws AsrInputException {
      int end = indexOf(b, (byte) '\n', valueStart, size);
      if (end < 0) {
        throw AsrInputException.atByte(file, p, "field '" + name + "' has no end of line");
      }
      String raw = new String(b, valueStart, end - valueStart, StandardCharsets.ISO_8859_1).strip();
      Object value;
      try {
        value =
            switch (type) {
              case "i" -> Long.parseLong(raw);
              case "r" -> Double.parseDouble(raw);
              default ->
                  throw AsrInputException.atByte(
                      file,
                      nameEnd + 1,
                      "field '" + name + "' has unknown type -" + abbreviate(type));
            };
      } catch (NumberFormatException e) {
        throw AsrInputException.atByte(
            file,
            valueStart,
            "field '"
                + name
                + "' (-"
                + type
                + ") has a malformed value '"
                + abbreviate(raw)
                + "' (an integer -i must fit in 64 bits)");
      }
      fields.put(name, value);
      return end;
    }
  }

  private static String abbreviate(String s) {
    return Messages.abbreviate(s, 27);
  }

  private static int indexOf(byte[] b, byte x, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }
}

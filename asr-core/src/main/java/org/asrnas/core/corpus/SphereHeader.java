package org.asrnas.core.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.asrnas.core.AsrInputException;

/**
 * The fields of a NIST SPHERE header ({@code NIST_1A}, header size, then {@code name -type value}
 * lines up to {@code end_head}), enough to know a file's duration without decoding its samples (the
 * audio itself is read by the frontend).
 *
 * @param sampleCount samples per channel
 * @param sampleRateHz sampling rate
 * @param channelCount channels
 * @param sampleCoding {@code pcm}, {@code ulaw}, ... (empty when absent, meaning PCM)
 */
public record SphereHeader(
    long sampleCount, int sampleRateHz, int channelCount, String sampleCoding) {

  /** Duration in seconds. */
  public double durationSeconds() {
    return (double) sampleCount / sampleRateHz;
  }

  /** Reads the header of a SPHERE file. */
  public static SphereHeader read(Path file) throws IOException, AsrInputException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(1024);
    }
    String s = new String(head, StandardCharsets.ISO_8859_1);
    if (!s.startsWith("NIST_1A")) {
      throw AsrInputException.atByte(file, 0, "not a NIST SPHERE file (no NIST_1A magic)");
    }
    Map<String, String> fields = new HashMap<>();
    for (String line : s.split("\n")) {
      String t = line.strip();
      if (t.equals("end_head")) {
        break;
      }
      String[] f = t.split("\\s+", 3);
      if (f.length == 3 && f[1].startsWith("-")) {
        fields.put(f[0], f[2]);
      }
    }
    try {
      long n = Long.parseLong(fields.getOrDefault("sample_count", "-1"));
      int rate = Integer.parseInt(fields.getOrDefault("sample_rate", "-1"));
      int ch = Integer.parseInt(fields.getOrDefault("channel_count", "1"));
      if (n < 0 || rate <= 0) {
        throw AsrInputException.atByte(file, 0, "SPHERE header lacks sample_count or sample_rate");
      }
      return new SphereHeader(n, rate, ch, fields.getOrDefault("sample_coding", ""));
    } catch (NumberFormatException e) {
      throw AsrInputException.atByte(file, 0, "bad number in SPHERE header: " + e.getMessage());
    }
  }
}

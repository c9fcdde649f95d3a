package org.asrnas.frontend.audio;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.asrnas.core.AsrInputException;

/**
 * Properties of the audio readers: whatever a header field is rewritten to, {@link AudioReader}
 * returns audio or throws {@link AsrInputException}, nothing else. Fixed seeds keep the default
 * suite reproducible; the {@code slow} variants try many more cases.
 */
class AudioHeaderPropertyTest {
  private static final Path SOURCE = Path.of("property.audio");

  /** Decodes, accepting only audio or the input exception (a failed property otherwise). */
  private static boolean decodesOrRejects(byte[] b) {
    try {
      return AudioReader.decode(b, SOURCE, false).numSamples() > 0;
    } catch (AsrInputException e) {
      return e.getMessage().startsWith(SOURCE.toString());
    }
  }

  @Provide
  Arbitrary<byte[]> wavSeeds() {
    return Arbitraries.of(seeds("seed:wav"));
  }

  @Provide
  Arbitrary<byte[]> sphereSeeds() {
    List<byte[]> s = seeds("seed:sph");
    s.addAll(seeds("seed:shn"));
    return Arbitraries.of(s);
  }

  private static List<byte[]> seeds(String prefix) {
    List<byte[]> out = new ArrayList<>();
    for (FuzzCorpus.Mutant m : FuzzCorpus.seeds()) {
      if (m.name().startsWith(prefix)) {
        out.add(m.bytes());
      }
    }
    return out;
  }

  @Provide
  Arbitrary<Long> extremes() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            0L, 1L, 100L, 999L, 1000L, 65535L, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFF0L, 0xFFFFFFFFL),
        Arbitraries.longs().between(0, 0xFFFFFFFFL));
  }

  /** Any 1-, 2- or 4-byte field of the first 72 header bytes set to any value. */
  @Property(tries = 300, seed = "17")
  boolean anyWavHeaderRewriteFailsOnlyWithTheInputException(
      @ForAll("wavSeeds") byte[] seed,
      @ForAll @IntRange(min = 0, max = 71) int offset,
      @ForAll @IntRange(min = 0, max = 2) int widthLog2,
      @ForAll("extremes") long value) {
    byte[] b = seed.clone();
    for (int k = 0; k < (1 << widthLog2) && offset + k < b.length; k++) {
      b[offset + k] = (byte) (value >>> (8 * k));
    }
    return decodesOrRejects(b);
  }

  @Provide
  Arbitrary<String> fieldNames() {
    return Arbitraries.of(
        "sample_count",
        "sample_rate",
        "channel_count",
        "sample_n_bytes",
        "sample_coding",
        "sample_byte_format",
        "database_id");
  }

  @Provide
  Arbitrary<String> typeTokens() {
    return Arbitraries.oneOf(
        Arbitraries.of("-i", "-r", "-s", "-s-5", "-s2147483647", "-x", "-", ""),
        Arbitraries.integers().between(-10, 40).map(n -> "-s" + n),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(6).map(t -> "-" + t));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.of(
            "4294967297",
            "4294983296",
            "99999999999999999999",
            "01",
            "10",
            "xx",
            "1",
            "ulaw",
            "pcm,embedded-shorten-v2.00",
            "16000.0",
            "NaN",
            "-5",
            ""),
        Arbitraries.strings().ofMaxLength(30));
  }

  /** Any SPHERE field declared with any type token and any value. */
  @Property(tries = 300, seed = "17")
  boolean anySphereFieldRewriteFailsOnlyWithTheInputException(
      @ForAll("sphereSeeds") byte[] seed,
      @ForAll("fieldNames") String name,
      @ForAll("typeTokens") String type,
      @ForAll("values") String value) {
    return decodesOrRejects(rewrite(seed, name + " " + type + " " + value));
  }

  /** Any header line at all (control characters and non-ASCII included) before end_head. */
  @Property(tries = 200, seed = "17")
  boolean anySphereHeaderLineFailsOnlyWithTheInputException(
      @ForAll("sphereSeeds") byte[] seed, @ForAll @StringLength(max = 60) String line) {
    return decodesOrRejects(rewrite(seed, line));
  }

  @Property(tries = 5000)
  @Tag("slow")
  boolean manyWavHeaderRewrites(
      @ForAll("wavSeeds") byte[] seed,
      @ForAll @IntRange(min = 0, max = 71) int offset,
      @ForAll @IntRange(min = 0, max = 2) int widthLog2,
      @ForAll("extremes") long value) {
    return anyWavHeaderRewriteFailsOnlyWithTheInputException(seed, offset, widthLog2, value);
  }

  @Property(tries = 5000)
  @Tag("slow")
  boolean manySphereFieldRewrites(
      @ForAll("sphereSeeds") byte[] seed,
      @ForAll("fieldNames") String name,
      @ForAll("typeTokens") String type,
      @ForAll("values") String value) {
    return anySphereFieldRewriteFailsOnlyWithTheInputException(seed, name, type, value);
  }

  /** The seed's header with {@code line} inserted first, or replacing the field it names. */
  private static byte[] rewrite(byte[] seed, String line) {
    String head = new String(seed, 0, 1024, StandardCharsets.ISO_8859_1);
    int fieldsStart = head.indexOf('\n', 8) + 1;
    int end = head.indexOf("end_head");
    List<String> fields = new ArrayList<>();
    String name = line.split(" ", 2)[0];
    for (String f : head.substring(fieldsStart, end).split("\n")) {
      if (!f.isBlank() && !(f.startsWith(name + " ") && !name.isEmpty())) {
        fields.add(f);
      }
    }
    fields.add(0, line);
    return FuzzCorpus.sphereBytes(
        "   1024", fields, Arrays.copyOfRange(seed, 1024, seed.length), true);
  }
}

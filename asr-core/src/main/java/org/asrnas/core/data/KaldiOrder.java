package org.asrnas.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The order of ids in Kaldi tables: {@code LC_ALL=C sort}, that is unsigned byte order of the UTF-8
 * encoding. For ASCII ids this equals {@link String#compareTo}; for other characters it does not.
 */
public final class KaldiOrder {
  private KaldiOrder() {}

  /** Compares two ids as {@code LC_ALL=C sort} would. */
  public static final Comparator<String> IDS = KaldiOrder::compare;

  public static int compare(String a, String b) {
    if (isAscii(a) && isAscii(b)) {
      return a.compareTo(b);
    }
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}

package org.asrnas.frontend.features;

import java.util.Locale;

/**
 * Kaldi's {@code --window-type} values ({@code feature-window.cc}); with a = 2 pi / (N - 1):
 * hanning 0.5 - 0.5 cos(a n), povey hanning^0.85, hamming 0.54 - 0.46 cos(a n), rectangular 1,
 * blackman c - 0.5 cos(a n) + (0.5 - c) cos(2 a n) with c = {@code blackmanCoeff}.
 */
public enum WindowType {
  POVEY,
  HAMMING,
  HANNING,
  RECTANGULAR,
  BLACKMAN;

  /** The Kaldi spelling ({@code povey}, ...). */
  public String kaldiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a Kaldi spelling. */
  public static WindowType fromKaldiName(String s) {
    for (WindowType w : values()) {
      if (w.kaldiName().equals(s)) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "unknown window type '" + s + "' (povey, hamming, hanning, rectangular, blackman)");
  }

  double[] coefficients(int n, double blackmanCoeff) {
    double[] w = new double[n];
    double a = 2 * Math.PI / (n - 1);
    for (int i = 0; i < n; i++) {
      w[i] =
          switch (this) {
            case HANNING -> 0.5 - 0.5 * Math.cos(a * i);
            case POVEY -> Math.pow(0.5 - 0.5 * Math.cos(a * i), 0.85);
            case HAMMING -> 0.54 - 0.46 * Math.cos(a * i);
            case RECTANGULAR -> 1.0;
            case BLACKMAN ->
                blackmanCoeff - 0.5 * Math.cos(a * i) + (0.5 - blackmanCoeff) * Math.cos(2 * a * i);
          };
    }
    return w;
  }
}

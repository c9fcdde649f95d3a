package org.asrnas.cli;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * A mean paired difference (system − reference for the same seed, lower is better) with its 95%
 * two-sided Student t interval, n − 1 degrees of freedom.
 *
 * @param n pairs
 * @param half half-width of the interval; NaN for one pair
 */
record PairedInterval(int n, double mean, double half) {
  /** Mean and 95% Student t interval of paired differences. */
  static PairedInterval of(List<Double> diffs) {
    SummaryStatistics s = new SummaryStatistics();
    diffs.forEach(s::addValue);
    int n = diffs.size();
    if (n < 2) {
      return new PairedInterval(n, n == 0 ? Double.NaN : s.getMean(), Double.NaN);
    }
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
    return new PairedInterval(n, s.getMean(), t * s.getStandardDeviation() / Math.sqrt(n));
  }

  boolean excludesZero() {
    return n >= 2 && Math.abs(mean) > half;
  }

  /** "better" or "worse" (lower is better) where the interval excludes 0. */
  String verdict() {
    if (n < 2) {
      return "one seed: no interval";
    }
    if (!excludesZero()) {
      return "not distinguishable";
    }
    return mean < 0 ? "better" : "worse";
  }

  /** "−1.75 [−2.78, −0.72]", or the mean alone for one pair. */
  String text() {
    String m = signed(mean);
    return n < 2 ? m : m + " [" + signed(mean - half) + ", " + signed(mean + half) + "]";
  }

  /** Two decimals with an explicit sign (a minus sign, not a hyphen). */
  static String signed(double v) {
    String s = SystemResults.round(v, 2);
    return s.startsWith("-") ? "−" + s.substring(1) : "+" + s;
  }
}

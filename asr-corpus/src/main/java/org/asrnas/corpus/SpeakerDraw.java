package org.asrnas.corpus;

import java.util.Collection;
import java.util.Random;
import java.util.Set;
import org.asrnas.core.Checks;

/**
 * Draws speaker settings (rate, pitch, warp, level) from one population, the same ranges for
 * training and test speakers, so that a test speaker of a training person is a new speaker of the
 * training population: {@link #drawNew} redraws until no training speaker of the voice is near it.
 *
 * @param rateMin slowest speaking-rate factor
 * @param rateMax fastest speaking-rate factor
 * @param gainMin lowest level in dB
 * @param gainMax highest level in dB
 */
record SpeakerDraw(double rateMin, double rateMax, double gainMin, double gainMax) {
  /** espeak-ng {@code -p} range. */
  static final int ESPEAK_PITCH_MIN = 30;

  static final int ESPEAK_PITCH_MAX = 70;

  /** Mean F0 ranges in Hz of the recorded persons: male voices and the female slt. */
  static final int MALE_F0_MIN = 85;

  static final int MALE_F0_MAX = 140;
  static final int FEMALE_F0_MIN = 160;
  static final int FEMALE_F0_MAX = 230;

  /** Vocal-tract warp range. */
  static final double WARP_MIN = 0.92;

  static final double WARP_MAX = 1.08;

  /** Female recorded persons. */
  static final Set<String> FEMALE_FAMILIES = Set.of("slt");

  /**
   * A new speaker is at least this far (in units of each parameter's range, largest over rate,
   * pitch and warp) from every training speaker of its voice.
   */
  static final double MIN_DISTANCE = 0.05;

  SpeakerDraw {
    Checks.checkArgument(rateMin <= rateMax && gainMin <= gainMax, "empty range");
  }

  /** One speaker with settings drawn uniformly from the ranges. */
  Speaker draw(String id, Voice v, Random rnd) {
    double rate = round3(rateMin + (rateMax - rateMin) * rnd.nextDouble());
    int pitch;
    if (v.engine() == Voice.Engine.ESPEAK) {
      pitch = ESPEAK_PITCH_MIN + rnd.nextInt(ESPEAK_PITCH_MAX - ESPEAK_PITCH_MIN + 1);
    } else if (FEMALE_FAMILIES.contains(v.family())) {
      pitch = FEMALE_F0_MIN + rnd.nextInt(FEMALE_F0_MAX - FEMALE_F0_MIN + 1);
    } else {
      pitch = MALE_F0_MIN + rnd.nextInt(MALE_F0_MAX - MALE_F0_MIN + 1);
    }
    double warp = round3(WARP_MIN + (WARP_MAX - WARP_MIN) * rnd.nextDouble());
    double gain = round3(gainMin + (gainMax - gainMin) * rnd.nextDouble());
    return new Speaker(id, v, rate, pitch, warp, gain);
  }

  /**
   * A speaker of voice {@code v} whose settings are at least {@link #MIN_DISTANCE} from those of
   * every speaker in {@code training} with the same voice (redrawn up to 1000 times).
   */
  Speaker drawNew(String id, Voice v, Random rnd, Collection<Speaker> training) {
    for (int tries = 0; tries < 1000; tries++) {
      Speaker s = draw(id, v, rnd);
      if (training.stream().noneMatch(t -> distance(s, t) < MIN_DISTANCE)) {
        return s;
      }
    }
    throw new IllegalStateException("no new speaker of " + v.key() + " after 1000 draws");
  }

  /**
   * Distance of two speakers' settings: infinite for different voices, else the largest difference
   * of rate, pitch and warp, each in units of its range.
   */
  double distance(Speaker a, Speaker b) {
    if (!a.voice().equals(b.voice())) {
      return Double.POSITIVE_INFINITY;
    }
    double pitchRange =
        a.voice().engine() == Voice.Engine.ESPEAK
            ? ESPEAK_PITCH_MAX - ESPEAK_PITCH_MIN
            : FEMALE_FAMILIES.contains(a.voice().family())
                ? FEMALE_F0_MAX - FEMALE_F0_MIN
                : MALE_F0_MAX - MALE_F0_MIN;
    double r = Math.abs(a.rate() - b.rate()) / Math.max(1e-9, rateMax - rateMin);
    double p = Math.abs(a.pitch() - b.pitch()) / pitchRange;
    double w = Math.abs(a.warp() - b.warp()) / (WARP_MAX - WARP_MIN);
    return Math.max(r, Math.max(p, w));
  }

  static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}

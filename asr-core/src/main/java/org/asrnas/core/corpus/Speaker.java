package org.asrnas.core.corpus;

import java.util.Locale;
import org.asrnas.core.Checks;

/**
 * A stand-in speaker: a voice with its own speaking rate, pitch and level.
 *
 * @param id Kaldi speaker id (a prefix of its utterance ids)
 * @param voice the synthetic voice
 * @param rate speaking-rate factor, 1 = the engine's default (espeak-ng words per minute = 175 x
 *     rate; flite and festival duration stretch = 1 / rate)
 * @param pitch espeak-ng: its {@code -p} value 0..99; flite and festival: a shift in cents applied
 *     with sox {@code pitch}
 * @param gainDb level applied with sox {@code gain}
 */
public record Speaker(String id, Voice voice, double rate, int pitch, double gainDb) {
  public Speaker {
    Checks.checkArgument(id != null && id.matches("[A-Za-z0-9_-]+"), "bad speaker id '%s'", id);
    Checks.checkNotNull(voice, "voice");
    Checks.checkInRange(rate, 0.5, 2.0, "rate");
    Checks.checkInRange(gainDb, -30.0, 10.0, "gainDb");
  }

  /** One line of {@code spk2voice}: {@code spk engine:voice rate pitch gain}. */
  public String describe() {
    return String.format(
        Locale.ROOT, "%s %s rate=%.3f pitch=%d gain=%.2f", id, voice.key(), rate, pitch, gainDb);
  }
}

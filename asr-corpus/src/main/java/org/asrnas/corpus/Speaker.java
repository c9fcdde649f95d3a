package org.asrnas.corpus;

import java.util.Locale;
import org.asrnas.core.Checks;

/**
 * A stand-in speaker: a voice with its own speaking rate, pitch (F0), vocal-tract warp and level.
 * Two speakers of one recorded person differ in all four, so a test speaker of a training person is
 * a new speaker of the training population rather than a copy of a training speaker.
 *
 * @param id Kaldi speaker id (a prefix of its utterance ids)
 * @param voice the synthetic voice
 * @param rate speaking-rate factor, 1 = the engine's default (espeak-ng words per minute = 175 x
 *     rate; flite and festival duration stretch = 1 / rate)
 * @param pitch espeak-ng: its {@code -p} value 0..99 (the engine's base F0). flite and festival: a
 *     mean F0 in Hz, 0 = the voice's own. Where the engine can set it (flite kal16, awb and slt
 *     through {@code --setf int_f0_target_mean}; festival's diphone voices through {@code
 *     int_lr_params target_f0_mean}) it is given as {@code pitch / warp}, so that after the warp
 *     the output's mean F0 is {@code pitch} whatever the warp: F0 and formants are independent. For
 *     voices whose F0 the engines do not move (flite rms, festival's slt HTS voice) sox {@code
 *     pitch} shifts the voice's measured mean F0 ({@link SpeechSynthesizer#SOX_F0_HZ}) to {@code
 *     pitch} before the warp, moving their formants with F0; for them and for espeak-ng the output
 *     F0 is the base F0 times {@code warp}
 * @param warp vocal-tract (formant) warp factor, 1 = none (0.92..1.08 in the stand-ins): sox {@code
 *     pitch} by 1200 log2(warp) cents, which scales the whole spectrum (formants and F0) at
 *     unchanged duration, like a shorter ({@code > 1}) or longer ({@code < 1}) vocal tract
 * @param gainDb level applied with sox {@code gain}
 */
public record Speaker(String id, Voice voice, double rate, int pitch, double warp, double gainDb) {
  public Speaker {
    Checks.checkArgument(id != null && id.matches("[A-Za-z0-9_-]+"), "bad speaker id '%s'", id);
    Checks.checkNotNull(voice, "voice");
    Checks.checkInRange(rate, 0.5, 2.0, "rate");
    Checks.checkInRange(warp, 0.8, 1.25, "warp");
    Checks.checkInRange(gainDb, -30.0, 10.0, "gainDb");
    if (voice.engine() == Voice.Engine.ESPEAK) {
      Checks.checkInRange(pitch, 0, 99, "pitch");
    } else {
      Checks.checkInRange(pitch, 0, 400, "pitch");
    }
  }

  /** A speaker without warp. */
  public Speaker(String id, Voice voice, double rate, int pitch, double gainDb) {
    this(id, voice, rate, pitch, 1.0, gainDb);
  }

  /** One line of {@code spk2voice}: {@code spk engine:voice family rate pitch warp gain}. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s %s family=%s rate=%.3f pitch=%d warp=%.3f gain=%.2f",
        id,
        voice.key(),
        voice.family(),
        rate,
        pitch,
        warp,
        gainDb);
  }

  /** Whether {@code o} speaks with this speaker's voice and settings (ids and level aside). */
  public boolean sameSettings(Speaker o) {
    return voice.equals(o.voice) && rate == o.rate && pitch == o.pitch && warp == o.warp;
  }
}

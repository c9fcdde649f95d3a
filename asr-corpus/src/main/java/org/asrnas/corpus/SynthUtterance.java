package org.asrnas.corpus;

import org.asrnas.core.Checks;

/**
 * One utterance to synthesise.
 *
 * @param id Kaldi utterance id (speaker id, underscore, prompt id)
 * @param speaker who reads it
 * @param prompt what is read
 * @param leadSeconds silence before the speech
 * @param tailSeconds silence after the speech
 */
public record SynthUtterance(
    String id, Speaker speaker, Prompt prompt, double leadSeconds, double tailSeconds) {
  public SynthUtterance {
    Checks.checkArgument(
        id.startsWith(speaker.id()), "utterance %s must start with its speaker", id);
    Checks.checkInRange(leadSeconds, 0.0, 5.0, "leadSeconds");
    Checks.checkInRange(tailSeconds, 0.0, 5.0, "tailSeconds");
  }
}

package org.asrnas.corpus;

import org.asrnas.core.Checks;

/**
 * A synthetic voice: the unit that must be held out whole, since two speakers of one voice that
 * differ only in rate or pitch sound like the same person.
 *
 * @param engine the synthesiser
 * @param name the engine's voice name ({@code en-us+m3} for espeak-ng language and variant, {@code
 *     slt} for flite, {@code kal_diphone} for festival)
 * @param family the recorded person behind the voice ({@code slt} for flite slt and festival's slt
 *     HTS voice), so that one person is held out on every engine at once
 */
public record Voice(Engine engine, String name, String family) {
  /** The synthesisers used for stand-in corpora. */
  public enum Engine {
    ESPEAK,
    FLITE,
    FESTIVAL
  }

  public Voice {
    Checks.checkNotNull(engine, "engine");
    Checks.checkArgument(
        name != null && name.matches("[A-Za-z0-9_+-]+"), "bad voice name '%s'", name);
    Checks.checkArgument(
        family != null && family.matches("[A-Za-z0-9_+-]+"), "bad voice family '%s'", family);
  }

  /** {@code engine:name}, as written in {@code spk2voice}. */
  public String key() {
    return engine.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
  }
}

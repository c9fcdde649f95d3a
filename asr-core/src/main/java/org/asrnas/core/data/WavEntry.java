package org.asrnas.core.data;

import org.asrnas.core.Checks;

/**
 * A {@code wav.scp} entry: either a file path or a shell command whose standard output is the audio
 * (Kaldi's {@code command |} form, the trailing pipe removed in {@link #command()}).
 *
 * @param recordingId the key (utterance id when there is no {@code segments} file)
 * @param spec the value exactly as written in {@code wav.scp}
 */
public record WavEntry(String recordingId, String spec) {
  public WavEntry {
    Checks.checkNotNull(recordingId, "recordingId");
    Checks.checkNotNull(spec, "spec");
    Checks.checkArgument(!spec.isBlank(), "wav.scp entry %s has no path", recordingId);
  }

  /** True for the {@code command |} form. */
  public boolean isPipe() {
    return spec.strip().endsWith("|");
  }

  /** The command without the trailing pipe; only for {@link #isPipe()} entries. */
  public String command() {
    Checks.checkArgument(isPipe(), "wav.scp entry %s is a path, not a command", recordingId);
    String s = spec.strip();
    return s.substring(0, s.length() - 1).strip();
  }

  /** The file path; only for entries that are not pipes. */
  public String path() {
    Checks.checkArgument(!isPipe(), "wav.scp entry %s is a command, not a path", recordingId);
    return spec.strip();
  }
}

package org.asrnas.cli;

import java.nio.file.Path;
import org.asrnas.nas.train.TrainingData;
import picocli.CommandLine.Option;

/**
 * {@code --heldout} and {@code --lang} of the commands that train ({@code asr train}, {@code asr
 * nas run}): with the command's own {@code --data}, the {@link TrainingData} of a run.
 */
final class TrainingDataOptions {
  @Option(
      names = "--heldout",
      paramLabel = "DIR",
      description =
          "held-out data dir (default: a seeded heldOutFraction of --data; asr nas: of the "
              + "retrain stage, the search always splits)")
  Path heldOut;

  @Option(
      names = "--lang",
      paramLabel = "DIR",
      description = "dir with units.txt and lexicon.txt (default: DATA/../lang)")
  Path lang;

  /** --lang, else the lang dir beside {@code data}; null when neither is known. */
  Path langDir(Path data) {
    return lang != null
        ? lang
        : data == null ? null : data.toAbsolutePath().getParent().resolve("lang");
  }

  /** units.txt of {@link #langDir}, or null. */
  Path units(Path data) {
    Path l = langDir(data);
    return l == null ? null : l.resolve("units.txt");
  }

  /** lexicon.txt of {@link #langDir}, or null. */
  Path lexicon(Path data) {
    Path l = langDir(data);
    return l == null ? null : l.resolve("lexicon.txt");
  }

  /** The training data of a run on {@code data}. */
  TrainingData of(Path data) {
    return new TrainingData(data, heldOut, units(data), lexicon(data));
  }
}

package org.asrnas.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.json.StrictJson;

/**
 * Where the seed and the thread count of a run come from, resolved in one place for every command
 * that takes a {@code --config} file: an explicit flag beats the file's key, which beats the
 * default (as in Kaldi's and ESPnet's scripts: command line, then config file, then defaults). The
 * defaults are seed {@value SeedOption#DEFAULT_SEED} and bin/asr's {@code ASR_THREADS} (else 1)
 * threads.
 */
final class OptionPrecedence {
  private OptionPrecedence() {}

  /**
   * The seed: {@code --seed} if given, else {@code fromConfig} (the config after its file's
   * overrides, which holds the file's {@code seed} or the default).
   */
  static long seed(SeedOption flag, long fromConfig) {
    return flag.given() ? flag.seed : fromConfig;
  }

  /**
   * The thread count: {@code --threads} if given, else the {@code threads} key of {@code
   * configFile} ({@code fromConfig}) if the file has one, else the default of {@link
   * DeviceOptions#threads()}.
   *
   * @param configFile the {@code --config} file, or null
   */
  static int threads(DeviceOptions flag, Path configFile, int fromConfig)
      throws IOException, AsrInputException {
    if (flag.threads != null) {
      return flag.threads;
    }
    if (configFile != null && StrictJson.readObject(configFile).has("threads")) {
      return fromConfig;
    }
    return flag.threads();
  }

  /**
   * Checks that a {@code key} of a secondary config file (the retrain config of {@code asr nas
   * run}, whose seed and threads are the run's) either is absent or equals the run's value, so that
   * it is never silently replaced.
   *
   * @param file the secondary config file, or null
   * @throws AsrInputException naming the file and the key when the values differ
   */
  static void requireRunValue(Path file, String key, long fromFile, long runValue)
      throws IOException, AsrInputException {
    if (file != null && fromFile != runValue && StrictJson.readObject(file).has(key)) {
      throw AsrInputException.inFile(
          file,
          "'"
              + key
              + "' is "
              + fromFile
              + " but the run's is "
              + runValue
              + ": the retraining uses the run's "
              + key
              + "; remove the key or give --"
              + key);
    }
  }
}

package org.asrnas.nas.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.asrnas.core.Checks;

/**
 * The data a training or search run reads: one record for the trainer's and the search's jobs, so
 * that both name, check and record their inputs alike.
 *
 * @param trainDir feature dir (feats.scp, text, cmvn.scp) of the training set
 * @param heldOutDir held-out feature dir, or null for a seeded split of {@code trainDir} (the
 *     search always splits, by its {@code heldOutFraction})
 * @param unitsFile units.txt (blank first)
 * @param lexiconFile lexicon mapping the transcripts' words to units
 */
public record TrainingData(Path trainDir, Path heldOutDir, Path unitsFile, Path lexiconFile) {
  public TrainingData {
    Checks.checkNotNull(trainDir, "trainDir");
    Checks.checkNotNull(unitsFile, "unitsFile");
    Checks.checkNotNull(lexiconFile, "lexiconFile");
  }

  /** Adds {@code train_dir}, {@code units} and {@code lexicon} (absolute paths) to a run.json. */
  public void addTo(JsonObject runJson) {
    runJson.addProperty("train_dir", trainDir.toAbsolutePath().toString());
    runJson.addProperty("units", unitsFile.toAbsolutePath().toString());
    runJson.addProperty("lexicon", lexiconFile.toAbsolutePath().toString());
  }
}

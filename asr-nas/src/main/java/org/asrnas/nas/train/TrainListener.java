package org.asrnas.nas.train;

/** Progress callbacks of {@link Trainer}; the CLI draws a progress bar from them. */
public interface TrainListener {
  /** An epoch starts with {@code batches} batches (resumed runs skip finished epochs). */
  default void epochStarted(int epoch, int batches, double learningRate) {}

  /** A training step finished. */
  default void step(Trainer.StepRecord record) {}

  /** An epoch finished and was evaluated on held-out data. */
  default void epochFinished(Trainer.EpochRecord record) {}

  /** A line worth showing the user (skipped utterances, stop reason). */
  default void message(String line) {}

  TrainListener NONE = new TrainListener() {};
}

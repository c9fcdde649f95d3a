package org.asrnas.nas.search;

import org.asrnas.core.Checks;
import org.asrnas.nas.JsonConfig;
import org.asrnas.nas.train.TrainConfig;

/**
 * Search settings (docs/design.md §6). Warm-up runs at least {@code warmupMinEpochs} epochs and
 * stops after {@code plateauEpochs} epochs without a {@code minImprovement} improvement of the
 * held-out loss; the search stops on the same rule after {@code searchLrDrops} learning-rate drops
 * (each a division by {@code lrDecayFactor}); both are capped by their max epochs, which also fixes
 * the common step budget of every strategy.
 *
 * @param seed root seed (split, batch order, path sampling, initialisation, dropout)
 * @param batchFrames padded frames per batch
 * @param heldOutFraction share of the training utterances held out for α steps and plateaus
 * @param maxStepsPerEpoch cap on training batches per epoch (0 = all), for short runs
 * @param weightLr Adam step size of the weights (the peak when {@code lrWarmupSteps} > 0)
 * @param lrWarmupSteps linear warm-up of the weights' rate: weight step k of the run (warm-up and
 *     search counted together, across {@code --resume}) uses {@code weightLr * min(1,
 *     (k+1)/lrWarmupSteps)}; 0 = off (the reference). As the trainer's {@code warmupSteps}: a
 *     higher peak rate without it keeps CTC on its blank plateau longer
 * @param alphaLr Adam step size of the logits
 * @param beta1 Adam first-moment decay (both optimizers)
 * @param beta2 Adam second-moment decay (both optimizers)
 * @param epsilon Adam denominator term
 * @param clipNorm global gradient-norm clip of weight steps (0 = off)
 * @param warmupMinEpochs warm-up epochs before the plateau rule applies
 * @param warmupMaxEpochs warm-up hard cap
 * @param warmupMaxPer the plateau rule ends the warm-up only once the held-out greedy phone error
 *     rate is below this, in percent as in the {@code heldout_per} columns (default 60: the
 *     supernet has left CTC's blank plateau, where PER is 100); {@code warmupMaxEpochs} still caps
 *     the warm-up; 100 or more turns the gate off
 * @param searchMaxEpochs search hard cap (the step budget shared by all strategies)
 * @param plateauEpochs non-improving epochs that make a plateau
 * @param minImprovement held-out loss decrease that counts as improving
 * @param searchLrDrops weight learning-rate drops before a plateau stops the search; the plateau
 *     counter is not reset at a drop, so the next non-improving epoch after the last drop stops it
 * @param lrDecayFactor divisor of the weight learning rate at a drop (α's is never decayed)
 * @param costKind "params" or "macs" (multiply-adds per second of audio)
 * @param costLambda weight λ of the budget term λ·E_π[cost] (0 = off)
 * @param snasTauStart SNAS Gumbel-softmax temperature at the first step
 * @param snasTauEnd SNAS temperature at the last step of the budget (exponential annealing)
 * @param randomArchitectures architectures {@code rsws} scores with the shared weights
 * @param randomEpochsEach unused since {@code random} became the one-draw null hypothesis; kept so
 *     that older config.json files still read
 * @param deltaOrder deltas appended on load
 * @param deltaWindow delta window
 * @param normVars CMVN with variances
 * @param threads CTC threads (libtorch threads are set by the caller before DJL loads)
 * @param logEverySteps a progress line every this many weight steps
 */
public record SearchConfig(
    long seed,
    int batchFrames,
    double heldOutFraction,
    int maxStepsPerEpoch,
    double weightLr,
    int lrWarmupSteps,
    double alphaLr,
    double beta1,
    double beta2,
    double epsilon,
    double clipNorm,
    int warmupMinEpochs,
    int warmupMaxEpochs,
    double warmupMaxPer,
    int searchMaxEpochs,
    int plateauEpochs,
    double minImprovement,
    int searchLrDrops,
    double lrDecayFactor,
    String costKind,
    double costLambda,
    double snasTauStart,
    double snasTauEnd,
    int randomArchitectures,
    int randomEpochsEach,
    int deltaOrder,
    int deltaWindow,
    boolean normVars,
    int threads,
    int logEverySteps)
    implements JsonConfig<SearchConfig> {

  public SearchConfig {
    Checks.checkArgument(batchFrames >= 1, "batchFrames must be >= 1, got %s", batchFrames);
    Checks.checkArgument(
        heldOutFraction > 0 && heldOutFraction < 1,
        "heldOutFraction must be in (0, 1), got %s",
        heldOutFraction);
    Checks.checkArgument(maxStepsPerEpoch >= 0, "maxStepsPerEpoch must be >= 0");
    Checks.checkArgument(weightLr > 0 && alphaLr > 0, "learning rates must be > 0");
    Checks.checkArgument(lrWarmupSteps >= 0, "lrWarmupSteps must be >= 0, got %s", lrWarmupSteps);
    Checks.checkArgument(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "betas in [0, 1)");
    Checks.checkArgument(epsilon > 0, "epsilon must be > 0");
    Checks.checkArgument(clipNorm >= 0, "clipNorm must be >= 0");
    Checks.checkArgument(warmupMinEpochs >= 0, "warmupMinEpochs must be >= 0");
    Checks.checkArgument(warmupMaxEpochs >= 1, "warmupMaxEpochs must be >= 1");
    Checks.checkArgument(warmupMaxPer > 0, "warmupMaxPer must be > 0 (percent)");
    Checks.checkArgument(searchMaxEpochs >= 1, "searchMaxEpochs must be >= 1");
    Checks.checkArgument(plateauEpochs >= 1, "plateauEpochs must be >= 1");
    Checks.checkArgument(minImprovement >= 0, "minImprovement must be >= 0");
    Checks.checkArgument(searchLrDrops >= 0, "searchLrDrops must be >= 0");
    Checks.checkArgument(lrDecayFactor > 1, "lrDecayFactor must be > 1");
    Checks.checkArgument(
        "params".equals(costKind) || "macs".equals(costKind),
        "costKind must be params or macs, got %s",
        costKind);
    Checks.checkArgument(costLambda >= 0, "costLambda must be >= 0");
    Checks.checkArgument(
        snasTauStart > 0 && snasTauEnd > 0 && snasTauEnd <= snasTauStart,
        "need 0 < snasTauEnd <= snasTauStart");
    Checks.checkArgument(randomArchitectures >= 1, "randomArchitectures must be >= 1");
    Checks.checkArgument(randomEpochsEach >= 0, "randomEpochsEach must be >= 0");
    Checks.checkArgument(deltaOrder >= 0 && deltaOrder <= 2, "deltaOrder must be 0, 1 or 2");
    Checks.checkArgument(deltaWindow >= 1, "deltaWindow must be >= 1");
    Checks.checkArgument(threads >= 1, "threads must be >= 1");
    Checks.checkArgument(logEverySteps >= 1, "logEverySteps must be >= 1");
  }

  /**
   * The reference schedule: lrs 1e-3 (weights) and 5e-3 (α), 10% held out, warm-up >= 10 epochs.
   */
  public static SearchConfig defaults() {
    return new SearchConfig(
        1, 10000, 0.1, 0, 1e-3, 0, 5e-3, 0.9, 0.999, 1e-8, 5.0, 10, 50, 60.0, 30, 3, 0.5, 1, 10.0,
        "params", 0.0, 1.0, 0.1, 32, 0, 2, 2, true, 1, 50);
  }

  /**
   * The weights' rate of weight step {@code step} (0-based): {@code weightLr} times the plateau
   * schedule's {@code lrScale}, warmed up over the first {@code lrWarmupSteps} steps as the
   * trainer's rate ({@link TrainConfig#warmedUp}).
   */
  public double weightLrAt(double lrScale, long step) {
    return TrainConfig.warmedUp(weightLr * lrScale, step, lrWarmupSteps);
  }

  @Override
  public Class<SearchConfig> configType() {
    return SearchConfig.class;
  }

  @Override
  public String configKind() {
    return "search";
  }

  public static SearchConfig fromJson(String json) {
    return defaults().withOverrides(json);
  }
}

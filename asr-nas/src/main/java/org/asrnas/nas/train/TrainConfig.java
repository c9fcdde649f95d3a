package org.asrnas.nas.train;

import java.util.Locale;
import org.asrnas.core.Checks;
import org.asrnas.nas.JsonConfig;

/**
 * Trainer settings. The schedule is ST-NAS's retrain schedule (docs/design.md §6): Adam at {@code
 * learningRate}; from epoch {@code decayAfterEpoch} on, every epoch whose held-out loss is not at
 * least {@code minImprovement} below the best so far divides the rate by {@code decayFactor};
 * training stops when the rate falls below {@code minLearningRate} or after {@code maxEpochs}.
 * Optionally the rate warms up linearly over the first {@code warmupSteps} optimizer steps (then
 * {@code learningRate} is the peak), epoch 1 visits batches shortest-first ({@code sortaGrad}), and
 * the batch's summed CTC loss is normalised by another denominator ({@code lossNorm}). The defaults
 * (0, false, "utterance") are the plain schedule above.
 *
 * @param seed root seed of every random choice (batches, SpecAugment, dropout, initialisation)
 * @param maxEpochs hard limit on epochs
 * @param batchFrames padded frames per batch (batch size x longest utterance), the memory bound
 * @param learningRate Adam step size
 * @param beta1 Adam first-moment decay
 * @param beta2 Adam second-moment decay
 * @param epsilon Adam denominator term
 * @param clipNorm global gradient-norm clip (0 = off)
 * @param decayAfterEpoch first epoch (1-based) at which a non-improving epoch decays the rate
 * @param decayFactor divisor of the rate on a non-improving epoch
 * @param minImprovement held-out loss improvement that counts as improving
 * @param minLearningRate stop once the rate is below this
 * @param heldOutFraction share of utterances held out (by utterance, seeded) when no separate
 *     held-out data dir is given
 * @param deltaOrder deltas appended on load (0 when the features already have them)
 * @param deltaWindow delta regression half-window (Kaldi's default 2)
 * @param normVars CMVN with variance normalisation
 * @param specAugment apply SpecAugment to training batches
 * @param freqMasks SpecAugment frequency masks per utterance
 * @param freqMaskWidth maximal width of a frequency mask (bins of the base features)
 * @param timeMasks SpecAugment time masks per utterance
 * @param timeMaskWidth maximal width of a time mask (frames)
 * @param threads intra-op threads of libtorch and of the CTC loss
 * @param logEverySteps rows of the per-step CSV log
 * @param warmupSteps linear learning-rate warm-up: optimizer step {@code k} (0-based, counted over
 *     the whole run, so it survives {@code --resume}) uses {@code rate * min(1, (k + 1) /
 *     warmupSteps)}, where {@code rate} is the epoch's scheduled rate ({@code learningRate} until
 *     the first decay); 0 = off
 * @param sortaGrad Deep Speech 2's SortaGrad: epoch 1 visits the batches in ascending length
 *     (shortest first), later epochs in the seeded shuffled order they have without it
 * @param lossNorm what the batch's summed CTC loss is divided by before backward: {@code
 *     "utterance"} (utterances with an alignment; the default), {@code "frame"} (their input
 *     frames), {@code "token"} (their target units) or {@code "batch"} (1: the plain sum, as the
 *     ST-NAS reference's {@code loss.backward(ones)}). Adam is invariant to a constant scale, but
 *     not to the per-batch one, and the gradient norm that {@code clipNorm} clips depends on it.
 *     The train losses logged in steps.csv and epochs.csv stay per utterance whatever the setting.
 * @param loss the training loss: {@code "ctc"} (the default) or {@code "ctc-crf"} (CTC-CRF, Xiang
 *     &amp; Ou 2019, with {@code crfLambda} times CTC added; docs/ctc-crf.md): its phone LM is
 *     estimated from the training targets at the start of the run and written with the denominator
 *     graph into the run dir ({@code phone_lm.fst.txt}, {@code den.fst.txt})
 * @param crfLambda weight of the CTC term in {@code J = J_CRF + crfLambda J_CTC} (CAT: 0.01 for
 *     WSJ, 0.1 for Switchboard); used with {@code "ctc-crf"} only
 * @param phoneLmOrder n-gram order of CTC-CRF's phone LM (2-6; CAT: 4)
 * @param phoneLmExtraStates contexts of 3 or more units that keep their own phone LM state (Kaldi's
 *     {@code --num-extra-lm-states}); the rest back off to their 2-unit suffix
 */
public record TrainConfig(
    long seed,
    int maxEpochs,
    int batchFrames,
    double learningRate,
    double beta1,
    double beta2,
    double epsilon,
    double clipNorm,
    int decayAfterEpoch,
    double decayFactor,
    double minImprovement,
    double minLearningRate,
    double heldOutFraction,
    int deltaOrder,
    int deltaWindow,
    boolean normVars,
    boolean specAugment,
    int freqMasks,
    int freqMaskWidth,
    int timeMasks,
    int timeMaskWidth,
    int threads,
    int logEverySteps,
    int warmupSteps,
    boolean sortaGrad,
    String lossNorm,
    String loss,
    double crfLambda,
    int phoneLmOrder,
    int phoneLmExtraStates)
    implements JsonConfig<TrainConfig> {

  /** The value of {@code loss} that selects CTC-CRF. */
  public static final String CTC_CRF = "ctc-crf";

  /** The values of {@code lossNorm}. */
  public enum LossNorm {
    UTTERANCE,
    FRAME,
    TOKEN,
    BATCH;

    /** The config value (lower case). */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config value; null for an unknown one. */
    static LossNorm parse(String s) {
      for (LossNorm n : values()) {
        if (n.key().equals(s)) {
          return n;
        }
      }
      return null;
    }
  }

  public TrainConfig {
    Checks.checkArgument(maxEpochs >= 1, "maxEpochs must be >= 1, got %s", maxEpochs);
    Checks.checkArgument(batchFrames >= 1, "batchFrames must be >= 1, got %s", batchFrames);
    Checks.checkArgument(learningRate > 0, "learningRate must be > 0, got %s", learningRate);
    Checks.checkArgument(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got %s", beta1);
    Checks.checkArgument(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got %s", beta2);
    Checks.checkArgument(epsilon > 0, "epsilon must be > 0, got %s", epsilon);
    Checks.checkArgument(clipNorm >= 0, "clipNorm must be >= 0, got %s", clipNorm);
    Checks.checkArgument(decayAfterEpoch >= 1, "decayAfterEpoch must be >= 1");
    Checks.checkArgument(decayFactor > 1, "decayFactor must be > 1, got %s", decayFactor);
    Checks.checkArgument(minImprovement >= 0, "minImprovement must be >= 0");
    Checks.checkArgument(minLearningRate >= 0, "minLearningRate must be >= 0");
    Checks.checkArgument(
        heldOutFraction >= 0 && heldOutFraction < 1,
        "heldOutFraction must be in [0, 1), got %s",
        heldOutFraction);
    Checks.checkArgument(deltaOrder >= 0 && deltaOrder <= 2, "deltaOrder must be 0, 1 or 2");
    Checks.checkArgument(deltaWindow >= 1, "deltaWindow must be >= 1");
    Checks.checkArgument(freqMasks >= 0 && timeMasks >= 0, "mask counts must be >= 0");
    Checks.checkArgument(freqMaskWidth >= 0 && timeMaskWidth >= 0, "mask widths must be >= 0");
    Checks.checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    Checks.checkArgument(logEverySteps >= 1, "logEverySteps must be >= 1");
    Checks.checkArgument(warmupSteps >= 0, "warmupSteps must be >= 0, got %s", warmupSteps);
    Checks.checkArgument(
        LossNorm.parse(lossNorm) != null,
        "lossNorm must be one of \"utterance\", \"frame\", \"token\", \"batch\"; got %s",
        lossNorm == null ? "null" : "\"" + lossNorm + "\"");
    Checks.checkArgument(
        "ctc".equals(loss) || CTC_CRF.equals(loss),
        "loss must be \"ctc\" or \"ctc-crf\"; got %s",
        loss == null ? "null" : "\"" + loss + "\"");
    Checks.checkArgument(
        crfLambda >= 0 && Double.isFinite(crfLambda), "crfLambda must be >= 0, got %s", crfLambda);
    Checks.checkArgument(
        phoneLmOrder >= 2 && phoneLmOrder <= 6, "phoneLmOrder must be 2-6, got %s", phoneLmOrder);
    Checks.checkArgument(
        phoneLmExtraStates >= 0, "phoneLmExtraStates must be >= 0, got %s", phoneLmExtraStates);
  }

  /** Whether {@code loss} is CTC-CRF. */
  public boolean ctcCrf() {
    return CTC_CRF.equals(loss);
  }

  /** {@link #lossNorm} as an enum. */
  public LossNorm lossNormalisation() {
    return LossNorm.parse(lossNorm);
  }

  /**
   * The rate of optimizer step {@code stepsDone} (0-based over the whole run) given the epoch's
   * scheduled rate: linear warm-up over the first {@code warmupSteps} steps, then {@code rate}.
   */
  public double stepLearningRate(double rate, long stepsDone) {
    return warmedUp(rate, stepsDone, warmupSteps);
  }

  /**
   * {@code rate} at step {@code stepsDone} (0-based) of a linear warm-up over {@code warmupSteps}
   * steps ({@code rate * (stepsDone+1) / warmupSteps}, then {@code rate}; 0 = no warm-up). Shared
   * by the trainer and the architecture search.
   */
  public static double warmedUp(double rate, long stepsDone, int warmupSteps) {
    if (warmupSteps == 0 || stepsDone + 1 >= warmupSteps) {
      return rate;
    }
    return rate * (stepsDone + 1) / warmupSteps;
  }

  /**
   * ST-NAS retrain defaults (Adam 1e-3, decay by 10 after epoch 10, stop below 1e-5).
   * decayAfterEpoch is 11: docs/design.md §6 decays on non-improving epochs after epoch 10, and
   * {@link #decaysAt} counts decayAfterEpoch itself.
   */
  public static TrainConfig defaults() {
    return new TrainConfig(
        1,
        50,
        10000,
        1e-3,
        0.9,
        0.999,
        1e-8,
        5.0,
        11,
        10.0,
        0.0,
        1e-5,
        0.1,
        2,
        2,
        true,
        false,
        2,
        10,
        2,
        40,
        1,
        50,
        0,
        false,
        "utterance",
        "ctc",
        0.01,
        4,
        1000);
  }

  /** Whether a non-improving {@code epoch} (1-based) divides the rate: from decayAfterEpoch on. */
  public boolean decaysAt(int epoch) {
    return epoch >= decayAfterEpoch;
  }

  @Override
  public Class<TrainConfig> configType() {
    return TrainConfig.class;
  }

  @Override
  public String configKind() {
    return "training";
  }

  public static TrainConfig fromJson(String json) {
    return defaults().withOverrides(json);
  }
}

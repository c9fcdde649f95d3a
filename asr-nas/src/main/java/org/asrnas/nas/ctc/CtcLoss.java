package org.asrnas.nas.ctc;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.asrnas.core.Checks;

/**
 * CTC loss and its gradient with respect to the pre-softmax activations, computed on the host with
 * the log-space forward-backward recursion of warp-ctc (Amodei et al., 2016; Graves et al., 2006).
 *
 * <p>For utterance {@code b} with activations {@code a} (T, V), {@code y = softmax(a)} per frame,
 * the extended label sequence {@code l'} (blank, l1, blank, l2, ..., blank; length S = 2L+1), the
 * forward variables {@code alpha_t(s)} and backward variables {@code beta_t(s)} (both including the
 * emission at frame t), the loss is {@code -ln p(l|x) = -logsumexp(alpha_{T-1}(S-1),
 * alpha_{T-1}(S-2))} and the gradient is {@code dL/da_t(k) = y_t(k) - exp(logsumexp_{s: l'_s = k}
 * (alpha_t(s) + beta_t(s)) - ln y_t(k) + ln p)}. Frames at and after the input length get zero
 * gradient. Blank is unit 0.
 *
 * <p>An utterance whose target cannot be aligned (more labels plus required blanks between repeats
 * than frames) has infinite loss; it is skipped with loss 0 and gradient 0 and counted, as {@code
 * torch.nn.functional.ctc_loss(..., zero_infinity=True)} does. Thread-safe: instances hold only the
 * pool size.
 */
public final class CtcLoss implements SequenceLoss {
  /** How the per-utterance losses are combined (as {@code torch.nn.functional.ctc_loss}). */
  public enum Reduction {
    /** One loss per utterance; the gradient is that of their sum. */
    NONE,
    /** Mean over the batch of loss / max(1, target length) (PyTorch's definition). */
    MEAN,
    /** Sum over the batch. */
    SUM
  }

  /**
   * The result of one batch.
   *
   * @param losses per-utterance loss (0 for a skipped utterance)
   * @param skipped which utterances had no valid alignment
   * @param loss the reduced loss ({@code NaN} never occurs; for NONE it is the sum)
   * @param gradient dLoss/dActivations, shape (batch, time, vocab) row-major, matching the
   *     reduction
   */
  public record Result(double[] losses, boolean[] skipped, double loss, float[] gradient) {
    /** Number of utterances skipped because no alignment exists. */
    public int skippedCount() {
      int n = 0;
      for (boolean s : skipped) {
        n += s ? 1 : 0;
      }
      return n;
    }
  }

  private final int threads;
  // ForkJoinPool workers are daemon threads that retire when idle, so no close() is needed.
  private final ForkJoinPool pool;

  /** A CTC loss that runs up to {@code threads} utterances in parallel. */
  public CtcLoss(int threads) {
    Checks.checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    this.threads = threads;
    this.pool = threads == 1 ? null : new ForkJoinPool(threads);
  }

  /** One thread per available processor. */
  public static CtcLoss withDefaultThreads() {
    return new CtcLoss(Runtime.getRuntime().availableProcessors());
  }

  /**
   * Computes loss and gradient.
   *
   * @param activations pre-softmax activations (batch, maxTime, vocab), row-major
   * @param batch batch size
   * @param maxTime padded length
   * @param vocab number of units including blank 0
   * @param inputLengths valid frames per utterance ({@code <= maxTime})
   * @param targets label ids per utterance, each in 1..vocab-1
   * @param reduction how to combine the losses
   */
  @Override
  public Result compute(
      float[] activations,
      int batch,
      int maxTime,
      int vocab,
      int[] inputLengths,
      int[][] targets,
      Reduction reduction) {
    checkBatch(activations, batch, maxTime, vocab, inputLengths, targets);
    double[] losses = new double[batch];
    boolean[] skipped = new boolean[batch];
    float[] grad = new float[activations.length];
    java.util.function.IntConsumer one =
        b -> {
          double l =
              utterance(activations, b * maxTime * vocab, inputLengths[b], vocab, targets[b], grad);
          skipped[b] = Double.isInfinite(l);
          losses[b] = skipped[b] ? 0 : l;
        };
    forEachUtterance(pool, threads, batch, one, "CTC");
    double loss = reduce(reduction, losses, grad, targets, maxTime, vocab);
    return new Result(losses, skipped, loss, grad);
  }

  /**
   * Checks the shapes of a batch: (batch, maxTime, vocab) activations, a length in [0, maxTime] and
   * labels in [1, vocab) for every utterance; shared with {@link CtcCrfLoss}.
   */
  static void checkBatch(
      float[] activations, int batch, int maxTime, int vocab, int[] inputLengths, int[][] targets) {
    Checks.checkArgument(
        activations.length == (long) batch * maxTime * vocab,
        "activations have %s values, expected %s x %s x %s",
        activations.length,
        batch,
        maxTime,
        vocab);
    Checks.checkArgument(inputLengths.length == batch, "need %s input lengths", batch);
    Checks.checkArgument(targets.length == batch, "need %s targets", batch);
    Checks.checkArgument(vocab >= 2, "vocab must include the blank and one unit, got %s", vocab);
    for (int b = 0; b < batch; b++) {
      Checks.checkArgument(
          inputLengths[b] >= 0 && inputLengths[b] <= maxTime,
          "input length %s of utterance %s not in [0, %s]",
          inputLengths[b],
          b,
          maxTime);
      for (int l : targets[b]) {
        Checks.checkArgument(
            l >= 1 && l < vocab, "label %s of utterance %s not in [1, %s)", l, b, vocab);
      }
    }
  }

  /**
   * Loss of one utterance, writing its gradient into {@code grad} at {@code off}; returns positive
   * infinity (and leaves the gradient zero) when no alignment exists.
   */
  static double utterance(float[] act, int off, int frames, int vocab, int[] target, float[] grad) {
    int labels = target.length;
    int repeats = 0;
    for (int i = 1; i < labels; i++) {
      repeats += target[i] == target[i - 1] ? 1 : 0;
    }
    if (frames == 0 || labels + repeats > frames) {
      return Double.POSITIVE_INFINITY;
    }
    int states = 2 * labels + 1;
    int[] ext = new int[states];
    boolean[] skip = new boolean[states]; // may s be entered from s - 2?
    for (int i = 0; i < labels; i++) {
      ext[2 * i + 1] = target[i];
    }
    for (int s = 2; s < states; s++) {
      skip[s] = ext[s] != 0 && ext[s] != ext[s - 2];
    }
    // log-softmax per frame in double, and the emissions of the extended labels
    double[] lp = new double[frames * vocab];
    double[] emit = new double[frames * states];
    logSoftmaxEmissions(act, off, frames, vocab, ext, lp, emit);
    double neg = Double.NEGATIVE_INFINITY;
    double[] alpha = new double[frames * states];
    double[] beta = new double[frames * states];
    Arrays.fill(alpha, neg);
    Arrays.fill(beta, neg);
    forward(emit, frames, states, skip, alpha);
    int last = (frames - 1) * states;
    double logLik =
        logSum3(alpha[last + states - 1], states > 1 ? alpha[last + states - 2] : neg, neg);
    if (logLik == neg) {
      return Double.POSITIVE_INFINITY;
    }
    backward(emit, frames, states, skip, beta);
    gradient(off, frames, vocab, ext, lp, alpha, beta, logLik, grad);
    return -logLik;
  }

  /**
   * Per frame: the log-softmax of the activations in double into {@code lp} (frames, vocab) and the
   * log-probabilities of the extended labels into {@code emit} (frames, states).
   */
  private static void logSoftmaxEmissions(
      float[] act, int off, int frames, int vocab, int[] ext, double[] lp, double[] emit) {
    int states = ext.length;
    for (int t = 0; t < frames; t++) {
      int a = off + t * vocab;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < vocab; k++) {
        max = Math.max(max, act[a + k]);
      }
      double sum = 0;
      for (int k = 0; k < vocab; k++) {
        sum += Math.exp(act[a + k] - max);
      }
      double norm = max + Math.log(sum);
      int row = t * vocab;
      for (int k = 0; k < vocab; k++) {
        lp[row + k] = act[a + k] - norm;
      }
      int e = t * states;
      for (int s = 0; s < states; s++) {
        emit[e + s] = lp[row + ext[s]];
      }
    }
  }

  /** Forward pass, visiting only states that can still reach the end (warp-ctc's window). */
  private static void forward(
      double[] emit, int frames, int states, boolean[] skip, double[] alpha) {
    double neg = Double.NEGATIVE_INFINITY;
    alpha[0] = emit[0];
    if (states > 1) {
      alpha[1] = emit[1];
    }
    for (int t = 1; t < frames; t++) {
      int start = Math.max(0, states - 2 * (frames - t));
      int end = Math.min(states, 2 * (t + 1));
      int row = t * states;
      int prev = row - states;
      for (int s = start; s < end; s++) {
        double v =
            logSum3(
                alpha[prev + s],
                s > 0 ? alpha[prev + s - 1] : neg,
                skip[s] ? alpha[prev + s - 2] : neg);
        alpha[row + s] = v == neg ? neg : v + emit[row + s];
      }
    }
  }

  /** Backward pass; beta includes the emission at t, as in warp-ctc. */
  private static void backward(
      double[] emit, int frames, int states, boolean[] skip, double[] beta) {
    double neg = Double.NEGATIVE_INFINITY;
    int last = (frames - 1) * states;
    beta[last + states - 1] = emit[last + states - 1];
    if (states > 1) {
      beta[last + states - 2] = emit[last + states - 2];
    }
    for (int t = frames - 2; t >= 0; t--) {
      int start = Math.max(0, states - 2 * (frames - t));
      int end = Math.min(states, 2 * (t + 1));
      int row = t * states;
      int next = row + states;
      for (int s = start; s < end; s++) {
        double v =
            logSum3(
                beta[next + s],
                s + 1 < states ? beta[next + s + 1] : neg,
                s + 2 < states && skip[s + 2] ? beta[next + s + 2] : neg);
        beta[row + s] = v == neg ? neg : v + emit[row + s];
      }
    }
  }

  /**
   * Gradient: softmax minus the normalised occupancy exp(alpha + beta - emit - logLik) of each
   * unit, summed in linear space relative to the frame's largest term.
   */
  private static void gradient(
      int off,
      int frames,
      int vocab,
      int[] ext,
      double[] lp,
      double[] alpha,
      double[] beta,
      double logLik,
      float[] grad) {
    double neg = Double.NEGATIVE_INFINITY;
    int states = ext.length;
    double[] occ = new double[vocab];
    for (int t = 0; t < frames; t++) {
      Arrays.fill(occ, 0.0);
      int row = t * states;
      double top = neg;
      for (int s = 0; s < states; s++) {
        top = Math.max(top, alpha[row + s] + beta[row + s]);
      }
      for (int s = 0; s < states; s++) {
        double ab = alpha[row + s] + beta[row + s];
        if (ab != neg) {
          occ[ext[s]] += Math.exp(ab - top);
        }
      }
      int g = off + t * vocab;
      int lrow = t * vocab;
      double shift = top - logLik;
      for (int k = 0; k < vocab; k++) {
        double l = lp[lrow + k];
        double y = Math.exp(l);
        double o = occ[k] == 0 ? 0 : Math.exp(Math.log(occ[k]) + shift - l);
        grad[g + k] = (float) (y - o);
      }
    }
  }

  /** ln(e^a + e^b + e^c) without overflow; any argument may be negative infinity. */
  static double logSum3(double a, double b, double c) {
    double m = Math.max(a, Math.max(b, c));
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m));
  }

  /**
   * Runs {@code one} for utterances 0..batch-1: in the caller's thread when {@code threads} is 1,
   * else across {@code pool}. {@code what} names the loss in errors.
   */
  static void forEachUtterance(
      ForkJoinPool pool, int threads, int batch, java.util.function.IntConsumer one, String what) {
    if (threads == 1 || batch == 1) {
      for (int b = 0; b < batch; b++) {
        one.accept(b);
      }
      return;
    }
    try {
      pool.submit(() -> IntStream.range(0, batch).parallel().forEach(one)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing " + what, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * The batch loss of per-utterance {@code losses} under {@code reduction}; for MEAN also scales
   * each utterance's rows of {@code grad} (batch, maxTime, vocab) by 1 / (max(1, target length) x
   * batch), as {@code torch.nn.functional.ctc_loss} does.
   */
  static double reduce(
      Reduction reduction, double[] losses, float[] grad, int[][] targets, int maxTime, int vocab) {
    double loss = 0;
    switch (reduction) {
      case NONE, SUM -> {
        for (double l : losses) {
          loss += l;
        }
      }
      case MEAN -> {
        int batch = losses.length;
        int stride = maxTime * vocab;
        for (int b = 0; b < batch; b++) {
          double scale = 1.0 / (Math.max(1, targets[b].length) * (double) batch);
          loss += losses[b] * scale;
          for (int i = b * stride; i < (b + 1) * stride; i++) {
            grad[i] = (float) (grad[i] * scale);
          }
        }
      }
    }
    return loss;
  }
}

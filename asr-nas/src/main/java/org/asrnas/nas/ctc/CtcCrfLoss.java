package org.asrnas.nas.ctc;

import java.util.concurrent.ForkJoinPool;
import org.asrnas.core.Checks;

/**
 * The CTC-CRF loss (Xiang &amp; Ou, "CRF-based single-stage acoustic modeling with CTC topology",
 * ICASSP 2019; the CAT toolkit) with CTC as an auxiliary term, computed on the host like {@link
 * CtcLoss}.
 *
 * <p>With {@code y = softmax(a)} per frame, the CRF's posterior of the label sequence {@code l} is
 *
 * <pre>
 *   ln p(l|x) = N(x, l) + ln p_LM(l) - ln Z(x),
 *   N(x, l)   = ln sum_{pi in B^-1(l)} exp(sum_t ln y_{pi_t, t})          (CTC's numerator)
 *   Z(x)      = sum_{all pi} exp(sum_t ln y_{pi_t, t} + ln p_LM(B(pi)))  (the denominator)
 * </pre>
 *
 * where {@code p_LM} is the phone LM ({@link PhoneLm}) and {@code Z} the forward-backward sum over
 * the {@link DenominatorGraph} {@code T o G}. The training objective is {@code J = J_CRF + lambda
 * J_CTC = ln Z - (1 + lambda) N - ln p_LM(l)} ({@code lambda}: CAT's {@code lamb}, 0.01 for WSJ,
 * 0.1 for Switchboard). Its gradient with respect to the activations is
 *
 * <pre>
 *   dJ/da_t(k) = gamma_den_t(k) - gamma_num_t(k) + lambda (y_t(k) - gamma_num_t(k)),
 * </pre>
 *
 * with {@code gamma} the posterior occupancy of unit {@code k} at frame {@code t} in the
 * denominator graph and in the numerator's alignments: the gradient with respect to the log-softmax
 * outputs is {@code gamma_den - (1 + lambda) gamma_num}, and the log-softmax Jacobian {@code
 * delta_kj - y_j} drops out of the CRF part because both occupancies sum to 1 per frame.
 *
 * <p>{@code ln p_LM(l)} does not depend on the network; the reported loss {@link
 * CtcLoss.Result#losses()} leaves it out ({@code ln Z - (1 + lambda) N}, as CAT's training loss),
 * so that it is also defined for held-out transcripts with n-grams the unsmoothed phone LM has not
 * seen. {@link Detail#lmLogProbs()} has it, for the full {@code J}.
 *
 * <p>The denominator's recursion runs in linear space with one scale per frame (Rabiner's scaled
 * forward-backward; the log of every scale is accumulated), which is exact up to double rounding
 * and avoids a logarithm per arc. Every arc into a state {@code d} of {@code T o G} carries the
 * same unit {@code k(d)}, so {@code alpha_{t+1}(d) = y_t(k(d)) sum_{e: s -> d} w_e alpha_t(s)},
 * {@code beta_t(s) = sum_{e: s -> d} w_e y_t(k(d)) beta_{t+1}(d)}, {@code beta_T = final weights},
 * {@code gamma_t(k) = sum_{d: k(d) = k} alpha_{t+1}(d) beta_{t+1}(d) / Z}: one multiply-add per arc
 * and direction. The numerator is {@link CtcLoss}'s log-space recursion.
 *
 * <p>An utterance without a CTC alignment, or whose {@code Z} is 0 (no sentence of the LM fits its
 * frames), is skipped with loss 0 and gradient 0 and counted in {@code skipped}, as CTC does. A NaN
 * activation gives a NaN loss, which the trainer counts and does not train on. Thread-safe.
 *
 * <p>Over 400 lines because the batch driver, the numerator, the scaled denominator recursion and
 * its two inner loops (general arcs and blank/unit pairs) are one computation; the long Javadoc
 * above is its derivation.
 */
public final class CtcCrfLoss implements SequenceLoss {
  /**
   * The parts of the loss per utterance (0 for a skipped utterance).
   *
   * @param result what {@link #compute} returns
   * @param ctcLosses {@code -N(x, l)}, the CTC loss
   * @param logZ {@code ln Z(x)}
   * @param lmLogProbs {@code ln p_LM(l)} (negative infinity for an unseen n-gram)
   */
  public record Detail(
      CtcLoss.Result result, double[] ctcLosses, double[] logZ, double[] lmLogProbs) {
    /** {@code ln p(l|x)} of utterance {@code b}: {@code N + ln p_LM(l) - ln Z}. */
    public double logPosterior(int b) {
      return -ctcLosses[b] + lmLogProbs[b] - logZ[b];
    }
  }

  private final DenominatorGraph graph;
  private final PhoneLm lm;
  private final double lambda;
  private final int threads;
  private final ForkJoinPool pool;

  /**
   * @param graph the denominator graph ({@code T o G})
   * @param lm the phone LM of {@code graph}, for {@code ln p_LM(l)}
   * @param lambda weight of the CTC term ({@code >= 0})
   * @param threads utterances computed in parallel
   */
  public CtcCrfLoss(DenominatorGraph graph, PhoneLm lm, double lambda, int threads) {
    this.graph = Checks.checkNotNull(graph, "graph");
    this.lm = Checks.checkNotNull(lm, "lm");
    Checks.checkArgument(
        graph.vocab() == lm.vocab(),
        "graph has %s units, the phone LM %s",
        graph.vocab(),
        lm.vocab());
    Checks.checkArgument(
        lambda >= 0 && Double.isFinite(lambda), "lambda must be >= 0, got %s", lambda);
    Checks.checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    this.lambda = lambda;
    this.threads = threads;
    this.pool = threads == 1 ? null : new ForkJoinPool(threads);
  }

  public DenominatorGraph graph() {
    return graph;
  }

  public double lambda() {
    return lambda;
  }

  @Override
  public CtcLoss.Result compute(
      float[] activations,
      int batch,
      int maxTime,
      int vocab,
      int[] inputLengths,
      int[][] targets,
      CtcLoss.Reduction reduction) {
    return computeDetail(activations, batch, maxTime, vocab, inputLengths, targets, reduction)
        .result();
  }

  /** {@link #compute} with the parts of every utterance's loss. */
  public Detail computeDetail(
      float[] activations,
      int batch,
      int maxTime,
      int vocab,
      int[] inputLengths,
      int[][] targets,
      CtcLoss.Reduction reduction) {
    Checks.checkArgument(
        vocab == graph.vocab(),
        "activations have %s units, the denominator graph %s",
        vocab,
        graph.vocab());
    CtcLoss.checkBatch(activations, batch, maxTime, vocab, inputLengths, targets);
    double[] losses = new double[batch];
    double[] ctcLosses = new double[batch];
    double[] logZ = new double[batch];
    double[] lmLp = new double[batch];
    boolean[] skipped = new boolean[batch];
    float[] grad = new float[activations.length];
    java.util.function.IntConsumer one =
        b -> {
          int off = b * maxTime * vocab;
          double ctc =
              CtcLoss.utterance(activations, off, inputLengths[b], vocab, targets[b], grad);
          double z =
              Double.isInfinite(ctc)
                  ? Double.NEGATIVE_INFINITY
                  : denominator(activations, off, inputLengths[b], vocab, grad);
          lmLp[b] = lm.logProb(targets[b]);
          if (Double.isInfinite(ctc) || z == Double.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(grad, off, off + inputLengths[b] * vocab, 0f);
            skipped[b] = true;
            return;
          }
          ctcLosses[b] = ctc;
          logZ[b] = z;
          losses[b] = (1 + lambda) * ctc + z;
        };
    CtcLoss.forEachUtterance(pool, threads, batch, one, "CTC-CRF");
    double loss = CtcLoss.reduce(reduction, losses, grad, targets, maxTime, vocab);
    return new Detail(new CtcLoss.Result(losses, skipped, loss, grad), ctcLosses, logZ, lmLp);
  }

  /**
   * ln Z of one utterance; turns the CTC gradient {@code y - gamma_num} that {@link
   * CtcLoss#utterance} left in {@code grad} into the objective's {@code (1 + lambda)(y - gamma_num)
   * + gamma_den - y}. Returns negative infinity (gradient untouched) when Z is 0.
   */
  private double denominator(float[] act, int off, int frames, int vocab, float[] grad) {
    DenominatorGraph g = graph;
    int n = g.numStates();
    double[] y = softmaxRows(act, off, frames, vocab);
    double[] alpha = new double[(frames + 1) * n];
    double logScale = forward(g, y, frames, vocab, alpha);
    if (Double.isNaN(logScale) || logScale == Double.NEGATIVE_INFINITY) {
      return logScale;
    }
    double fin = 0;
    double[] fw = g.finalWeight;
    for (int s = 0; s < n; s++) {
      fin += alpha[frames * n + s] * fw[s];
    }
    if (!(fin > 0)) {
      return fin == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
    double logZ = logScale + Math.log(fin);
    return backwardGradient(g, y, alpha, frames, vocab, off, grad) ? logZ : Double.NaN;
  }

  /** The softmax of each activation row, computed as exp of the log-softmax in double. */
  private static double[] softmaxRows(float[] act, int off, int frames, int vocab) {
    double[] y = new double[frames * vocab];
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
      for (int k = 0; k < vocab; k++) {
        y[t * vocab + k] = Math.exp(act[a + k] - norm);
      }
    }
    return y;
  }

  /**
   * Forward pass: alpha_t scaled so that its largest entry is 1; returns the sum of the logs
   * divided out, or negative infinity (no path) or NaN (non-finite activations). Every arc into d
   * carries the unit stateLabel[d], so its emission multiplies the whole sum.
   */
  private static double forward(
      DenominatorGraph g, double[] y, int frames, int vocab, double[] alpha) {
    int n = g.numStates();
    double logScale = 0;
    alpha[g.start()] = 1;
    int[] label = g.stateLabel;
    DenominatorGraph.Pairs pairs = g.pairs;
    double[] sigma = new double[2 * n];
    for (int t = 0; t < frames; t++) {
      int prev = t * n;
      int cur = prev + n;
      int yt = t * vocab;
      double max =
          pairs != null
              ? forwardPairs(pairs, label, alpha, prev, cur, y, yt, sigma)
              : forwardArcs(g, alpha, prev, cur, y, yt);
      if (!(max > 0)) {
        return max == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
      }
      double inv = 1 / max;
      for (int d = cur; d < cur + n; d++) {
        alpha[d] *= inv;
      }
      logScale += Math.log(max);
    }
    return logScale;
  }

  /**
   * Backward pass and gradient: beta holds beta_{t+1} scaled to a largest entry of 1; the occupancy
   * of frame t is gamma_t(k) = sum_{d: label(d) = k} alpha_{t+1}(d) beta_{t+1}(d) / Z. Returns
   * false when a frame's occupancies do not sum to a positive number.
   */
  private boolean backwardGradient(
      DenominatorGraph g,
      double[] y,
      double[] alpha,
      int frames,
      int vocab,
      int off,
      float[] grad) {
    int n = g.numStates();
    int[] label = g.stateLabel;
    DenominatorGraph.Pairs pairs = g.pairs;
    double[] fw = g.finalWeight;
    double[] beta = new double[n];
    double[] emitted = new double[n];
    double bmax = 0;
    for (int s = 0; s < n; s++) {
      bmax = Math.max(bmax, fw[s]);
    }
    for (int s = 0; s < n; s++) {
      beta[s] = fw[s] / bmax;
    }
    double[] occ = new double[vocab];
    for (int t = frames - 1; t >= 0; t--) {
      java.util.Arrays.fill(occ, 0);
      int at = (t + 1) * n;
      int yt = t * vocab;
      for (int d = 0; d < n; d++) {
        if (label[d] >= 0) {
          double b = beta[d];
          occ[label[d]] += alpha[at + d] * b;
          emitted[d] = y[yt + label[d]] * b;
        } else {
          emitted[d] = 0;
        }
      }
      // the occupancies of a frame sum to 1: normalising by their sum equals dividing by Z (the
      // scales cancel) and cannot overflow
      double total = 0;
      for (double o : occ) {
        total += o;
      }
      if (!(total > 0)) {
        return false;
      }
      double factor = 1 / total;
      int gr = off + t * vocab;
      for (int k = 0; k < vocab; k++) {
        double gammaDen = occ[k] * factor;
        grad[gr + k] = (float) ((1 + lambda) * grad[gr + k] + gammaDen - y[yt + k]);
      }
      if (t > 0) {
        double max =
            pairs != null ? backwardPairs(pairs, beta, emitted) : backwardArcs(g, beta, emitted);
        double inv = 1 / max;
        for (int s = 0; s < n; s++) {
          beta[s] *= inv;
        }
      }
    }
    return true;
  }

  /** alpha_{t+1} over every arc; returns its largest entry. */
  private static double forwardArcs(
      DenominatorGraph g, double[] alpha, int prev, int cur, double[] y, int yt) {
    int[] inStart = g.inStart;
    int[] inSrc = g.inSrc;
    double[] inWeight = g.inWeight;
    int[] label = g.stateLabel;
    double max = 0;
    for (int d = 0; d < label.length; d++) {
      if (label[d] < 0) {
        continue;
      }
      double sum = 0;
      for (int i = inStart[d], e = inStart[d + 1]; i < e; i++) {
        sum += alpha[prev + inSrc[i]] * inWeight[i];
      }
      sum *= y[yt + label[d]];
      alpha[cur + d] = sum;
      max = Math.max(max, sum);
    }
    return max;
  }

  /**
   * alpha_{t+1} with the twin structure ({@link DenominatorGraph#pairs}): a blank state and its
   * twin send their summed forward value {@code sigma} along the arcs they share, and only the
   * blank state's along the arc the twin lacks; sums of non-negative terms only. Returns the
   * largest entry.
   */
  private static double forwardPairs(
      DenominatorGraph.Pairs p,
      int[] label,
      double[] alpha,
      int prev,
      int cur,
      double[] y,
      int yt,
      double[] sigma) {
    double max = 0;
    double blank = y[yt];
    int n = label.length;
    // source values: [0, n) a blank state's own alpha, [n, 2n) its sum with its twin's
    for (int b : p.blanks) {
      int tw = p.twin[b];
      double own = alpha[prev + b];
      double sig = own + (tw >= 0 ? alpha[prev + tw] : 0);
      sigma[b] = own;
      sigma[n + b] = sig;
      double v = blank * sig;
      alpha[cur + b] = v;
      max = Math.max(max, v);
    }
    int[] units = p.units;
    int[] inStart = p.inStart;
    int[] inSrc = p.inSrc;
    double[] inWeight = p.inWeight;
    for (int i = 0; i < units.length; i++) {
      int d = units[i];
      double sum = alpha[prev + d];
      for (int j = inStart[i], e = inStart[i + 1]; j < e; j++) {
        sum += inWeight[j] * sigma[inSrc[j]];
      }
      double v = sum * y[yt + label[d]];
      alpha[cur + d] = v;
      max = Math.max(max, v);
    }
    return max;
  }

  /** beta_t = sum over every arc of weight x emitted(dst); returns its largest entry. */
  private static double backwardArcs(DenominatorGraph g, double[] beta, double[] emitted) {
    int[] outStart = g.outStart;
    int[] outDst = g.outDst;
    double[] outWeight = g.outWeight;
    double max = 0;
    for (int s = 0; s < beta.length; s++) {
      double sum = 0;
      for (int o = outStart[s], e = outStart[s + 1]; o < e; o++) {
        sum += outWeight[o] * emitted[outDst[o]];
      }
      beta[s] = sum;
      max = Math.max(max, sum);
    }
    return max;
  }

  /**
   * beta_t with the twin structure: one pass over a blank state's arcs gives its sum and, split at
   * the arc the twin lacks, the twin's (self-loop + blank arc + the rest), without subtracting.
   */
  private static double backwardPairs(DenominatorGraph.Pairs p, double[] beta, double[] emitted) {
    int[] blanks = p.blanks;
    int[] arcStart = p.arcStart;
    int[] arcDst = p.arcDst;
    double[] arcWeight = p.arcWeight;
    double max = 0;
    for (int i = 0; i < blanks.length; i++) {
      int b = blanks[i];
      int start = arcStart[i];
      int end = arcStart[i + 1];
      int cut = p.excluded[i] < 0 ? end : start + p.excluded[i];
      double rest = 0;
      for (int j = start; j < cut; j++) {
        rest += arcWeight[j] * emitted[arcDst[j]];
      }
      double mid = cut < end ? arcWeight[cut] * emitted[arcDst[cut]] : 0;
      for (int j = cut + 1; j < end; j++) {
        rest += arcWeight[j] * emitted[arcDst[j]];
      }
      double vb = emitted[b];
      double bb = vb + rest + mid;
      beta[b] = bb;
      max = Math.max(max, bb);
      int tw = p.twin[b];
      if (tw >= 0) {
        double bt = emitted[tw] + vb + rest;
        beta[tw] = bt;
        max = Math.max(max, bt);
      }
    }
    return max;
  }
}

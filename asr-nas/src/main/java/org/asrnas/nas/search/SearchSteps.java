package org.asrnas.nas.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asrnas.core.Checks;
import org.asrnas.nas.ctc.CtcCriterion;
import org.asrnas.nas.ctc.CtcLoss;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Adam;
import org.asrnas.nas.train.Batch;
import org.asrnas.nas.train.HeldOutTally;

/**
 * One optimisation step of each strategy on a {@link Supernet} (docs/design.md §6). Two Adam
 * optimizers with per-parameter state: one over the weights, one over the logits. Every step
 * updates only the parameters that took part in it (the forward pass reports them) and then zeroes
 * every gradient of both sets, so that a gradient left by one step (the weights' gradient of an α
 * step, the logits' of a mixture weight step) never leaks into the next, and Adam's momentum never
 * moves a parameter that had no gradient.
 */
public final class SearchSteps {
  /**
   * @param loss CTC loss per valid utterance
   * @param cost E_π[cost] (or the path's cost) in the config's unit, 0 when no budget term
   * @param valid utterances with an alignment
   * @param skipped utterances whose targets do not fit
   */
  /** What a step did; {@code loss} NaN (and {@code valid} 0) when it was not finite: no update. */
  public record Result(double loss, double cost, int valid, int skipped) {}

  private final Supernet net;
  private final Adam weightAdam;
  private final Adam alphaAdam;
  private final CtcCriterion ctc;
  private final SearchConfig cfg;
  private final double[][] costs;

  /** Tests only: whether α steps freeze the weights (false gives the behaviour before D10). */
  boolean freezeWeightsInAlphaSteps = true;

  /** Tests only: called after each backward pass, before any optimizer step or zeroing. */
  Runnable afterBackward;

  public SearchSteps(Supernet net, Adam weightAdam, Adam alphaAdam, SearchConfig cfg) {
    this.net = Checks.checkNotNull(net, "net");
    this.weightAdam = Checks.checkNotNull(weightAdam, "weightAdam");
    this.alphaAdam = Checks.checkNotNull(alphaAdam, "alphaAdam");
    this.cfg = Checks.checkNotNull(cfg, "cfg");
    this.ctc = new CtcCriterion(new CtcLoss(cfg.threads()));
    this.costs = net.candidateCosts(costKind(cfg));
  }

  static Supernet.CostKind costKind(SearchConfig cfg) {
    return "macs".equals(cfg.costKind()) ? Supernet.CostKind.MACS : Supernet.CostKind.PARAMS;
  }

  /** Samples candidate indices from π, one per node. */
  public static int[] samplePath(double[][] pi, Random r) {
    int[] s = new int[pi.length];
    for (int i = 0; i < pi.length; i++) {
      s[i] = sample(pi[i], r);
    }
    return s;
  }

  /** One candidate per node, uniformly (warm-up, random search). */
  public static int[] uniformPath(Supernet net, Random r) {
    int[] s = new int[net.nodeCount()];
    for (int i = 0; i < s.length; i++) {
      s[i] = r.nextInt(net.candidates(i).size());
    }
    return s;
  }

  static int sample(double[] p, Random r) {
    double u = r.nextDouble();
    double acc = 0;
    for (int k = 0; k < p.length; k++) {
      acc += p[k];
      if (u < acc) {
        return k;
      }
    }
    return p.length - 1;
  }

  /**
   * Weight step on one path (warm-up, ST-NAS and ProxylessNAS weight steps, random search): only
   * that path's candidates, the fixed layers and the output layer are updated.
   */
  public Result pathStep(Batch batch, int[] choice, double lr, NDManager parent) {
    return run(batch, new Supernet.Path(choice), true, lr, false, 0, parent, null);
  }

  /**
   * The α step of {@code strategy} on a held-out batch: only logits are updated ({@link
   * Strategy#alphaStep}).
   */
  public Result alphaStep(
      Strategy strategy, Batch batch, Random r, double lr, double tau, NDManager parent) {
    return strategy.alphaStep(this, new Strategy.Step(batch, r, lr, 0, tau, parent));
  }

  /** The weight step of {@code strategy} on a training batch ({@link Strategy#weightStep}). */
  public Result weightStep(
      Strategy strategy,
      Batch batch,
      Random r,
      double lr,
      double alphaLr,
      double tau,
      NDManager parent) {
    return strategy.weightStep(this, new Strategy.Step(batch, r, lr, alphaLr, tau, parent));
  }

  /** {@link #pathStep(Batch, int[], double, NDManager)} with a step's batch and learning rate. */
  Result pathStep(Strategy.Step s, int[] choice) {
    return pathStep(s.batch(), choice, s.lr(), s.parent());
  }

  Supernet net() {
    return net;
  }

  /** A step through {@code mode} that updates only the logits that took part, at {@code lr}. */
  Result alphaOnly(Batch batch, Supernet.Mode mode, double lr, NDManager parent) {
    return run(batch, mode, false, 0, true, lr, parent, null);
  }

  /** A softmax(α) (τ = 0) or Gumbel-softmax (τ > 0) mixture step that updates only the logits. */
  Result mixtureAlphas(Batch batch, Random r, double lr, double tau, NDManager parent) {
    return runMixture(batch, r, false, 0, true, lr, tau, parent);
  }

  /** A softmax(α) mixture step that updates only the weights. */
  Result mixtureWeights(Batch batch, Random r, double lr, NDManager parent) {
    return runMixture(batch, r, true, lr, false, 0, 0, parent);
  }

  /** A Gumbel-softmax mixture step at temperature {@code tau} that updates weights and logits. */
  Result mixtureJoint(
      Batch batch, Random r, double lr, double alphaLr, double tau, NDManager parent) {
    return runMixture(batch, r, true, lr, true, alphaLr, tau, parent);
  }

  /** Mixture forward; {@code tau > 0} draws Gumbel noise: w = softmax((α + G) / τ). */
  private Result runMixture(
      Batch batch,
      Random r,
      boolean updateWeights,
      double lr,
      boolean updateAlphas,
      double alphaLr,
      double tau,
      NDManager parent) {
    double[][] gumbel = null;
    if (tau > 0) {
      gumbel = new double[net.nodeCount()][];
      for (int i = 0; i < gumbel.length; i++) {
        gumbel[i] = new double[net.candidates(i).size()];
        for (int k = 0; k < gumbel[i].length; k++) {
          double u = Math.max(r.nextDouble(), 1e-12);
          gumbel[i][k] = -Math.log(-Math.log(u));
        }
      }
    }
    double[][] g = gumbel;
    return run(
        batch,
        null,
        updateWeights,
        lr,
        updateAlphas,
        alphaLr,
        parent,
        m -> {
          List<NDArray> w = new ArrayList<>();
          for (int i = 0; i < net.nodeCount(); i++) {
            NDArray a = net.logits(i, m);
            if (g != null) {
              float[] noise = new float[g[i].length];
              for (int k = 0; k < noise.length; k++) {
                noise[k] = (float) g[i][k];
              }
              a = a.add(m.create(noise)).div((float) tau);
            }
            w.add(a.softmax(0));
          }
          return new Supernet.Mixture(w);
        });
  }

  private interface ModeFactory {
    Supernet.Mode make(NDManager m);
  }

  private Result run(
      Batch batch,
      Supernet.Mode fixedMode,
      boolean updateWeights,
      double lr,
      boolean updateAlphas,
      double alphaLr,
      NDManager parent,
      ModeFactory factory) {
    try (NDManager m = parent.newSubManager()) {
      NDArray x =
          m.create(batch.features(), new Shape(batch.size(), batch.maxFrames(), batch.dim()));
      Supernet.Output y;
      CtcCriterion.Output loss;
      double costValue = 0;
      int valid;
      // an α step freezes the weights (the reference's _release_grad): autograd then records only
      // what the logits need, and no weight gradient is computed and thrown away
      boolean freeze = !updateWeights && freezeWeightsInAlphaSteps;
      if (freeze) {
        setWeightsRequireGradient(false);
      }
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Supernet.Mode mode = factory == null ? fixedMode : factory.make(m);
        y = net.forward(x, batch.lengths(), true, mode);
        loss = ctc.forward(y.activations(), y.lengths(), batch.targets(), CtcLoss.Reduction.SUM);
        valid = batch.size() - loss.result().skippedCount();
        NDArray objective = loss.surrogate().div(Math.max(1, valid));
        if (updateAlphas && cfg.costLambda() > 0) {
          NDArray expected = expectedCost(m);
          costValue = expected.getFloat();
          objective = objective.add(expected.mul((float) cfg.costLambda()));
        }
        gc.backward(objective);
      } finally {
        if (freeze) {
          setWeightsRequireGradient(true);
        }
      }
      if (afterBackward != null) {
        afterBackward.run();
      }
      // a non-finite loss (a diverging step) updates nothing; its gradients are dropped
      boolean finite = Double.isFinite(loss.result().loss()) && Double.isFinite(costValue);
      if (finite && valid > 0 && updateWeights) {
        weightAdam.step(y.usedWeights(), lr, cfg.clipNorm(), m);
      }
      if (finite && updateAlphas && (valid > 0 || cfg.costLambda() > 0)) {
        alphaAdam.step(y.usedAlphas(), alphaLr, 0, m);
      }
      weightAdam.zeroGradients(m);
      alphaAdam.zeroGradients(m);
      return new Result(
          !finite ? Double.NaN : valid == 0 ? 0 : loss.result().loss() / valid,
          costValue,
          finite ? valid : 0,
          loss.result().skippedCount());
    }
  }

  private void setWeightsRequireGradient(boolean on) {
    for (NDArray w : net.weights().arrays().values()) {
      w.setRequiresGradient(on);
    }
  }

  /** E_π[cost] = Σ_i Σ_k π_ik c_ik, in the autograd graph of the logits. */
  NDArray expectedCost(NDManager m) {
    NDArray total = null;
    for (int i = 0; i < net.nodeCount(); i++) {
      float[] c = new float[costs[i].length];
      for (int k = 0; k < c.length; k++) {
        c[k] = (float) costs[i][k];
      }
      NDArray e = net.probabilities(i, m).mul(m.create(c)).sum();
      total = total == null ? e : total.add(e);
    }
    return total;
  }

  /**
   * Held-out scores without updates.
   *
   * @param loss CTC loss per valid utterance
   * @param per greedy phone error rate in percent (as the trainer's {@code heldout_per})
   */
  public record Eval(double loss, double per) {}

  /**
   * Held-out CTC loss per valid utterance and greedy phone error rate (percent) without updates,
   * decoded as the trainer does ({@link HeldOutTally}).
   *
   * @param modes the forward mode per batch (a path, or a mixture made in the batch's manager)
   */
  public Eval evaluate(
      List<Batch> batches, java.util.function.IntFunction<ModeSource> modes, NDManager parent) {
    HeldOutTally tally = new HeldOutTally();
    CtcLoss host = new CtcLoss(cfg.threads());
    for (int b = 0; b < batches.size(); b++) {
      Batch batch = batches.get(b);
      try (NDManager m = parent.newSubManager()) {
        NDArray x =
            m.create(batch.features(), new Shape(batch.size(), batch.maxFrames(), batch.dim()));
        Supernet.Output y = net.forward(x, batch.lengths(), false, modes.apply(b).make(m));
        long[] s = y.activations().getShape().getShape();
        float[] act = y.activations().toFloatArray();
        CtcLoss.Result r =
            host.compute(
                act,
                (int) s[0],
                (int) s[1],
                (int) s[2],
                y.lengths(),
                batch.targets(),
                CtcLoss.Reduction.NONE);
        tally.add(act, batch.size(), (int) s[1], (int) s[2], y.lengths(), batch.targets(), r);
      }
    }
    return new Eval(tally.loss(), tally.per());
  }

  /** Makes a forward mode inside a batch's manager. */
  @FunctionalInterface
  public interface ModeSource {
    Supernet.Mode make(NDManager m);
  }

  /** softmax(α) mixture of every node, for evaluating DARTS and SNAS supernets. */
  public ModeSource softmaxMixture() {
    return m -> {
      List<NDArray> w = new ArrayList<>();
      for (int i = 0; i < net.nodeCount(); i++) {
        w.add(net.probabilities(i, m));
      }
      return new Supernet.Mixture(w);
    };
  }
}

package org.asrnas.nas.search;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.asrnas.nas.train.Batch;

/**
 * SNAS (Xie et al. 2019): one joint step per training batch through a Gumbel-softmax sample at the
 * annealed temperature τ, updating weights and logits together. The isolated α step exists for the
 * cost benchmark ({@code bench/search_cost.sh}); the search never alternates.
 */
final class Snas implements Strategy {
  @Override
  public String label() {
    return "snas";
  }

  @Override
  public boolean updatesAlphasInWeightStep() {
    return true;
  }

  @Override
  public SearchSteps.Result alphaStep(
      SearchSteps steps, Batch batch, Random r, double lr, double tau, NDManager parent) {
    return steps.mixtureAlphas(batch, r, lr, tau, parent);
  }

  @Override
  public SearchSteps.Result weightStep(
      SearchSteps steps,
      Batch batch,
      Random r,
      double lr,
      double alphaLr,
      double tau,
      NDManager parent) {
    return steps.mixtureJoint(batch, r, lr, alphaLr, tau, parent);
  }

  @Override
  public String toString() {
    return label();
  }
}

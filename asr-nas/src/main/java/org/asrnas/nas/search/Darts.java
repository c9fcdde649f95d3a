package org.asrnas.nas.search;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import java.util.function.IntFunction;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Batch;

/**
 * DARTS, first order (Liu et al. 2019): the α step and the weight step both run the softmax(α)
 * mixture of every candidate, alternating; held-out evaluation runs the mixture too.
 */
final class Darts implements Strategy {
  @Override
  public String label() {
    return "darts";
  }

  @Override
  public boolean alternates() {
    return true;
  }

  @Override
  public SearchSteps.Result alphaStep(
      SearchSteps steps, Batch batch, Random r, double lr, double tau, NDManager parent) {
    return steps.mixtureAlphas(batch, r, lr, 0, parent);
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
    return steps.mixtureWeights(batch, r, lr, parent);
  }

  @Override
  public IntFunction<SearchSteps.ModeSource> evalModes(
      SearchSteps steps, Supernet net, int batches, Random r) {
    SearchSteps.ModeSource mix = steps.softmaxMixture();
    return b -> mix;
  }

  @Override
  public String toString() {
    return label();
  }
}

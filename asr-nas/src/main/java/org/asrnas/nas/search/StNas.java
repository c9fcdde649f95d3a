package org.asrnas.nas.search;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Batch;

/**
 * ST-NAS (Zheng, An and Ou, SLT 2021; docs/design.md §6): the α step draws s ~ Cat(π) per node on a
 * held-out batch and back-propagates through the straight-through forward; the weight step trains
 * one path drawn from π.
 */
final class StNas implements Strategy {
  @Override
  public String label() {
    return "st";
  }

  @Override
  public boolean alternates() {
    return true;
  }

  @Override
  public SearchSteps.Result alphaStep(
      SearchSteps steps, Batch batch, Random r, double lr, double tau, NDManager parent) {
    return steps.alphaOnly(
        batch,
        new Supernet.StraightThrough(SearchSteps.samplePath(steps.net().pi(), r)),
        lr,
        parent);
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
    return steps.pathStep(batch, SearchSteps.samplePath(steps.net().pi(), r), lr, parent);
  }

  @Override
  public String toString() {
    return label();
  }
}

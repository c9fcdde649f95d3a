package org.asrnas.nas.search;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Random;
import org.asrnas.core.AsrInputException;
import org.asrnas.nas.train.Batch;

/**
 * The null hypothesis of the comparison: one architecture drawn uniformly from the space with the
 * seed ({@link Loop#random}, random.json), retrained like the others; no warm-up, no search, no
 * supernet steps.
 */
final class RandomArchitecture implements Strategy {
  @Override
  public String label() {
    return "random";
  }

  @Override
  public boolean learnsAlphas() {
    return false;
  }

  @Override
  public boolean warmsUp() {
    return false;
  }

  @Override
  public SearchSteps.Result alphaStep(
      SearchSteps steps, Batch batch, Random r, double lr, double tau, NDManager parent) {
    throw new IllegalArgumentException("random search has no α step");
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
    throw new IllegalArgumentException("random search trains no supernet");
  }

  @Override
  public void search(Loop loop, int[] budget) throws IOException, AsrInputException {
    loop.random();
  }

  @Override
  public int randomDraws(SearchConfig cfg) {
    return 1;
  }

  @Override
  public String randomDrawSource() {
    return "a uniform draw (random.json)";
  }

  @Override
  public String toString() {
    return label();
  }
}

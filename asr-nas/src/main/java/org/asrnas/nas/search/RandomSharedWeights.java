package org.asrnas.nas.search;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.asrnas.core.AsrInputException;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Batch;

/**
 * Random search with weight sharing (Li and Talwalkar 2019): the same warm-up, then the search's
 * whole weight-step budget on uniformly drawn single paths (no plateau stop, no α), then {@code
 * randomArchitectures} uniform draws scored on the held-out set with the shared weights ({@link
 * Loop#scoreShared}); the lowest loss is derived.
 */
final class RandomSharedWeights implements Strategy {
  @Override
  public String label() {
    return "rsws";
  }

  @Override
  public boolean learnsAlphas() {
    return false;
  }

  @Override
  public boolean stopsOnPlateau() {
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
    return steps.pathStep(batch, SearchSteps.uniformPath(steps.net(), r), lr, parent);
  }

  @Override
  public IntFunction<SearchSteps.ModeSource> evalModes(
      SearchSteps steps, Supernet net, int batches, Random r) {
    List<int[]> paths = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      paths.add(SearchSteps.uniformPath(net, r));
    }
    return b -> m -> new Supernet.Path(paths.get(b));
  }

  @Override
  public void search(Loop loop, int[] budget) throws IOException, AsrInputException {
    if (loop.search(budget)) {
      loop.scoreShared();
    }
  }

  @Override
  public int randomDraws(SearchConfig cfg) {
    return cfg.randomArchitectures();
  }

  @Override
  public String randomDrawSource() {
    return "the lowest shared-weight held-out loss in random.json";
  }

  @Override
  public String toString() {
    return label();
  }
}

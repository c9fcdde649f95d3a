package org.asrnas.nas.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.asrnas.core.AsrInputException;
import org.asrnas.nas.model.Supernet;

/**
 * Random search with weight sharing (Li and Talwalkar 2019): the same warm-up, then the search's
 * whole weight-step budget on uniformly drawn single paths (no plateau stop, no α), then {@code
 * randomArchitectures} uniform draws scored on the held-out set with the shared weights ({@link
 * Loop#scoreShared}); the lowest loss is derived.
 */
final class RandomSharedWeights extends Strategy {
  RandomSharedWeights() {
    super("rsws", Trait.NO_ALPHAS, Trait.NO_PLATEAU_STOP);
  }

  @Override
  SearchSteps.Result weightStep(SearchSteps steps, Step s) {
    return steps.pathStep(s, SearchSteps.uniformPath(steps.net(), s.random()));
  }

  @Override
  IntFunction<SearchSteps.ModeSource> evalModes(
      SearchSteps steps, Supernet net, int batches, Random r) {
    List<int[]> paths = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      paths.add(SearchSteps.uniformPath(net, r));
    }
    return b -> m -> new Supernet.Path(paths.get(b));
  }

  @Override
  void search(Loop loop, int[] budget) throws IOException, AsrInputException {
    if (loop.search(budget)) {
      loop.scoreShared();
    }
  }

  @Override
  int randomDraws(SearchConfig cfg) {
    return cfg.randomArchitectures();
  }

  @Override
  String randomDrawSource() {
    return "the lowest shared-weight held-out loss in random.json";
  }
}

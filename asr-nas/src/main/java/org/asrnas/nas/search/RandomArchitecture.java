package org.asrnas.nas.search;

import java.io.IOException;

/**
 * The null hypothesis of the comparison: one architecture drawn uniformly from the space with the
 * seed ({@link Loop#random}, random.json), retrained like the others; no warm-up, no search, no
 * supernet steps.
 */
final class RandomArchitecture extends Strategy {
  RandomArchitecture() {
    super("random", Trait.NO_ALPHAS, Trait.NO_WARM_UP);
  }

  @Override
  SearchSteps.Result weightStep(SearchSteps steps, Step s) {
    throw new IllegalArgumentException("random trains no supernet");
  }

  @Override
  void search(Loop loop, int[] budget) throws IOException {
    loop.random();
  }

  @Override
  int randomDraws(SearchConfig cfg) {
    return 1;
  }

  @Override
  String randomDrawSource() {
    return "a uniform draw (random.json)";
  }
}

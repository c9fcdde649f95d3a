package org.asrnas.nas.search;

import java.util.Random;
import java.util.function.IntFunction;
import org.asrnas.nas.model.Supernet;

/**
 * DARTS, first order (Liu et al. 2019): the α step and the weight step both run the softmax(α)
 * mixture of every candidate, alternating; held-out evaluation runs the mixture too.
 */
final class Darts extends Strategy {
  Darts() {
    super("darts", Trait.ALTERNATES);
  }

  @Override
  SearchSteps.Result alphaStep(SearchSteps steps, Step s) {
    return steps.mixtureAlphas(s.batch(), s.random(), s.lr(), 0, s.parent());
  }

  @Override
  SearchSteps.Result weightStep(SearchSteps steps, Step s) {
    return steps.mixtureWeights(s.batch(), s.random(), s.lr(), s.parent());
  }

  @Override
  IntFunction<SearchSteps.ModeSource> evalModes(
      SearchSteps steps, Supernet net, int batches, Random r) {
    SearchSteps.ModeSource mix = steps.softmaxMixture();
    return b -> mix;
  }
}

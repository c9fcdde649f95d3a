package org.asrnas.nas.search;

/**
 * SNAS (Xie et al. 2019): one joint step per training batch through a Gumbel-softmax sample at the
 * annealed temperature τ, updating weights and logits together. The isolated α step exists for the
 * cost benchmark ({@code bench/search_cost.sh}); the search never alternates.
 */
final class Snas extends Strategy {
  Snas() {
    super("snas", Trait.ALPHAS_IN_WEIGHT_STEP);
  }

  @Override
  SearchSteps.Result alphaStep(SearchSteps steps, Step s) {
    return steps.mixtureAlphas(s.batch(), s.random(), s.lr(), s.tau(), s.parent());
  }

  @Override
  SearchSteps.Result weightStep(SearchSteps steps, Step s) {
    return steps.mixtureJoint(s.batch(), s.random(), s.lr(), s.alphaLr(), s.tau(), s.parent());
  }
}

package org.asrnas.nas.search;

import org.asrnas.nas.model.Supernet;

/**
 * ST-NAS (Zheng, An and Ou, SLT 2021; docs/design.md §6): the α step draws s ~ Cat(π) per node on a
 * held-out batch and back-propagates through the straight-through forward; the weight step trains
 * one path drawn from π.
 */
final class StNas extends Strategy {
  StNas() {
    super("st", Trait.ALTERNATES);
  }

  @Override
  SearchSteps.Result alphaStep(SearchSteps steps, Step s) {
    int[] path = SearchSteps.samplePath(steps.net().pi(), s.random());
    return steps.alphaOnly(s.batch(), new Supernet.StraightThrough(path), s.lr(), s.parent());
  }

  @Override
  SearchSteps.Result weightStep(SearchSteps steps, Step s) {
    return steps.pathStep(s, SearchSteps.samplePath(steps.net().pi(), s.random()));
  }
}

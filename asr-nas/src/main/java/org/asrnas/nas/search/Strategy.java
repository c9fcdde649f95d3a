package org.asrnas.nas.search;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.asrnas.core.AsrInputException;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Batch;

/**
 * A search strategy of docs/design.md §6: one class per strategy, each with its α step, its weight
 * step, its held-out forward mode and its derive rule; {@link Loop} and {@link NasSearch} run them
 * without knowing which one they run. Adding a strategy: a subclass, listed in {@code permits} and
 * in {@link #values()}.
 */
public abstract sealed class Strategy
    permits StNas, Darts, Snas, Proxyless, RandomArchitecture, RandomSharedWeights {
  /** How a strategy's search differs from the plain alternating one. */
  enum Trait {
    /** An α step on a held-out batch runs before each weight step. */
    ALTERNATES,
    /** The weight step also updates α (one α step counted per weight step). */
    ALPHAS_IN_WEIGHT_STEP,
    /** No logits are learned (no π, no pi.csv, no argmax): the derived net is a random draw. */
    NO_ALPHAS,
    /** The supernet is not warmed up. */
    NO_WARM_UP,
    /** The search spends its whole budget instead of stopping on a held-out plateau. */
    NO_PLATEAU_STOP
  }

  /**
   * The arguments of one step.
   *
   * @param lr the learning rate of what the step updates (weights, or α in an α step)
   * @param alphaLr α's learning rate in a weight step that also updates α
   * @param tau the Gumbel-softmax temperature (SNAS)
   */
  public record Step(
      Batch batch, Random random, double lr, double alphaLr, double tau, NDManager parent) {}

  private final String label;
  private final Set<Trait> traits;

  Strategy(String label, Trait... traits) {
    this.label = label;
    this.traits =
        traits.length == 0 ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(List.of(traits));
  }

  /** ST-NAS: straight-through α step on held-out data, single-path weight step. */
  public static final Strategy ST = new StNas();

  /** DARTS, first order: softmax mixture in both alternating steps. */
  public static final Strategy DARTS = new Darts();

  /** SNAS: Gumbel-softmax mixture with annealed temperature, α and weights updated jointly. */
  public static final Strategy SNAS = new Snas();

  /** ProxylessNAS-style: binary gates over two sampled paths per α step. */
  public static final Strategy PROXYLESS = new Proxyless();

  /**
   * The null hypothesis: one architecture drawn uniformly from the space with the seed, retrained
   * like the others; no warm-up, no search.
   */
  public static final Strategy RANDOM = new RandomArchitecture();

  /**
   * Random search with weight sharing: the same warm-up, the search's weight-step budget on
   * uniformly sampled single paths, then {@code randomArchitectures} uniformly drawn architectures
   * scored on the held-out set with the shared weights (forward only); the lowest loss is kept.
   */
  public static final Strategy RSWS = new RandomSharedWeights();

  /** Every strategy, in the order of the help text. */
  public static List<Strategy> values() {
    return List.of(ST, DARTS, SNAS, PROXYLESS, RANDOM, RSWS);
  }

  /** Parses a {@link #label()}: {@code st|darts|snas|proxyless|random|rsws}. */
  public static Strategy parse(String s) {
    String l = s.strip().toLowerCase(Locale.ROOT);
    List<String> labels = new ArrayList<>();
    for (Strategy st : values()) {
      if (st.label().equals(l)) {
        return st;
      }
      labels.add(st.label());
    }
    throw new IllegalArgumentException(
        "unknown strategy '"
            + s
            + "'; expected "
            + String.join(", ", labels.subList(0, labels.size() - 1))
            + " or "
            + labels.get(labels.size() - 1));
  }

  /** The name in configs, run.json and on the command line. */
  public final String label() {
    return label;
  }

  @Override
  public final String toString() {
    return label;
  }

  /** True for the strategies that learn logits α (and so have π, pi.csv and an argmax). */
  public final boolean learnsAlphas() {
    return !traits.contains(Trait.NO_ALPHAS);
  }

  /** Whether an α step on a held-out batch runs before each weight step. */
  public final boolean alternates() {
    return traits.contains(Trait.ALTERNATES);
  }

  /** Whether the weight step also updates α (one α step counted per weight step). */
  public final boolean updatesAlphasInWeightStep() {
    return traits.contains(Trait.ALPHAS_IN_WEIGHT_STEP);
  }

  /** Whether the supernet is warmed up before the search. */
  public final boolean warmsUp() {
    return !traits.contains(Trait.NO_WARM_UP);
  }

  /** Whether the search stops on a held-out plateau (else it spends its whole budget). */
  public final boolean stopsOnPlateau() {
    return !traits.contains(Trait.NO_PLATEAU_STOP);
  }

  /** The α step on a held-out batch: only logits are updated. */
  SearchSteps.Result alphaStep(SearchSteps steps, Step s) {
    throw new IllegalArgumentException(label + " has no α step");
  }

  /** The weight step on a training batch. */
  abstract SearchSteps.Result weightStep(SearchSteps steps, Step s);

  /**
   * The held-out forward mode per batch (the reference's {@code validate}): by default a path z ~ π
   * drawn per minibatch from {@code r}.
   */
  IntFunction<SearchSteps.ModeSource> evalModes(
      SearchSteps steps, Supernet net, int batches, Random r) {
    double[][] pi = net.pi();
    List<int[]> paths = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      paths.add(SearchSteps.samplePath(pi, r));
    }
    return b -> m -> new Supernet.Path(paths.get(b));
  }

  /**
   * The search stage after the warm-up; by default {@link Loop#search}.
   *
   * @param budget seconds left, shared with the other stages
   */
  void search(Loop loop, int[] budget) throws IOException, AsrInputException {
    loop.search(budget);
  }

  /**
   * The derive rule of a strategy that does not learn α: how many of the draws in random.json are
   * candidates (the lowest held-out loss among them is derived). Strategies that learn α derive
   * argmax π of the best search checkpoint instead.
   */
  int randomDraws(SearchConfig cfg) {
    throw new IllegalStateException(label + " derives argmax π, not a random draw");
  }

  /** Where a random draw's derived architecture comes from, for the log. */
  String randomDrawSource() {
    throw new IllegalStateException(label + " derives argmax π, not a random draw");
  }
}

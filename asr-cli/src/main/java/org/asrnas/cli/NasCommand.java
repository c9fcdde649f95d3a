package org.asrnas.cli;

import java.util.EnumSet;
import java.util.Set;
import org.asrnas.nas.search.NasSearch;
import picocli.CommandLine.Command;

/** {@code asr nas}: architecture search (ST-NAS and baselines) in stages. */
@Command(
    name = "nas",
    header = "Neural architecture search (ST-NAS and baselines), whole or stage by stage.",
    mixinStandardHelpOptions = true,
    description = {
      "Neural architecture search of a CTC acoustic model (docs/design.md §5-6): a supernet from a",
      "search-space JSON (data/nas/stnas-*-space.json), searched by ST-NAS (straight-through",
      "gradients) or a baseline (darts, snas, proxyless, random), then derived and retrained."
    },
    subcommands = {
      NasRunCommand.class,
      NasCommand.Warmup.class,
      NasCommand.Search.class,
      NasCommand.Derive.class,
      NasCommand.Retrain.class,
      NasShowCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  asr nas run --space data/nas/stnas-cpu-space.json --data data/train --out exp/nas-st",
      "  asr nas run --strategy darts --space data/nas/stnas-cpu-space.json --data data/train"
          + " --out exp/nas-darts --stages warmup,search,derive",
      "  asr nas search --out exp/nas-st          (continues a run dir after its warm-up)",
      "  asr nas show --out exp/nas-st"
    })
public final class NasCommand extends CommandGroup {
  /** One stage of {@code asr nas run} as its own command. */
  abstract static class SingleStage extends NasRunCommand {
    private final NasSearch.Stage stage;
    private final boolean continues;

    SingleStage(NasSearch.Stage stage, boolean continues) {
      this.stage = stage;
      this.continues = continues;
    }

    @Override
    Set<NasSearch.Stage> stages() {
      return EnumSet.of(stage);
    }

    @Override
    boolean continuesRun() {
      return continues;
    }
  }

  /** {@code asr nas warmup}: uniform single-path training of the supernet. */
  @Command(
      name = "warmup",
      mixinStandardHelpOptions = true,
      header = "Warm-up stage only: uniform single-path training, plateau stopping.")
  public static final class Warmup extends SingleStage {
    public Warmup() {
      super(NasSearch.Stage.WARMUP, false);
    }
  }

  /** {@code asr nas search}: the strategy's search from the warm-up weights. */
  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      header = "Search stage only (continues an existing run dir, e.g. after nas warmup).")
  public static final class Search extends SingleStage {
    public Search() {
      super(NasSearch.Stage.SEARCH, true);
    }
  }

  /** {@code asr nas derive}: argmax π into derived.json. */
  @Command(
      name = "derive",
      mixinStandardHelpOptions = true,
      header = "Derive stage only: argmax π per node into derived.json and derived.txt.")
  public static final class Derive extends SingleStage {
    public Derive() {
      super(NasSearch.Stage.DERIVE, true);
    }
  }

  /** {@code asr nas retrain}: the derived network trained from scratch. */
  @Command(
      name = "retrain",
      mixinStandardHelpOptions = true,
      header = "Retrain stage only: a fresh network from derived.json, trained into retrain/.")
  public static final class Retrain extends SingleStage {
    public Retrain() {
      super(NasSearch.Stage.RETRAIN, true);
    }
  }
}

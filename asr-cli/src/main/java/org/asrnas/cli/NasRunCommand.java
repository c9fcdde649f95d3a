package org.asrnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.DeviceSpec;
import org.asrnas.nas.Devices;
import org.asrnas.nas.search.NasSearch;
import org.asrnas.nas.search.SearchConfig;
import org.asrnas.nas.search.Strategy;
import org.asrnas.nas.train.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code asr nas run}: the stages of a search in one command. */
@Command(
    name = "run",
    header = "Runs an architecture search (warm-up, search, derive, retrain) into a run dir.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the stages of an architecture search into --out: warmup (warmup.csv), search",
      "(search.csv, pi.csv = π of every node at every α step), derive (derived.json,",
      "derived.txt) and retrain (retrain/, the trainer's run dir). Checkpoints are written",
      "atomically after every epoch; --resume continues a killed run and skips finished stages",
      "and retrains with the run's seed and retrain config (run.json; an explicit --seed must",
      "equal it, an explicit --retrain-config replaces it).",
      "Strategies: st, darts, snas, proxyless (search α after the shared warm-up); rsws (random",
      "search with weight sharing: the same warm-up, the search's weight-step budget on uniform",
      "single paths, then randomArchitectures draws scored on held-out data with the shared",
      "weights); random (the null hypothesis: one uniform draw, no warm-up, no search)."
    },
    footer = {
      "",
      "Examples:",
      "  asr nas run --space data/nas/stnas-cpu-space.json --data data/train --out exp/st --seed 1",
      "  asr nas run --out exp/st --resume",
      "  asr nas run --strategy random --space data/nas/stnas-cpu-space.json --data data/train"
          + " --out exp/rand --config search.json"
    })
public class NasRunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--stages",
      paramLabel = "LIST",
      description = "comma-separated stages (default: ${DEFAULT-VALUE})",
      defaultValue = "warmup,search,derive,retrain")
  String stageList;

  @Option(names = "--space", paramLabel = "JSON", description = "search space (new runs)")
  Path space;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "training data dir with feats.scp, text, utt2spk (default when continuing: the run's)")
  Path data;

  @Mixin TrainingDataOptions dataOptions;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "run directory")
  Path out;

  @Option(
      names = "--strategy",
      description =
          "st, darts, snas, proxyless, rsws or random (default: st; continuing: the run's)")
  String strategy;

  @Option(
      names = "--config",
      paramLabel = "JSON",
      description = "search options overriding the defaults (keys of the run's config.json)")
  Path config;

  @Option(
      names = "--retrain-config",
      paramLabel = "JSON",
      description = "trainer options of the retrain stage (keys of asr train's config.json)")
  Path retrainConfig;

  @Mixin SeedOption seedOption;

  // Same --device/--threads as asr train: --threads defaults to bin/asr's ASR_THREADS.
  @Mixin DeviceOptions deviceOptions;

  @Option(
      names = "--epochs",
      description = "stop after this many epochs (random search: architectures) of this invocation")
  Integer epochLimit;

  @Option(names = "--resume", description = "continue the run in --out from its checkpoints")
  boolean resume;

  @Option(
      names = "--warmup-from",
      paramLabel = "DIR",
      description =
          "a new run starts its search from the finished warm-up of this run dir instead of "
              + "warming up again (same seed, data, space and warm-up settings, checked); what a "
              + "comparison of strategies shares per seed")
  Path warmupFrom;

  /**
   * The job: a continued run (its run dir's config and seed, --retrain-config only when given), or
   * a new one from --space and --data; data/lang next to --data unless --lang is given.
   */
  private NasSearch.Job job(
      boolean cont, Strategy strat, DeviceSpec dev, TrainConfig rc, int threads)
      throws IOException, AsrInputException {
    if (cont) {
      // the retrain of a continued run uses the run's seed (run.json); an explicit --seed that
      // differs is an error
      boolean explicitSeed = seedOption.given();
      NasSearch.Job job =
          NasSearch.continueJob(
              out,
              data,
              dataOptions.heldOut,
              dataOptions.units(data),
              dataOptions.lexicon(data),
              strat,
              Devices.toDjl(dev),
              // without --retrain-config the run's own (run.json), as the uninterrupted run had
              retrainConfig == null ? null : rc,
              explicitSeed ? seedOption.seed : null);
      return job.withRetrainConfig(job.retrainConfig().withThreads(threads));
    }
    if (space == null || data == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--space and --data are required for a new run (or --resume)");
    }
    return new NasSearch.Job(
        dataOptions.of(data),
        space,
        out,
        Devices.toDjl(dev),
        strat == null ? Strategy.ST : strat,
        false,
        rc);
  }

  /** The stages this command runs. */
  Set<NasSearch.Stage> stages() {
    return NasSearch.Stage.parseList(stageList);
  }

  /** True for the single-stage commands that continue an existing run dir without --resume. */
  boolean continuesRun() {
    return false;
  }

  @Override
  public Integer call() throws IOException, AsrInputException {
    PrintWriter err = spec.commandLine().getErr();
    DeviceSpec dev = deviceOptions.deviceSpec();
    boolean cont = resume || (continuesRun() && Files.exists(out.resolve("config.json")));
    SearchConfig cfg = SearchConfig.defaults();
    if (config != null) {
      cfg = cfg.withOverrides(config);
    }
    int threads = OptionPrecedence.threads(deviceOptions, config, cfg.threads());
    Devices.setThreads(threads);
    long seed = OptionPrecedence.seed(seedOption, cfg.seed());
    cfg = cfg.withSeed(seed).withThreads(threads);
    TrainConfig rc = TrainConfig.defaults();
    if (retrainConfig != null) {
      rc = rc.withOverrides(retrainConfig);
    }
    // one seed and one thread count for the whole run (search and retrain)
    OptionPrecedence.requireRunValue(retrainConfig, "seed", rc.seed(), seed);
    OptionPrecedence.requireRunValue(retrainConfig, "threads", rc.threads(), threads);
    rc = rc.withSeed(seed).withThreads(threads);
    Strategy strat = strategy == null ? null : Strategy.parse(strategy);
    NasSearch.Job job = job(cont, strat, dev, rc, threads);
    rc = job.retrainConfig();
    TrainCommand.Progress progress = new TrainCommand.Progress(err, rc.logEverySteps());
    NasSearch.Result r =
        new NasSearch(
                cfg,
                line -> {
                  err.println(line);
                  err.flush();
                },
                progress)
            .warmupFrom(warmupFrom)
            .run(job, stages(), epochLimit == null ? Integer.MAX_VALUE : epochLimit);
    progress.close();
    if (r.derived() != null) {
      err.println("derived architecture: " + out.resolve("derived.json"));
    }
    if (r.retrain() != null) {
      err.println("retrained: " + TrainCommand.outcome(r.retrain()));
    }
    err.flush();
    return 0;
  }
}

package org.asrnas.nas.search;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;
import org.asrnas.core.io.AtomicFiles;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.train.Adam;
import org.asrnas.nas.train.Batch;
import org.asrnas.nas.train.Corpus;
import org.asrnas.nas.train.RunInfo;
import org.asrnas.nas.train.TrainConfig;
import org.asrnas.nas.train.TrainListener;
import org.asrnas.nas.train.Trainer;
import org.asrnas.nas.train.TrainingData;

/**
 * Architecture search into a run directory, in stages (docs/design.md §6):
 *
 * <ol>
 *   <li>{@code warmup}: uniform single-path training of the supernet weights, α untouched, until
 *       the plateau rule ({@code warmup.csv}, {@code warmup.ckpt});
 *   <li>{@code search}: the strategy's alternating (or joint) α and weight steps from the warm-up
 *       weights; π of every node logged at every α step ({@code pi.csv}, {@code search.csv}, {@code
 *       search.ckpt}, the best held-out epoch in {@code search.best.ckpt}); {@code rsws} trains
 *       uniform single paths and then scores sampled architectures with the shared weights, {@code
 *       random} draws one architecture ({@code random.json});
 *   <li>{@code derive}: argmax π per node of the best held-out search epoch (rsws: the best scored
 *       architecture; random: the draw) into {@code derived.json} (an architecture {@code asr
 *       train} reads) and {@code derived.txt} (sizes and costs);
 *   <li>{@code retrain}: a fresh network from {@code derived.json} trained by {@link Trainer} into
 *       {@code retrain/}.
 * </ol>
 *
 * <p>Checkpoints are written atomically after every epoch (after every architecture of random
 * search); every random stream of an epoch is derived from (seed, stage, epoch), so a killed run
 * resumed with {@code resume = true} continues where its last checkpoint left it, and finished
 * stages are skipped.
 *
 * <p>Over 400 lines because it owns the run directory of a search: the stage order, resume checks,
 * run.json and the derive rule of every strategy; the epoch loops themselves are in {@link Loop}.
 */
public final class NasSearch {
  /** Stages in their order. */
  public enum Stage {
    WARMUP,
    SEARCH,
    DERIVE,
    RETRAIN;

    /** Parses a comma-separated list such as {@code warmup,search,derive,retrain}. */
    public static Set<Stage> parseList(String s) {
      Set<Stage> out = EnumSet.noneOf(Stage.class);
      for (String p : s.split(",")) {
        try {
          out.add(valueOf(p.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "unknown stage '" + p + "'; expected warmup, search, derive or retrain", e);
        }
      }
      return out;
    }
  }

  /**
   * Where the data and outputs are.
   *
   * @param data training data; its {@code heldOutDir} is the retrain stage's held-out set (null: a
   *     seeded split); the search always splits its held-out part off the training data by {@code
   *     heldOutFraction}
   * @param spaceJson search space (ignored when resuming: the run dir's copy wins)
   * @param retrainConfig trainer settings of the retrain stage
   */
  public record Job(
      TrainingData data,
      Path spaceJson,
      Path outDir,
      Device device,
      Strategy strategy,
      boolean resume,
      TrainConfig retrainConfig) {
    public Job {
      Checks.checkNotNull(data, "data");
      Checks.checkNotNull(outDir, "outDir");
      Checks.checkNotNull(device, "device");
      Checks.checkNotNull(strategy, "strategy");
      Checks.checkNotNull(retrainConfig, "retrainConfig");
    }

    /** This job with another retrain config. */
    public Job withRetrainConfig(TrainConfig c) {
      return new Job(data, spaceJson, outDir, device, strategy, resume, c);
    }
  }

  /**
   * A derived architecture and its sizes.
   *
   * @param choice candidate index per node
   * @param spec the network
   * @param parameters scalar weights of the network
   * @param megaParams parameters in millions (the "params" cost)
   * @param megaMacsPerSecond multiply-adds per second of audio, in millions (the "macs" cost)
   * @param pi π per node at the end of the search (empty for random search)
   */
  public record Derived(
      int[] choice,
      ArchitectureSpec spec,
      long parameters,
      double megaParams,
      double megaMacsPerSecond,
      double[][] pi) {}

  /**
   * The data paths, strategy and seed recorded in {@code out/run.json}, for continuing a run
   * without naming them again; {@code null} arguments are taken from there. The retrain runs with
   * the run's seed: {@code seed} null takes it from run.json, and an explicit seed that differs
   * from it is an error (a search and its retrain share one seed). {@code retrainConfig} null takes
   * run.json's {@code retrain_config} (what the run was started or last retrained with; the
   * defaults when run.json has none), so that a plain {@code --resume} retrains as the
   * uninterrupted run would; an explicit one wins (system.sh's separate retrain stage).
   */
  public static Job continueJob(
      Path out,
      Path trainDir,
      Path heldOutDir,
      Path unitsFile,
      Path lexiconFile,
      Strategy strategy,
      Device device,
      TrainConfig retrainConfig,
      Long seed)
      throws IOException, AsrInputException {
    Path run = out.resolve("run.json");
    if (!Files.exists(run)) {
      throw AsrInputException.inFile(run, "missing; no search run in " + out + " to continue");
    }
    JsonObject o = JsonParser.parseString(Files.readString(run)).getAsJsonObject();
    Strategy stored = Strategy.parse(o.get("strategy").getAsString());
    if (retrainConfig == null) {
      retrainConfig =
          o.has("retrain_config") && o.get("retrain_config").isJsonObject()
              ? TrainConfig.fromJson(o.get("retrain_config").toString())
              : TrainConfig.defaults();
    }
    if (o.has("seed")) {
      long runSeed = o.get("seed").getAsLong();
      if (seed != null && seed != runSeed) {
        throw new IllegalArgumentException(
            out
                + " is a seed-"
                + runSeed
                + " run; --seed "
                + seed
                + " would retrain it with another seed (omit --seed or pass --seed "
                + runSeed
                + ")");
      }
      retrainConfig = retrainConfig.withSeed(runSeed);
    } else if (seed != null) {
      retrainConfig = retrainConfig.withSeed(seed);
    }
    return new Job(
        new TrainingData(
            trainDir != null ? trainDir : Path.of(o.get("train_dir").getAsString()),
            heldOutDir,
            unitsFile != null ? unitsFile : Path.of(o.get("units").getAsString()),
            lexiconFile != null ? lexiconFile : Path.of(o.get("lexicon").getAsString())),
        null,
        out,
        device,
        strategy != null ? strategy : stored,
        true,
        retrainConfig);
  }

  /** What a run did: the derived architecture (null before derive) and the retrain result. */
  public record Result(Derived derived, Trainer.Result retrain) {}

  private final SearchConfig config;
  private final Consumer<String> log;
  private final TrainListener trainListener;
  private Path warmupFrom;

  public NasSearch(SearchConfig config, Consumer<String> log, TrainListener trainListener) {
    this.config = Checks.checkNotNull(config, "config");
    this.log = log == null ? s -> {} : log;
    this.trainListener = trainListener == null ? TrainListener.NONE : trainListener;
  }

  /** Runs {@code stages} to the end. */
  public Result run(Job job, Set<Stage> stages) throws IOException, AsrInputException {
    return run(job, stages, Integer.MAX_VALUE);
  }

  /**
   * A new run takes the finished warm-up of the search run dir {@code dir} (same seed, data, space
   * and warm-up settings, checked) instead of computing it again; see {@link SharedWarmup}. Has no
   * effect on a resumed run or on a strategy without warm-up.
   */
  public NasSearch warmupFrom(Path dir) {
    this.warmupFrom = dir;
    return this;
  }

  /**
   * Runs {@code stages}, stopping after {@code epochLimit} epochs of warm-up, search (random
   * search: architectures) or retraining in this invocation, as if killed right after that
   * checkpoint.
   */
  public Result run(Job job, Set<Stage> stages, int epochLimit)
      throws IOException, AsrInputException {
    Path out = job.outDir();
    boolean existing = Files.exists(out.resolve("config.json"));
    SearchConfig cfg = job.resume() ? resumedConfig(job, existing) : config;
    ArchitectureSpec space = job.resume() ? ArchitectureSpec.read(out.resolve("space.json")) : null;
    if (!job.resume()) {
      if (existing) {
        throw new IllegalArgumentException(
            out + " already holds a search (config.json); use --resume or a new --out");
      }
      Checks.checkArgument(job.spaceJson() != null, "a search space JSON is required");
      space = ArchitectureSpec.read(job.spaceJson());
    }
    Units units = Units.read(job.data().unitsFile());
    space =
        space.fitUnits(
            units.size(),
            job.spaceJson() == null ? job.outDir().resolve("space.json") : job.spaceJson(),
            job.data().unitsFile());
    Checks.checkArgument(
        !space.isSingleOp() || !job.strategy().learnsAlphas() || space.nodes().isEmpty(),
        "%s has one candidate per node: nothing to search",
        job.spaceJson());

    Derived derived = null;
    Trainer.Result retrain = null;
    int[] budget = {epochLimit};
    boolean needData =
        stages.contains(Stage.WARMUP) || stages.contains(Stage.SEARCH) || !job.resume();
    Data data = needData ? loadData(job, units, cfg) : null;
    if (!job.resume()) {
      Files.createDirectories(out);
      SearchFiles.writeString(out.resolve("space.json"), space.toJson());
      units.write(out.resolve("units.txt"));
      boolean adopt = warmupFrom != null && job.strategy().warmsUp();
      writeRunInfo(out.resolve("run.json"), cfg, job, data, adopt ? warmupFrom : null);
      if (adopt) {
        SharedWarmup.adopt(warmupFrom, out, cfg, space, job.data());
        log.accept("warm-up: taken from " + warmupFrom + " (same seed, data, space and settings)");
      }
      // config.json last: its presence marks a run directory
      SearchFiles.writeString(out.resolve("config.json"), cfg.toJson());
    }
    try (NDManager manager = NDManager.newBaseManager(job.device())) {
      if (stages.contains(Stage.WARMUP) || stages.contains(Stage.SEARCH)) {
        supernetStages(job, stages, cfg, space, data, manager, budget);
      }
      if (stages.contains(Stage.DERIVE) && budget[0] > 0) {
        derived = derive(out, space, cfg, job.strategy(), manager);
      }
    }
    if (stages.contains(Stage.RETRAIN) && budget[0] > 0) {
      retrain = retrain(job, budget[0]);
    }
    return new Result(derived, retrain);
  }

  /**
   * The stored config of the run being resumed, after checking that there is one and that it is a
   * search of {@code job}'s strategy; removes temp files of writes that a kill interrupted (the
   * retrain's: when it resumes).
   */
  private static SearchConfig resumedConfig(Job job, boolean existing)
      throws IOException, AsrInputException {
    Path out = job.outDir();
    if (!existing) {
      throw AsrInputException.inFile(
          out.resolve("config.json"), "no search to resume here; run without --resume");
    }
    AtomicFiles.removeStaleTemps(out);
    SearchConfig cfg = SearchConfig.fromJson(Files.readString(out.resolve("config.json")));
    String stored = storedStrategy(out);
    if (!stored.equals(job.strategy().label())) {
      throw new IllegalArgumentException(
          out + " holds a " + stored + " search; resume it with --strategy " + stored);
    }
    return cfg;
  }

  /** Warm-up and search on a supernet initialised from the config's seed. */
  private void supernetStages(
      Job job,
      Set<Stage> stages,
      SearchConfig cfg,
      ArchitectureSpec space,
      Data data,
      NDManager manager,
      int[] budget)
      throws IOException, AsrInputException {
    Path out = job.outDir();
    Supernet net = Supernet.create(space, manager, Seeds.derive(cfg.seed(), "supernet-init"));
    for (String line : net.describe()) {
      log.accept(line);
    }
    if (stages.contains(Stage.WARMUP)) {
      if (!job.strategy().warmsUp()) {
        log.accept(
            "warm-up: not used by " + job.strategy().label() + " (one uniform draw), skipped");
      } else {
        new Loop(cfg, net, data, out, job.strategy(), manager, log).warmup(budget);
      }
    }
    if (stages.contains(Stage.SEARCH) && budget[0] > 0) {
      job.strategy().search(new Loop(cfg, net, data, out, job.strategy(), manager, log), budget);
    }
  }

  /** Trains the derived network from scratch (resuming its checkpoint) in {@code out/retrain}. */
  private Trainer.Result retrain(Job job, int epochLimit) throws IOException, AsrInputException {
    Path out = job.outDir();
    Path json = out.resolve("derived.json");
    if (!Files.exists(json)) {
      throw AsrInputException.inFile(json, "missing; run the derive stage first");
    }
    Path dir = out.resolve("retrain");
    Trainer.Job tj =
        new Trainer.Job(
            job.data(), json, dir, job.device(), Files.exists(dir.resolve("checkpoint.bin")));
    log.accept(
        "retrain: a fresh network from "
            + json
            + " into "
            + dir
            + " (seed "
            + job.retrainConfig().seed()
            + ")");
    Trainer.Result retrain = new Trainer(job.retrainConfig(), trainListener).train(tj, epochLimit);
    recordRetrain(out.resolve("run.json"), dir);
    return retrain;
  }

  /** Training and held-out utterances of the search, and their batch plans. */
  record Data(
      Corpus all, Corpus train, Corpus held, List<int[]> trainPlan, List<Batch> heldBatches) {}

  private Data loadData(Job job, Units units, SearchConfig cfg)
      throws IOException, AsrInputException {
    Lexicon lexicon = Lexicon.read(job.data().lexiconFile());
    Corpus all = Corpus.load(job.data().trainDir(), units, lexicon, true, cfg.normVars());
    for (String s : all.skipped()) {
      log.accept("skipped " + s);
    }
    List<Corpus> parts = all.split(cfg.heldOutFraction(), cfg.seed());
    Corpus train = parts.get(0);
    Corpus held = parts.get(1);
    Checks.checkArgument(
        !train.items().isEmpty() && !held.items().isEmpty(),
        "%s has too few utterances for a held-out split of %s",
        job.data().trainDir(),
        cfg.heldOutFraction());
    List<Batch> heldBatches = new ArrayList<>();
    for (int[] idx : Batch.plan(held.items(), cfg.batchFrames())) {
      heldBatches.add(Batch.of(held.items(), idx, cfg.deltaOrder(), cfg.deltaWindow(), null, null));
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "data: %d training utterances (%d frames), %d held out (seed %d, fraction %.3f)",
            train.items().size(),
            train.totalFrames(),
            held.items().size(),
            cfg.seed(),
            cfg.heldOutFraction()));
    return new Data(
        all, train, held, Batch.plan(train.items(), cfg.batchFrames()), List.copyOf(heldBatches));
  }

  private static String storedStrategy(Path out) throws IOException {
    JsonObject o =
        JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
    return o.get("strategy").getAsString();
  }

  private static void writeRunInfo(Path file, SearchConfig cfg, Job job, Data data, Path warmupFrom)
      throws IOException {
    JsonObject o = new JsonObject();
    o.addProperty("strategy", job.strategy().label());
    RunInfo.addProvenance(o, cfg.seed(), job.device());
    o.addProperty(
        "space", job.spaceJson() == null ? "" : job.spaceJson().toAbsolutePath().toString());
    job.data().addTo(o);
    if (warmupFrom != null) {
      o.addProperty("warmup_from", warmupFrom.toAbsolutePath().toString());
    }
    if (data != null) {
      o.addProperty("search_train_utterances", data.train().items().size());
      o.addProperty("search_train_frames", data.train().totalFrames());
      o.addProperty("search_heldout_utterances", data.held().items().size());
      o.addProperty("skipped_utterances", data.all().skipped().size());
    }
    o.add("retrain_config", JsonParser.parseString(job.retrainConfig().toJson()));
    SearchFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
  }

  /**
   * Replaces run.json's {@code retrain_config} (written at search time from whatever retrain config
   * that call had) by the config the retrain actually used, {@code retrain/config.json} (the
   * trainer keeps it across resumes), and records its seed as {@code retrain_seed}.
   */
  private static void recordRetrain(Path runJson, Path dir) throws IOException {
    Path used = dir.resolve("config.json");
    if (!Files.exists(runJson) || !Files.exists(used)) {
      return;
    }
    JsonObject o = JsonParser.parseString(Files.readString(runJson)).getAsJsonObject();
    TrainConfig rc = TrainConfig.fromJson(Files.readString(used));
    o.add("retrain_config", JsonParser.parseString(rc.toJson()));
    o.addProperty("retrain_seed", rc.seed());
    o.addProperty("retrain_config_file", used.toAbsolutePath().toString());
    SearchFiles.writeString(
        runJson, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
  }

  /**
   * The derive stage: argmax π of the best held-out search epoch ({@code search.best.ckpt}; the
   * last epoch when no search epoch beat the warm-up's best), or the random / rsws architecture,
   * into derived.json.
   */
  private Derived derive(
      Path out, ArchitectureSpec space, SearchConfig cfg, Strategy strategy, NDManager parent)
      throws IOException, AsrInputException {
    try (NDManager m = parent.newSubManager()) {
      Supernet net = Supernet.create(space, m, 0);
      int[] choice;
      double[][] pi;
      String from;
      if (!strategy.learnsAlphas()) {
        Path file = out.resolve(Loop.RANDOM_JSON);
        if (!Files.exists(file)) {
          throw AsrInputException.inFile(file, "missing; run the search stage first");
        }
        choice = Loop.bestRandom(file, strategy.randomDraws(cfg));
        pi = new double[0][];
        from = strategy.randomDrawSource();
      } else {
        Path last = out.resolve("search.ckpt");
        if (!Files.exists(last)) {
          throw AsrInputException.inFile(last, "missing; run the search stage first");
        }
        Path best = out.resolve(Loop.SEARCH_BEST);
        Path ckpt = Files.exists(best) ? best : last;
        Adam wa = new Adam(net.weights(), cfg.beta1(), cfg.beta2(), cfg.epsilon());
        Adam aa = new Adam(net.alphas(), cfg.beta1(), cfg.beta2(), cfg.epsilon());
        SearchFiles.State st = SearchFiles.readCheckpoint(ckpt, "search", net, wa, aa);
        choice = net.argmax();
        pi = net.pi();
        from =
            ckpt.equals(best)
                ? "search epoch " + st.epochsDone() + ", the best held-out loss (" + best + ")"
                : "the last search epoch "
                    + st.epochsDone()
                    + " (no search epoch beat the warm-up's held-out loss)";
      }
      log.accept("derive: from " + from);
      ArchitectureSpec spec = space.derive(choice);
      Derived d =
          new Derived(
              choice,
              spec,
              net.parameterCount(choice),
              net.cost(choice, Supernet.CostKind.PARAMS),
              net.cost(choice, Supernet.CostKind.MACS),
              pi);
      SearchFiles.writeString(out.resolve("derived.json"), spec.toJson());
      List<String> lines = describe(d, net);
      lines.add("derived from " + from);
      SearchFiles.writeString(out.resolve("derived.txt"), String.join("\n", lines) + "\n");
      for (String l : lines) {
        log.accept(l);
      }
      return d;
    }
  }

  static List<String> describe(Derived d, Supernet net) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "supernet: %,d parameters; derived: %,d parameters (%.3f M), %.2f M multiply-adds per"
                + " second of audio",
            net.parameterCount(),
            d.parameters(),
            d.megaParams(),
            d.megaMacsPerSecond()));
    for (int i = 0; i < d.choice().length; i++) {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT, "node %d: %-12s", i, net.candidates(i).get(d.choice()[i]).name()));
      if (d.pi().length > 0) {
        b.append(" pi");
        for (int k = 0; k < d.pi()[i].length; k++) {
          b.append(
              String.format(
                  Locale.ROOT, " %s=%.3f", net.candidates(i).get(k).name(), d.pi()[i][k]));
        }
      }
      lines.add(b.toString());
    }
    return lines;
  }

  static JsonArray toJson(int[] a) {
    JsonArray j = new JsonArray();
    Arrays.stream(a).forEach(j::add);
    return j;
  }

  static int[] intArray(JsonElement e) {
    JsonArray a = e.getAsJsonArray();
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsInt();
    }
    return out;
  }

  static String shuffleSeedName(String stage, int epoch) {
    return stage + "-order/" + epoch;
  }

  static Random random(SearchConfig cfg, String name) {
    return Seeds.random(cfg.seed(), name);
  }

  static String utf8(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}

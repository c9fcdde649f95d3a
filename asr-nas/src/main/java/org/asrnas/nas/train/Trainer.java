package org.asrnas.nas.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.Seeds;
import org.asrnas.core.io.AtomicFiles;
import org.asrnas.core.io.ChecksummedFile;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.nas.ctc.CtcCriterion;
import org.asrnas.nas.ctc.CtcLoss;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.ModelParameters;

/**
 * Trains a fixed network with CTC (or CTC-CRF, {@link TrainConfig#loss}) into a run directory:
 *
 * <ul>
 *   <li>{@code config.json} (resolved training config), {@code model.json} (architecture), {@code
 *       run.json} (seed, git commit, DJL/PyTorch/Java versions, data), {@code units.txt};
 *   <li>{@code epochs.csv} and {@code steps.csv} logs;
 *   <li>{@code checkpoint.bin} after every epoch (parameters, Adam moments and step counts,
 *       learning rate, best loss, epoch), written atomically; {@code best.model} whenever the
 *       held-out loss improves; {@code final.model} (the best) at the end.
 * </ul>
 *
 * <p>Resuming is bit-for-bit: every random stream of an epoch (batch order, SpecAugment, dropout
 * through libtorch's generator) is derived from the root seed and the epoch number, and the state
 * between epochs is exactly what the checkpoint holds, so a run killed at any point and resumed
 * reproduces the uninterrupted run, losing at most the epoch in progress.
 *
 * <p>Over 400 lines because the run directory it writes (config, logs, checkpoint, best and final
 * model) and the bit-for-bit resume described above are one piece of state; the epoch loop,
 * held-out evaluation and checkpointing are named steps of at most 80 lines.
 */
public final class Trainer {
  /**
   * Where the data and outputs are.
   *
   * @param modelJson architecture JSON of the network to train
   * @param resume continue from {@code outDir}'s checkpoint
   */
  public record Job(TrainingData data, Path modelJson, Path outDir, Device device, boolean resume) {
    public Job {
      Checks.checkNotNull(data, "data");
      Checks.checkNotNull(outDir, "outDir");
      Checks.checkNotNull(device, "device");
    }
  }

  /** One row of steps.csv. */
  public record StepRecord(
      int epoch,
      long step,
      int batchInEpoch,
      double loss,
      double gradNorm,
      double learningRate,
      double framesPerSecond,
      int skipped) {}

  /** One row of epochs.csv. */
  public record EpochRecord(
      int epoch,
      double trainLoss,
      double heldOutLoss,
      double phoneErrorRate,
      double learningRate,
      boolean improved,
      double seconds,
      int skipped,
      int nonFiniteBatches) {
    /** A row of a log written before {@code nonfinite_batches} existed (0 such batches). */
    public EpochRecord(
        int epoch,
        double trainLoss,
        double heldOutLoss,
        double phoneErrorRate,
        double learningRate,
        boolean improved,
        double seconds,
        int skipped) {
      this(
          epoch,
          trainLoss,
          heldOutLoss,
          phoneErrorRate,
          learningRate,
          improved,
          seconds,
          skipped,
          0);
    }
  }

  /**
   * A run whose loss stopped being finite: no epoch (or no epoch since the last good one) had a
   * finite held-out loss, so there is no model to keep. Names the run's epochs.csv.
   */
  public static final class DivergedException extends AsrInputException {
    private static final long serialVersionUID = 1L;

    DivergedException(Path epochsCsv, String message) {
      super(epochsCsv, 0, -1, message);
    }
  }

  /**
   * What a run reports.
   *
   * @param epochs the epochs of this invocation
   * @param finalModel where final.model is; written only once the schedule stopped ({@code
   *     finished}), before that the best weights so far are in best.model beside it
   * @param epochsDone epochs done in the run dir, over all invocations
   * @param finished whether the schedule stopped (false: paused by an epoch limit, resumable)
   */
  public record Result(
      List<EpochRecord> epochs,
      double bestHeldOutLoss,
      int bestEpoch,
      Path finalModel,
      int epochsDone,
      boolean finished) {}

  private final TrainConfig config;
  private final TrainListener listener;

  public Trainer(TrainConfig config, TrainListener listener) {
    this.config = Checks.checkNotNull(config, "config");
    this.listener = listener == null ? TrainListener.NONE : listener;
  }

  /** Trains to the end of the schedule. */
  public Result train(Job job) throws IOException, AsrInputException {
    return train(job, Integer.MAX_VALUE);
  }

  /**
   * Trains, stopping after {@code epochLimit} epochs of this invocation (as if killed right after
   * that checkpoint; for tests and time-boxed runs).
   */
  public Result train(Job job, int epochLimit) throws IOException, AsrInputException {
    Path out = job.outDir();
    Path ckpt = out.resolve("checkpoint.bin");
    Prepared p = prepare(job, ckpt);
    TrainConfig cfg = p.cfg();
    if (!job.resume()) {
      writeRunFiles(job, p);
    }
    CtcCriterion ctc =
        new CtcCriterion(
            LossSetup.create(
                cfg,
                out,
                job.resume(),
                p.units(),
                job.data().unitsFile(),
                p.train().items(),
                listener));
    SpecAugment augment =
        cfg.specAugment()
            ? new SpecAugment(
                cfg.freqMasks(), cfg.freqMaskWidth(), cfg.timeMasks(), cfg.timeMaskWidth())
            : null;
    try (NDManager manager = NDManager.newBaseManager(job.device())) {
      AcousticModel model =
          AcousticModel.create(p.spec(), manager, Seeds.derive(cfg.seed(), "model-init"));
      Adam adam = new Adam(model.parameters(), cfg.beta1(), cfg.beta2(), cfg.epsilon());
      for (String line : model.describe()) {
        listener.message(line);
      }
      // the parameter counts for scripts (asr compare, cli.ComparisonResults), beside the log lines
      AtomicFiles.writeString(out.resolve("params.tsv"), model.parameterTsv());
      State state = State.initial(cfg.learningRate());
      List<EpochRecord> history = new ArrayList<>();
      if (job.resume()) {
        state = resume(ckpt, model, adam, history);
      }
      Epochs epochs = new Epochs(p, out, ctc, augment, model, adam, manager);
      for (int ran = 0; !state.stopped() && ran < epochLimit; ran++) {
        state = epochs.run(state, history);
      }
      Path finalModel = out.resolve("final.model");
      if (state.stopped()) {
        finish(out, finalModel, state, history, cfg);
      }
      return new Result(
          history,
          state.bestLoss(),
          state.bestEpoch(),
          finalModel,
          state.epochsDone(),
          state.stopped());
    }
  }

  /**
   * A run's resolved inputs: its config and architecture (the run dir's own when resuming), units,
   * lexicon, the training data with its held-out part, and the feature options of the data.
   */
  private record Prepared(
      TrainConfig cfg,
      ArchitectureSpec spec,
      Units units,
      Corpus all,
      Corpus train,
      Corpus held,
      Optional<FbankConfig> frontend) {}

  /** Resolves and checks everything the run reads, before any file of the run is written. */
  private Prepared prepare(Job job, Path ckpt) throws IOException, AsrInputException {
    Path out = job.outDir();
    TrainConfig cfg = config;
    ArchitectureSpec spec;
    if (job.resume()) {
      if (!Files.exists(ckpt)) {
        throw AsrInputException.inFile(ckpt, "no checkpoint to resume from; run without --resume");
      }
      // temp files of writes that a kill interrupted
      AtomicFiles.removeStaleTemps(out);
      // the run dir's own config and architecture win, so a resumed run is the same run
      cfg = TrainConfig.fromJson(Files.readString(out.resolve("config.json")));
      spec = ArchitectureSpec.read(out.resolve("model.json"));
    } else {
      if (Files.exists(ckpt)) {
        throw new IllegalArgumentException(
            out + " already holds a run (checkpoint.bin); use --resume or a new --out");
      }
      spec = ArchitectureSpec.read(job.modelJson());
    }
    Units units = Units.read(job.data().unitsFile());
    Lexicon lexicon = Lexicon.read(job.data().lexiconFile());
    spec =
        spec.fitUnits(
            units.size(),
            job.modelJson() == null ? job.outDir().resolve("model.json") : job.modelJson(),
            job.data().unitsFile());
    Corpus all = Corpus.load(job.data().trainDir(), units, lexicon, true, cfg.normVars());
    Corpus train;
    Corpus held;
    if (job.data().heldOutDir() != null) {
      train = all;
      held = Corpus.load(job.data().heldOutDir(), units, lexicon, true, cfg.normVars());
    } else {
      List<Corpus> parts = all.split(cfg.heldOutFraction(), cfg.seed());
      train = parts.get(0);
      held = parts.get(1);
    }
    reportSkipped(all, job.data().trainDir());
    Checks.checkArgument(
        !train.items().isEmpty(), "no training utterances left in %s", job.data().trainDir());
    Checks.checkArgument(
        !held.items().isEmpty(),
        "no held-out utterances (the schedule needs a held-out loss); give --heldout DIR or a"
            + " heldOutFraction > 0 with at least 2 utterances");
    int baseDim = train.items().get(0).features().cols();
    checkInputDim(spec, cfg, baseDim, job.data().trainDir());
    return new Prepared(
        cfg, spec, units, all, train, held, frontend(job.data().trainDir(), baseDim));
  }

  private void reportSkipped(Corpus all, Path trainDir) {
    for (String s : all.skipped()) {
      listener.message("skipped " + s);
    }
    if (!all.skipped().isEmpty()) {
      listener.message(
          String.format(
              Locale.ROOT,
              "%d of %d utterances of %s skipped (listed above)",
              all.skipped().size(),
              all.skipped().size() + all.items().size(),
              trainDir));
    }
  }

  private static void checkInputDim(
      ArchitectureSpec spec, TrainConfig cfg, int baseDim, Path trainDir) {
    int featDim = baseDim * (cfg.deltaOrder() + 1);
    if (featDim != spec.inputDim()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "features of %s have %d dims, %d with deltas of order %d, but the model's input_dim"
                  + " is %d; fix input_dim or deltaOrder",
              trainDir,
              baseDim,
              featDim,
              cfg.deltaOrder(),
              spec.inputDim()));
    }
  }

  /**
   * The feature options of the training data (asr features writes fbank.json beside feats.scp),
   * which go into every model file so that it alone says how to compute its input.
   */
  private static Optional<FbankConfig> frontend(Path trainDir, int baseDim)
      throws IOException, AsrInputException {
    Path fbankJson = trainDir.resolve("fbank.json");
    Optional<FbankConfig> frontend =
        Files.exists(fbankJson) ? Optional.of(FbankConfig.read(fbankJson)) : Optional.empty();
    if (frontend.isPresent() && frontend.get().dim() != baseDim) {
      throw AsrInputException.inFile(
          fbankJson,
          String.format(
              Locale.ROOT,
              "says %d feature columns, but feats.scp of %s has %d; recompute the features or"
                  + " remove the stale fbank.json",
              frontend.get().dim(),
              trainDir,
              baseDim));
    }
    return frontend;
  }

  /** The files a new run starts with: config, architecture, units, frontend, run.json, logs. */
  private static void writeRunFiles(Job job, Prepared p) throws IOException {
    Path out = job.outDir();
    Files.createDirectories(out);
    Files.writeString(out.resolve("config.json"), p.cfg().toJson(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("model.json"), p.spec().toJson(), StandardCharsets.UTF_8);
    p.units().write(out.resolve("units.txt"));
    // The feature options travel with the model so that `asr decode --model` can compute the
    // same features from raw audio (asr features writes fbank.json beside feats.scp).
    Path fbank = job.data().trainDir().resolve("fbank.json");
    if (Files.exists(fbank)) {
      Files.copy(
          fbank, out.resolve("fbank.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    RunInfo.write(out.resolve("run.json"), p.cfg(), job, p.all(), p.train(), p.held());
    CsvLog.create(out.resolve("epochs.csv"), CsvLog.EPOCH_HEADER);
    CsvLog.create(out.resolve("steps.csv"), CsvLog.STEP_HEADER);
  }

  /**
   * Reads the checkpoint into the model and optimizer, cuts the CSV logs back to its epoch (a kill
   * may have left rows of an unfinished one) and fills {@code history} from epochs.csv.
   */
  private State resume(Path ckpt, AcousticModel model, Adam adam, List<EpochRecord> history)
      throws IOException, AsrInputException {
    Path out = ckpt.getParent();
    State state = Checkpoint.read(ckpt, model, adam);
    CsvLog.truncate(out.resolve("epochs.csv"), state.epochsDone());
    CsvLog.upgradeEpochs(out.resolve("epochs.csv"));
    CsvLog.truncate(out.resolve("steps.csv"), state.epochsDone());
    history.addAll(CsvLog.readEpochs(out.resolve("epochs.csv")));
    listener.message(
        String.format(
            Locale.ROOT,
            "resumed after epoch %d (lr %.3g)",
            state.epochsDone(),
            state.learningRate()));
    return state;
  }

  /** Copies best.model to final.model once the schedule stopped; no best model: diverged. */
  private void finish(
      Path out, Path finalModel, State state, List<EpochRecord> history, TrainConfig cfg)
      throws IOException, DivergedException {
    Path best = out.resolve("best.model");
    if (!Files.exists(best)) {
      throw new DivergedException(
          out.resolve("epochs.csv"),
          String.format(
              Locale.ROOT,
              "training diverged: no epoch of %d had a finite held-out loss, so there is no"
                  + " model (the last epoch: %s); lower learningRate (%s) or set clipNorm",
              state.epochsDone(),
              history.isEmpty() ? "see epochs.csv" : describe(history.get(history.size() - 1)),
              cfg.learningRate()));
    }
    Files.copy(best, finalModel, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    listener.message(
        String.format(
            Locale.ROOT,
            "done: best held-out loss %.4f at epoch %d -> %s",
            state.bestLoss(),
            state.bestEpoch(),
            finalModel));
  }

  /** Sums over the batches of one epoch. */
  private record EpochSums(double lossSum, int lossUtts, int skipped, int nonFinite, long step) {}

  /** The epochs of one invocation: the model, optimizer and data they share. */
  private final class Epochs {
    private final TrainConfig cfg;
    private final Prepared p;
    private final Path out;
    private final CtcCriterion ctc;
    private final SpecAugment augment;
    private final AcousticModel model;
    private final Adam adam;
    private final NDManager manager;
    private final List<int[]> plan;
    private final List<int[]> heldPlan;

    Epochs(
        Prepared p,
        Path out,
        CtcCriterion ctc,
        SpecAugment augment,
        AcousticModel model,
        Adam adam,
        NDManager manager) {
      this.cfg = p.cfg();
      this.p = p;
      this.out = out;
      this.ctc = ctc;
      this.augment = augment;
      this.model = model;
      this.adam = adam;
      this.manager = manager;
      this.plan = Batch.plan(p.train().items(), cfg.batchFrames());
      this.heldPlan = Batch.plan(p.held().items(), cfg.batchFrames());
    }

    /**
     * Trains one epoch, evaluates it, applies the schedule and commits it (logs, best.model, then
     * the checkpoint last); appends its record to {@code history} and returns the next state.
     */
    State run(State state, List<EpochRecord> history) throws IOException {
      int epoch = state.epochsDone() + 1;
      long t0 = System.nanoTime();
      double lr = state.learningRate();
      // every random stream of the epoch depends only on (seed, epoch): resume reproduces it
      Engine.getInstance().setRandomSeed((int) Seeds.derive(cfg.seed(), "dropout/" + epoch));
      Random specRandom = Seeds.random(cfg.seed(), "specaugment/" + epoch);
      List<int[]> batches = epochOrder(plan, cfg, epoch);
      listener.epochStarted(epoch, batches.size(), lr);
      EpochSums sums = trainBatches(epoch, batches, lr, state.steps(), specRandom);
      double[] eval = evaluate(model, ctc, p.held(), heldPlan, cfg, manager);
      double heldLoss = eval[0];
      boolean improved = heldLoss < state.bestLoss() - cfg.minImprovement();
      double best = improved ? heldLoss : state.bestLoss();
      int bestEpoch = improved ? epoch : state.bestEpoch();
      double nextLr = lr;
      if (!improved && cfg.decaysAt(epoch)) {
        nextLr = lr / cfg.decayFactor();
      }
      // every batch non-finite, or weights that give a non-finite held-out loss: diverged;
      // more epochs cannot help (the caller is told to lower the learning rate)
      boolean diverged =
          sums.nonFinite() == batches.size() || (!Double.isFinite(heldLoss) && eval[2] > 0);
      boolean stop = diverged || nextLr < cfg.minLearningRate() || epoch >= cfg.maxEpochs();
      EpochRecord er =
          new EpochRecord(
              epoch,
              sums.lossUtts() == 0 ? Double.NaN : sums.lossSum() / sums.lossUtts(),
              heldLoss,
              eval[1],
              lr,
              improved,
              (System.nanoTime() - t0) / 1e9,
              sums.skipped(),
              sums.nonFinite());
      if (improved) {
        ModelFile.write(out.resolve("best.model"), model, cfg, p.units(), p.frontend());
      }
      State next = new State(epoch, sums.step(), nextLr, best, bestEpoch, stop);
      try (CsvLog log = CsvLog.append(out.resolve("epochs.csv"))) {
        log.epoch(er);
      }
      // the checkpoint is the commit point of the epoch: written last, atomically
      Checkpoint.write(out.resolve("checkpoint.bin"), next, model, adam);
      history.add(er);
      listener.epochFinished(er);
      reportNonFinite(er, batches.size(), diverged, next.bestEpoch());
      return next;
    }

    /** One pass over the batches; steps.csv gets every logEverySteps-th step and the last. */
    private EpochSums trainBatches(
        int epoch, List<int[]> batches, double lr, long step, Random specRandom)
        throws IOException {
      double lossSum = 0;
      int lossUtts = 0;
      int skipped = 0;
      int nonFinite = 0;
      try (CsvLog steps = CsvLog.append(out.resolve("steps.csv"))) {
        for (int b = 0; b < batches.size(); b++) {
          long s0 = System.nanoTime();
          Batch batch =
              Batch.of(
                  p.train().items(),
                  batches.get(b),
                  cfg.deltaOrder(),
                  cfg.deltaWindow(),
                  augment,
                  specRandom);
          double stepLr = cfg.stepLearningRate(lr, step);
          double[] stepOut =
              trainStep(
                  model,
                  adam,
                  ctc,
                  batch,
                  stepLr,
                  cfg.clipNorm(),
                  cfg.lossNormalisation(),
                  manager);
          step++;
          // a non-finite loss or gradient updated nothing (trainStep) and stays out of the mean
          if (Double.isFinite(stepOut[0]) && Double.isFinite(stepOut[1])) {
            lossSum += stepOut[0] * stepOut[2];
            lossUtts += (int) stepOut[2];
          } else {
            nonFinite++;
          }
          skipped += (int) stepOut[3];
          double fps = batch.validFrames() / ((System.nanoTime() - s0) / 1e9);
          StepRecord rec =
              new StepRecord(
                  epoch, step, b + 1, stepOut[0], stepOut[1], stepLr, fps, (int) stepOut[3]);
          listener.step(rec);
          if (step % cfg.logEverySteps() == 0 || b == batches.size() - 1) {
            steps.step(rec);
          }
        }
      }
      return new EpochSums(lossSum, lossUtts, skipped, nonFinite, step);
    }

    private void reportNonFinite(EpochRecord er, int batches, boolean diverged, int bestEpoch) {
      if (er.nonFiniteBatches() > 0) {
        listener.message(
            String.format(
                Locale.ROOT,
                "epoch %d: %d of %d batches had a non-finite loss or gradient and were skipped"
                    + " (no update)%s",
                er.epoch(),
                er.nonFiniteBatches(),
                batches,
                diverged ? "" : "; lower learningRate if this recurs"));
      }
      if (diverged) {
        listener.message(
            String.format(
                Locale.ROOT,
                "epoch %d diverged (held-out loss %s, %d of %d batches non-finite): stopping%s",
                er.epoch(),
                er.heldOutLoss(),
                er.nonFiniteBatches(),
                batches,
                bestEpoch > 0 ? "; the model is the best epoch's, " + bestEpoch : ""));
      }
    }
  }

  private static String describe(EpochRecord r) {
    return String.format(
        Locale.ROOT,
        "epoch %d, train loss %s, held-out loss %s, %d non-finite batches",
        r.epoch(),
        r.trainLoss(),
        r.heldOutLoss(),
        r.nonFiniteBatches());
  }

  /**
   * The batches of {@code epoch} (1-based) in the order it visits them: the plan (shortest first)
   * in a shuffled order drawn from (seed, epoch) alone, or for SortaGrad's first epoch the plan's
   * own ascending order. Depends on nothing else, so a resumed run visits the same order.
   */
  static List<int[]> epochOrder(List<int[]> plan, TrainConfig cfg, int epoch) {
    List<int[]> batches = new ArrayList<>(plan);
    if (cfg.sortaGrad() && epoch == 1) {
      return batches;
    }
    Seeds.shuffle(batches, Seeds.random(cfg.seed(), "batch-order/" + epoch));
    return batches;
  }

  /**
   * What the batch's summed CTC loss is divided by: the utterances that have an alignment, their
   * input frames, their target units, or 1; at least 1.
   */
  static double lossDenominator(TrainConfig.LossNorm norm, Batch batch, boolean[] skipped) {
    double d = 0;
    for (int b = 0; b < batch.size(); b++) {
      if (skipped[b]) {
        continue;
      }
      d +=
          switch (norm) {
            case UTTERANCE -> 1;
            case FRAME -> batch.lengths()[b];
            case TOKEN -> batch.targets()[b].length;
            case BATCH -> 0;
          };
    }
    return Math.max(1, d);
  }

  /**
   * {@link #trainStep(AcousticModel, Adam, CtcCriterion, Batch, double, double,
   * TrainConfig.LossNorm, NDManager)} with the loss per utterance.
   */
  static double[] trainStep(
      AcousticModel model,
      Adam adam,
      CtcCriterion ctc,
      Batch batch,
      double lr,
      double clip,
      NDManager parent) {
    return trainStep(model, adam, ctc, batch, lr, clip, TrainConfig.LossNorm.UTTERANCE, parent);
  }

  /**
   * One step: forward, CTC on the host, backward through the surrogate divided by {@link
   * #lossDenominator}, Adam on the parameters that took part. Returns {loss per valid utterance
   * (whatever {@code lossNorm}), gradient norm before clipping, valid utterances, skipped}; the
   * loss or the norm is NaN or infinite when the step updated nothing.
   */
  static double[] trainStep(
      AcousticModel model,
      Adam adam,
      CtcCriterion ctc,
      Batch batch,
      double lr,
      double clip,
      TrainConfig.LossNorm lossNorm,
      NDManager parent) {
    try (NDManager m = parent.newSubManager()) {
      NDArray x =
          m.create(batch.features(), new Shape(batch.size(), batch.maxFrames(), batch.dim()));
      CtcCriterion.Output loss;
      AcousticModel.Output y;
      boolean finite;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = model.forward(x, batch.lengths(), true);
        loss = ctc.forward(y.activations(), y.lengths(), batch.targets(), CtcLoss.Reduction.SUM);
        // a non-finite loss (the CTC runs on the host) is not back-propagated: no update at all
        finite = Double.isFinite(loss.result().loss());
        if (finite) {
          // by default the mean over the utterances that have an alignment
          gc.backward(
              loss.surrogate().div(lossDenominator(lossNorm, batch, loss.result().skipped())));
        }
      }
      int valid = batch.size() - loss.result().skippedCount();
      // Adam skips the update itself when the gradient norm is not finite
      double norm = valid == 0 || !finite ? 0 : adam.step(y.usedParameters(), lr, clip, m);
      if (valid == 0 || !finite) {
        adam.zeroGradients(m);
      }
      return new double[] {
        !finite ? Double.NaN : valid == 0 ? 0 : loss.result().loss() / valid,
        !finite ? Double.NaN : norm,
        valid,
        loss.result().skippedCount()
      };
    }
  }

  /** Held-out loss per utterance, greedy phone error rate (percent), utterances scored. */
  static double[] evaluate(
      AcousticModel model,
      CtcCriterion ctc,
      Corpus held,
      List<int[]> plan,
      TrainConfig cfg,
      NDManager parent) {
    HeldOutTally tally = new HeldOutTally();
    for (int[] idx : plan) {
      Batch batch = Batch.of(held.items(), idx, cfg.deltaOrder(), cfg.deltaWindow(), null, null);
      try (NDManager m = parent.newSubManager()) {
        NDArray x =
            m.create(batch.features(), new Shape(batch.size(), batch.maxFrames(), batch.dim()));
        AcousticModel.Output y = model.forward(x, batch.lengths(), false);
        float[] act = y.activations().toFloatArray();
        long[] s = y.activations().getShape().getShape();
        CtcLoss.Result r =
            ctc.loss()
                .compute(
                    act,
                    (int) s[0],
                    (int) s[1],
                    (int) s[2],
                    y.lengths(),
                    batch.targets(),
                    CtcLoss.Reduction.NONE);
        tally.add(act, batch.size(), (int) s[1], (int) s[2], y.lengths(), batch.targets(), r);
      }
    }
    return new double[] {tally.loss(), tally.per(), tally.utterances()};
  }

  /** Training state between epochs: what the checkpoint holds besides tensors. */
  record State(
      int epochsDone,
      long steps,
      double learningRate,
      double bestLoss,
      int bestEpoch,
      boolean stopped) {
    static State initial(double lr) {
      return new State(0, 0, lr, Double.POSITIVE_INFINITY, 0, false);
    }
  }

  /**
   * Checkpoint file: magic, state, parameters, optimizer. Version 2 adds the CRC-32C trailer of
   * {@link ChecksummedFile}; version 1 (no checksum) is still read.
   */
  static final class Checkpoint {
    static final String MAGIC_PREFIX = "ASR-NAS-CHECKPOINT-";
    static final int VERSION = 2;

    private Checkpoint() {}

    static void write(Path file, State s, AcousticModel model, Adam adam) throws IOException {
      ChecksummedFile.write(
          file,
          MAGIC_PREFIX + VERSION,
          out -> {
            out.writeInt(s.epochsDone());
            out.writeLong(s.steps());
            out.writeDouble(s.learningRate());
            out.writeDouble(s.bestLoss());
            out.writeInt(s.bestEpoch());
            out.writeBoolean(s.stopped());
            model.parameters().write(out);
            adam.write(out);
          });
    }

    static State read(Path file, AcousticModel model, Adam adam)
        throws IOException, AsrInputException {
      try (ChecksummedFile.Input in =
          ChecksummedFile.openVersioned(file, "checkpoint", MAGIC_PREFIX, VERSION, "asr train")) {
        DataInputStream d = in.data();
        State s =
            new State(
                d.readInt(),
                d.readLong(),
                d.readDouble(),
                d.readDouble(),
                d.readInt(),
                d.readBoolean());
        long at = in.position();
        try {
          model.parameters().read(d, false);
          at = in.position();
          adam.read(d);
        } catch (ModelParameters.FormatException e) {
          throw in.corrupt(
              at,
              e.getMessage()
                  + (e.mismatch() ? " (the checkpoint belongs to another network)" : ""));
        }
        in.expectEnd();
        return s;
      } catch (java.io.EOFException e) {
        throw AsrInputException.inFile(file, "truncated checkpoint");
      }
    }
  }
}

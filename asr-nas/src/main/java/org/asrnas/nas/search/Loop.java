package org.asrnas.nas.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Seeds;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.search.SearchFiles.State;
import org.asrnas.nas.train.Adam;
import org.asrnas.nas.train.Batch;
import org.asrnas.nas.train.CsvLog;

/**
 * The epoch loops of the warm-up, the search and random search (see {@link NasSearch}).
 *
 * <p>Over 400 lines because the warm-up, the search of every strategy and random search share one
 * per-epoch state (supernet, optimizers, batch plans, checkpoint, CSV logs) whose write order makes
 * resuming bit-for-bit; each loop is split into named steps of at most 80 lines.
 */
final class Loop {
  static final List<String> WARMUP_HEADER =
      List.of(
          "epoch",
          "steps",
          "train_loss",
          "heldout_loss",
          "lr",
          "improved",
          "seconds",
          "heldout_per",
          "stop_rule",
          "nonfinite_batches");
  static final List<String> SEARCH_HEADER =
      List.of(
          "epoch",
          "weight_steps",
          "alpha_steps",
          "train_loss",
          "alpha_loss",
          "heldout_loss",
          "weight_lr",
          "alpha_lr",
          "improved",
          "seconds",
          "argmax",
          "heldout_per",
          "pi_max",
          "argmax_changed",
          "nonfinite_batches");

  private final SearchConfig cfg;
  private final Supernet net;
  private final NasSearch.Data data;
  private final Path out;
  private final Strategy strategy;
  private final NDManager manager;
  private final Consumer<String> log;

  Loop(
      SearchConfig cfg,
      Supernet net,
      NasSearch.Data data,
      Path out,
      Strategy strategy,
      NDManager manager,
      Consumer<String> log) {
    this.cfg = cfg;
    this.net = net;
    this.data = data;
    this.out = out;
    this.strategy = strategy;
    this.manager = manager;
    this.log = log;
  }

  private Adam adam(org.asrnas.nas.model.ModelParameters p) {
    return new Adam(p, cfg.beta1(), cfg.beta2(), cfg.epsilon());
  }

  private List<int[]> epochBatches(String stage, int epoch) {
    List<int[]> batches = new ArrayList<>(data.trainPlan());
    Seeds.shuffle(batches, Seeds.random(cfg.seed(), stage + "-order/" + epoch));
    if (cfg.maxStepsPerEpoch() > 0 && batches.size() > cfg.maxStepsPerEpoch()) {
      batches = new ArrayList<>(batches.subList(0, cfg.maxStepsPerEpoch()));
    }
    return batches;
  }

  private Batch trainBatch(int[] idx) {
    return Batch.of(data.train().items(), idx, cfg.deltaOrder(), cfg.deltaWindow(), null, null);
  }

  /** Warm-up: uniform single paths, CTC, plateau stopping; α untouched. */
  void warmup(int[] budget) throws IOException, AsrInputException {
    Path ckpt = out.resolve("warmup.ckpt");
    Path csv = out.resolve("warmup.csv");
    Adam wa = adam(net.weights());
    Adam aa = adam(net.alphas());
    State st = warmupStart(ckpt, csv, wa, aa);
    if (st.stopped()) {
      log.accept("warm-up: already done (" + st.epochsDone() + " epochs)");
      return;
    }
    SearchSteps steps = new SearchSteps(net, wa, aa, cfg);
    // a fixed set of uniform paths scores the held-out data, so that epochs compare
    List<int[]> evalPaths = new ArrayList<>();
    Random er = Seeds.random(cfg.seed(), "warmup-eval-paths");
    for (int b = 0; b < data.heldBatches().size(); b++) {
      evalPaths.add(SearchSteps.uniformPath(net, er));
    }
    while (!st.stopped() && budget[0] > 0) {
      int epoch = st.epochsDone() + 1;
      long t0 = System.nanoTime();
      Engine.getInstance().setRandomSeed((int) Seeds.derive(cfg.seed(), "warmup-dropout/" + epoch));
      Random paths = Seeds.random(cfg.seed(), "warmup-paths/" + epoch);
      List<int[]> batches = epochBatches("warmup", epoch);
      double lr = cfg.weightLr() * st.lrScale();
      WarmupSums sums = warmupEpoch(steps, batches, paths, st, epoch);
      int nonFinite = sums.nonFinite();
      long stepCount = sums.stepCount();
      SearchSteps.Eval ev =
          steps.evaluate(
              data.heldBatches(), b -> m -> new Supernet.Path(evalPaths.get(b)), manager);
      double held = ev.loss();
      boolean improved = held < st.bestLoss() - cfg.minImprovement();
      // up to warmupMinEpochs only the best loss is tracked; the plateau count starts after
      int since = improved || epoch <= cfg.warmupMinEpochs() ? 0 : st.sinceImprovement() + 1;
      // the plateau rule ends the warm-up only off CTC's blank plateau (held-out PER gate)
      boolean plateau =
          epoch >= cfg.warmupMinEpochs()
              && since >= cfg.plateauEpochs()
              && ev.per() < cfg.warmupMaxPer();
      String rule = plateau ? "plateau" : epoch >= cfg.warmupMaxEpochs() ? "max_epochs" : "";
      boolean stop = !rule.isEmpty();
      double secs = (System.nanoTime() - t0) / 1e9;
      CsvLog.appendRows(
          csv, List.of(warmupCsvRow(epoch, sums, held, lr, improved, secs, ev.per(), rule)));
      checkDiverged("warm-up", epoch, nonFinite, batches.size(), held, csv);
      st =
          new State(
              epoch,
              stepCount,
              0,
              st.lrScale(),
              improved ? held : st.bestLoss(),
              improved ? epoch : st.bestEpoch(),
              since,
              0,
              stop);
      if (improved) {
        // the best epoch's weights, Adam moments and plateau state start the search (before
        // warmup.ckpt: a run killed between the two redoes this epoch and rewrites it)
        SearchFiles.writeCheckpoint(
            out.resolve(WARMUP_BEST), "warmup", withStopped(st, false), net, wa, aa);
      }
      SearchFiles.writeCheckpoint(ckpt, "warmup", st, net, wa, aa);
      log.accept(
          String.format(
              Locale.ROOT,
              "warm-up epoch %d: train loss %.4f, held-out loss %.4f%s, PER %.1f%%, %.1f s%s",
              epoch,
              sums.loss(),
              held,
              improved ? " (best)" : "",
              ev.per(),
              secs,
              !stop ? "" : warmupDoneNote(plateau, since, ev.per())));
      budget[0]--;
    }
  }

  /** One warmup.csv row (WARMUP_HEADER's columns). */
  private static List<Object> warmupCsvRow(
      int epoch,
      WarmupSums sums,
      double held,
      double lr,
      boolean improved,
      double secs,
      double per,
      String rule) {
    return List.of(
        epoch,
        sums.stepCount(),
        num(sums.loss()),
        num(held),
        num(lr),
        improved,
        String.format(Locale.ROOT, "%.2f", secs),
        num(per),
        rule,
        sums.nonFinite());
  }

  /** The warm-up's state from warmup.ckpt (its CSV cut back to match), or a new one. */
  private State warmupStart(Path ckpt, Path csv, Adam wa, Adam aa)
      throws IOException, AsrInputException {
    if (!Files.exists(ckpt)) {
      CsvLog.create(csv, WARMUP_HEADER);
      return State.initial();
    }
    State st = SearchFiles.readCheckpoint(ckpt, "warmup", net, wa, aa);
    SearchFiles.resumeCsv(csv, st.epochsDone(), WARMUP_HEADER);
    if (!st.stopped()) {
      log.accept("warm-up: resumed after epoch " + st.epochsDone());
    }
    return st;
  }

  /** Sums over one warm-up epoch's weight steps. */
  private record WarmupSums(double lossSum, int utts, int nonFinite, long stepCount) {
    double loss() {
      return utts == 0 ? Double.NaN : lossSum / utts;
    }
  }

  /** One warm-up epoch's weight steps on uniformly drawn single paths, with progress lines. */
  private WarmupSums warmupEpoch(
      SearchSteps steps, List<int[]> batches, Random paths, State st, int epoch)
      throws AsrInputException {
    double lossSum = 0;
    int utts = 0;
    int nonFinite = 0;
    long stepCount = st.weightSteps();
    for (int[] idx : batches) {
      SearchSteps.Result r =
          steps.pathStep(
              trainBatch(idx),
              SearchSteps.uniformPath(net, paths),
              cfg.weightLrAt(st.lrScale(), stepCount),
              manager);
      // a non-finite step updated nothing and stays out of the mean
      if (Double.isFinite(r.loss())) {
        lossSum += r.loss() * r.valid();
        utts += r.valid();
      } else {
        nonFinite++;
      }
      stepCount++;
      if (stepCount % cfg.logEverySteps() == 0) {
        log.accept(
            String.format(
                Locale.ROOT,
                "  warm-up epoch %d step %d: loss %.4f",
                epoch,
                stepCount,
                utts == 0 ? Double.NaN : lossSum / utts));
      }
    }
    return new WarmupSums(lossSum, utts, nonFinite, stepCount);
  }

  /** Why the warm-up ended, for its last epoch's log line. */
  private String warmupDoneNote(boolean plateau, int since, double per) {
    if (plateau) {
      return String.format(
          Locale.ROOT,
          "; warm-up done (plateau rule: %d epochs without improvement, PER below %.1f%%)",
          since,
          cfg.warmupMaxPer());
    }
    return String.format(
        Locale.ROOT,
        "; warm-up done (warmupMaxEpochs %d reached%s)",
        cfg.warmupMaxEpochs(),
        per < cfg.warmupMaxPer()
            ? ""
            : String.format(
                Locale.ROOT,
                "; PER still >= %.1f%%: the supernet may be on the blank plateau",
                cfg.warmupMaxPer()));
  }

  static final String WARMUP_BEST = "warmup.best.ckpt";
  static final String SEARCH_BEST = "search.best.ckpt";

  private static State withStopped(State s, boolean stopped) {
    return new State(
        s.epochsDone(),
        s.weightSteps(),
        s.alphaSteps(),
        s.lrScale(),
        s.bestLoss(),
        s.bestEpoch(),
        s.sinceImprovement(),
        s.drops(),
        stopped);
  }

  /** SNAS temperature: exponential from tauStart at step 0 to tauEnd at the budget's last step. */
  double tau(long step) {
    long total = (long) cfg.searchMaxEpochs() * stepsPerEpoch();
    double f = total <= 1 ? 1 : Math.min(1, (double) step / (total - 1));
    return cfg.snasTauStart() * Math.pow(cfg.snasTauEnd() / cfg.snasTauStart(), f);
  }

  private int stepsPerEpoch() {
    int n = data.trainPlan().size();
    return cfg.maxStepsPerEpoch() > 0 ? Math.min(n, cfg.maxStepsPerEpoch()) : n;
  }

  static List<String> piHeader(Supernet net) {
    List<String> h = new ArrayList<>(List.of("epoch", "alpha_step", "alpha_loss", "cost"));
    for (int i = 0; i < net.nodeCount(); i++) {
      for (int k = 0; k < net.candidates(i).size(); k++) {
        h.add("b" + i + ":" + k + ":" + net.candidates(i).get(k).name());
      }
    }
    return h;
  }

  /**
   * The search: α and weight steps of the strategy, plateau stopping after the weight lr drops
   * ({@code rsws}: uniform single-path weight steps for the whole budget, no α). Starts from the
   * best warm-up epoch ({@code warmup.best.ckpt}): its weights, the weights' Adam moments and its
   * best held-out loss, which the search has to beat by {@code minImprovement}. Returns true once
   * the search is done.
   */
  boolean search(int[] budget) throws IOException, AsrInputException {
    Path ckpt = out.resolve("search.ckpt");
    Path csv = out.resolve("search.csv");
    Path piCsv = out.resolve("pi.csv");
    boolean alphas = strategy.learnsAlphas();
    Adam wa = adam(net.weights());
    Adam aa = adam(net.alphas());
    State st = searchStart(ckpt, csv, piCsv, alphas, wa, aa);
    if (st.stopped()) {
      log.accept("search: already done (" + st.epochsDone() + " epochs)");
      return true;
    }
    SearchSteps steps = new SearchSteps(net, wa, aa, cfg);
    while (!st.stopped() && budget[0] > 0) {
      int epoch = st.epochsDone() + 1;
      long t0 = System.nanoTime();
      Engine.getInstance().setRandomSeed((int) Seeds.derive(cfg.seed(), "search-dropout/" + epoch));
      Random sampler = Seeds.random(cfg.seed(), "search-sample/" + epoch);
      List<Batch> heldOrder = new ArrayList<>(data.heldBatches());
      Seeds.shuffle(heldOrder, Seeds.random(cfg.seed(), "search-heldout-order/" + epoch));
      List<int[]> batches = epochBatches("search", epoch);
      double wLr = cfg.weightLr() * st.lrScale();
      // α's learning rate is never decayed (the reference never steps arch_lr_scheduler)
      double aLr = cfg.alphaLr();
      SearchSums sums = searchEpoch(steps, batches, heldOrder, sampler, st, epoch, aLr);
      SearchSteps.Eval ev = steps.evaluate(data.heldBatches(), evalModes(steps, epoch), manager);
      double held = ev.loss();
      boolean improved = held < st.bestLoss() - cfg.minImprovement();
      // not reset at a drop: after the last drop the next non-improving epoch stops the search
      int since = improved ? 0 : st.sinceImprovement() + 1;
      int drops = st.drops();
      double scale = st.lrScale();
      boolean stop = false;
      if (strategy.stopsOnPlateau() && since >= cfg.plateauEpochs()) {
        if (drops < cfg.searchLrDrops()) {
          drops++;
          scale /= cfg.lrDecayFactor();
          log.accept(
              String.format(Locale.ROOT, "search: plateau, weight learning rate x%.3g", scale));
        } else {
          stop = true;
        }
      }
      stop |= epoch >= cfg.searchMaxEpochs();
      double secs = (System.nanoTime() - t0) / 1e9;
      String arch = archString(net.argmax());
      String piMax = piMaxString(net.pi());
      if (alphas) {
        CsvLog.appendRows(piCsv, sums.piRows());
      }
      CsvLog.appendRows(
          csv,
          List.of(
              searchCsvRow(epoch, sums, held, wLr, aLr, improved, secs, arch, ev.per(), piMax)));
      checkDiverged("search", epoch, sums.weightNonFinite(), batches.size(), held, csv);
      st =
          new State(
              epoch,
              sums.wSteps(),
              sums.aSteps(),
              scale,
              improved ? held : st.bestLoss(),
              improved ? epoch : st.bestEpoch(),
              since,
              drops,
              stop);
      if (improved) {
        // the best held-out epoch (the reference's bestforretrain) is what derive reads
        SearchFiles.writeCheckpoint(
            out.resolve(SEARCH_BEST), "search", withStopped(st, false), net, wa, aa);
      }
      SearchFiles.writeCheckpoint(ckpt, "search", st, net, wa, aa);
      logSearchEpoch(epoch, sums, held, improved, ev.per(), arch, piMax, secs, stop);
      budget[0]--;
    }
    return st.stopped();
  }

  /**
   * The search's state before its first epoch of this invocation: read from search.ckpt (its CSV
   * logs cut back to the epochs it holds), or, for a new search, the best warm-up epoch's weights
   * and held-out loss (fresh CSV logs written).
   */
  private State searchStart(Path ckpt, Path csv, Path piCsv, boolean alphas, Adam wa, Adam aa)
      throws IOException, AsrInputException {
    if (Files.exists(ckpt)) {
      State st = SearchFiles.readCheckpoint(ckpt, "search", net, wa, aa);
      SearchFiles.resumeCsv(csv, st.epochsDone(), SEARCH_HEADER);
      if (alphas) {
        SearchFiles.truncateCsv(piCsv, st.epochsDone());
      }
      if (!st.stopped()) {
        log.accept("search: resumed after epoch " + st.epochsDone());
      }
      return st;
    }
    State st = State.initial();
    Path best = out.resolve(WARMUP_BEST);
    Path warm = Files.exists(best) ? best : out.resolve("warmup.ckpt");
    if (Files.exists(warm)) {
      // the best warm-up epoch: weights, weight-Adam state and best held-out loss (the
      // reference resumes model.bestforas with its lr scheduler); logits stay at 0
      State w = SearchFiles.readCheckpoint(warm, "warmup", net, wa, adam(net.alphas()));
      st = new State(0, 0, 0, 1.0, w.bestLoss(), 0, 0, 0, false);
      log.accept(
          String.format(
              Locale.ROOT,
              "search: starting from warm-up epoch %d in %s (held-out loss %.4f to beat)",
              w.epochsDone(),
              warm,
              w.bestLoss()));
    } else {
      log.accept("search: no warm-up checkpoint, starting from initial weights");
    }
    CsvLog.create(csv, SEARCH_HEADER);
    if (alphas) {
      CsvLog.create(piCsv, piHeader(net));
    }
    return st;
  }

  /** Step counts, loss sums and π rows of one search epoch. */
  private record SearchSums(
      long wSteps,
      long aSteps,
      double trainSum,
      int trainUtts,
      double alphaSum,
      int alphaUtts,
      List<List<Object>> piRows,
      boolean argmaxChanged,
      int nonFinite,
      int weightNonFinite) {
    double trainLoss() {
      return trainUtts == 0 ? Double.NaN : trainSum / trainUtts;
    }

    double alphaLoss() {
      return alphaUtts == 0 ? Double.NaN : alphaSum / alphaUtts;
    }
  }

  /**
   * One search epoch's steps: per training batch an α step on a held-out batch (strategies that
   * alternate) and a weight step (SNAS updates α in the same step), with progress lines.
   */
  private SearchSums searchEpoch(
      SearchSteps steps,
      List<int[]> batches,
      List<Batch> heldOrder,
      Random sampler,
      State st,
      int epoch,
      double aLr)
      throws AsrInputException {
    long wSteps = st.weightSteps();
    long aSteps = st.alphaSteps();
    double trainSum = 0;
    int trainUtts = 0;
    double alphaSum = 0;
    int alphaUtts = 0;
    List<List<Object>> piRows = new ArrayList<>();
    int[] startArgmax = net.argmax();
    boolean argmaxChanged = false;
    int nonFinite = 0; // weight and α steps
    int weightNonFinite = 0;
    for (int b = 0; b < batches.size(); b++) {
      double tau = tau(wSteps);
      if (strategy.alternates()) {
        Batch hb = heldOrder.get(b % heldOrder.size());
        SearchSteps.Result a = steps.alphaStep(strategy, hb, sampler, aLr, tau, manager);
        aSteps++;
        if (Double.isFinite(a.loss())) {
          alphaSum += a.loss() * a.valid();
          alphaUtts += a.valid();
        } else {
          nonFinite++;
        }
        piRows.add(piRow(epoch, aSteps, a));
        argmaxChanged |= !java.util.Arrays.equals(startArgmax, net.argmax());
      }
      SearchSteps.Result w =
          steps.weightStep(
              strategy,
              trainBatch(batches.get(b)),
              sampler,
              cfg.weightLrAt(st.lrScale(), wSteps),
              aLr,
              tau,
              manager);
      wSteps++;
      if (Double.isFinite(w.loss())) {
        trainSum += w.loss() * w.valid();
        trainUtts += w.valid();
      } else {
        nonFinite++;
        weightNonFinite++;
      }
      if (strategy.updatesAlphasInWeightStep()) {
        aSteps++;
        piRows.add(piRow(epoch, aSteps, w));
        argmaxChanged |= !java.util.Arrays.equals(startArgmax, net.argmax());
      }
      if (wSteps % cfg.logEverySteps() == 0) {
        log.accept(
            String.format(
                Locale.ROOT,
                "  search epoch %d step %d: train loss %.4f, α loss %.4f",
                epoch,
                wSteps,
                trainUtts == 0 ? Double.NaN : trainSum / trainUtts,
                alphaUtts == 0 ? Double.NaN : alphaSum / alphaUtts));
      }
    }
    return new SearchSums(
        wSteps,
        aSteps,
        trainSum,
        trainUtts,
        alphaSum,
        alphaUtts,
        piRows,
        argmaxChanged,
        nonFinite,
        weightNonFinite);
  }

  /** One search.csv row (SEARCH_HEADER's columns). */
  private static List<Object> searchCsvRow(
      int epoch,
      SearchSums sums,
      double held,
      double wLr,
      double aLr,
      boolean improved,
      double secs,
      String arch,
      double per,
      String piMax) {
    return List.of(
        epoch,
        sums.wSteps(),
        sums.aSteps(),
        num(sums.trainLoss()),
        num(sums.alphaLoss()),
        num(held),
        num(wLr),
        num(aLr),
        improved,
        String.format(Locale.ROOT, "%.2f", secs),
        arch,
        num(per),
        piMax,
        sums.argmaxChanged(),
        sums.nonFinite());
  }

  /** The log line of one finished search epoch. */
  private void logSearchEpoch(
      int epoch,
      SearchSums sums,
      double held,
      boolean improved,
      double per,
      String arch,
      String piMax,
      double secs,
      boolean stop) {
    log.accept(
        String.format(
            Locale.ROOT,
            "search (%s) epoch %d: train loss %.4f, held-out loss %.4f%s, PER %.1f%%, argmax %s,"
                + " max π %s, argmax changed %s, %.1f s%s",
            strategy.label(),
            epoch,
            sums.trainLoss(),
            held,
            improved ? " (best)" : "",
            per,
            arch,
            piMax,
            sums.argmaxChanged() ? "yes" : "no",
            secs,
            stop ? "; search done" : ""));
  }

  /**
   * Ends a run whose epoch had no finite weight step, or whose held-out loss is not finite: its
   * supernet has diverged, and the next epochs would only repeat that (the trainer's rule).
   */
  private void checkDiverged(
      String stage, int epoch, int nonFinite, int steps, double held, Path csv)
      throws AsrInputException {
    boolean allSteps = steps > 0 && nonFinite >= steps;
    boolean heldOut = !Double.isFinite(held) && !data.heldBatches().isEmpty();
    if (allSteps || heldOut) {
      throw AsrInputException.inFile(
          csv,
          String.format(
              Locale.ROOT,
              "supernet training diverged in %s epoch %d (%s); lower weightLr or set clipNorm",
              stage,
              epoch,
              allSteps
                  ? "every weight step had a non-finite loss or gradient"
                  : "the held-out loss is " + held + ", " + nonFinite + " non-finite steps"));
    }
  }

  /**
   * Held-out forward modes of the search (the reference's {@code validate}, {@link
   * Strategy#evalModes}), from a stream of (seed, epoch) so that a resumed run draws the same.
   */
  private java.util.function.IntFunction<SearchSteps.ModeSource> evalModes(
      SearchSteps steps, int epoch) {
    return strategy.evalModes(
        steps,
        net,
        data.heldBatches().size(),
        Seeds.random(cfg.seed(), "search-eval-paths/" + epoch));
  }

  /** max_k π_ik per node, space-separated (the search.csv column {@code pi_max}). */
  static String piMaxString(double[][] pi) {
    List<String> v = new ArrayList<>();
    for (double[] p : pi) {
      double mx = 0;
      for (double x : p) {
        mx = Math.max(mx, x);
      }
      v.add(String.format(Locale.ROOT, "%.4f", mx));
    }
    return String.join(" ", v);
  }

  private List<Object> piRow(int epoch, long alphaStep, SearchSteps.Result r) {
    List<Object> row = new ArrayList<>(List.of(epoch, alphaStep, num(r.loss()), num(r.cost())));
    for (double[] p : net.pi()) {
      for (double v : p) {
        row.add(String.format(Locale.ROOT, "%.6f", v));
      }
    }
    return row;
  }

  private String archString(int[] choice) {
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < choice.length; i++) {
      ops.add(net.candidates(i).get(choice[i]).name());
    }
    return String.join(" ", ops);
  }

  /**
   * {@code random}, the null hypothesis: one architecture drawn uniformly from the space with the
   * seed, into {@code random.json} (no training, no score); derive takes it and the retrain trains
   * it like every other derived network.
   */
  void random() throws IOException {
    Path file = out.resolve(RANDOM_JSON);
    if (Files.exists(file)) {
      log.accept("random: already drawn");
      return;
    }
    int[] choice = SearchSteps.uniformPath(net, Seeds.random(cfg.seed(), "random-arch/0"));
    JsonObject o = new JsonObject();
    o.add("choice", NasSearch.toJson(choice));
    o.addProperty("architecture", archString(choice));
    JsonArray done = new JsonArray();
    done.add(o);
    writeArchitectures(file, done);
    log.accept("random: drew " + archString(choice) + " uniformly (seed " + cfg.seed() + ")");
  }

  /**
   * {@code rsws} after its weight-sharing search: {@code randomArchitectures} architectures drawn
   * uniformly, each scored on the held-out set with the shared supernet weights (forward only,
   * dropout off) into {@code random.json}, rewritten atomically after each.
   */
  void scoreShared() throws IOException {
    Path file = out.resolve(RANDOM_JSON);
    JsonArray done =
        Files.exists(file)
            ? JsonParser.parseString(Files.readString(file))
                .getAsJsonObject()
                .getAsJsonArray("architectures")
            : new JsonArray();
    if (done.size() >= cfg.randomArchitectures()) {
      log.accept("rsws: already scored (" + done.size() + " architectures)");
      return;
    }
    SearchSteps steps = new SearchSteps(net, adam(net.weights()), adam(net.alphas()), cfg);
    long t0 = System.nanoTime();
    while (done.size() < cfg.randomArchitectures()) {
      int a = done.size();
      int[] choice = SearchSteps.uniformPath(net, Seeds.random(cfg.seed(), "rsws-arch/" + a));
      SearchSteps.Eval ev =
          steps.evaluate(data.heldBatches(), b -> m -> new Supernet.Path(choice), manager);
      JsonObject o = new JsonObject();
      o.add("choice", NasSearch.toJson(choice));
      o.addProperty("architecture", archString(choice));
      o.addProperty("heldout_loss", ev.loss());
      o.addProperty("heldout_per", ev.per());
      done.add(o);
      writeArchitectures(file, done);
      log.accept(
          String.format(
              Locale.ROOT,
              "rsws %d/%d: %s, held-out loss %.4f, PER %.1f%% (shared weights)",
              a + 1,
              cfg.randomArchitectures(),
              archString(choice),
              ev.loss(),
              ev.per()));
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "rsws: scored %d architectures in %.1f s",
            done.size(),
            (System.nanoTime() - t0) / 1e9));
  }

  static final String RANDOM_JSON = "random.json";

  private static void writeArchitectures(Path file, JsonArray done) throws IOException {
    JsonObject root = new JsonObject();
    root.add("architectures", done);
    SearchFiles.writeString(
        file,
        new GsonBuilder()
                .setPrettyPrinting()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(root)
            + "\n");
  }

  /**
   * The architecture of random.json with the lowest held-out loss (NaN never wins); {@code random}
   * has one, without a score.
   */
  static int[] bestRandom(Path file, int expected) throws IOException, AsrInputException {
    JsonArray a =
        JsonParser.parseString(Files.readString(file))
            .getAsJsonObject()
            .getAsJsonArray("architectures");
    if (a.size() < expected) {
      throw AsrInputException.inFile(
          file,
          "holds "
              + a.size()
              + " of "
              + expected
              + " architectures; resume the search stage first");
    }
    int[] best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (JsonElement e : a) {
      JsonObject o = e.getAsJsonObject();
      double l =
          !o.has("heldout_loss") || o.get("heldout_loss").isJsonNull()
              ? Double.NaN
              : o.get("heldout_loss").getAsDouble();
      if (best == null || l < bestLoss) {
        best = NasSearch.intArray(o.get("choice"));
        bestLoss = Double.isNaN(l) ? Double.POSITIVE_INFINITY : l;
      }
    }
    return best;
  }

  static String num(double d) {
    return Double.toString(d);
  }
}

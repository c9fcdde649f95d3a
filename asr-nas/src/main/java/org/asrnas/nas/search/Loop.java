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
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.model.Supernet;
import org.asrnas.nas.search.SearchFiles.State;
import org.asrnas.nas.train.Adam;
import org.asrnas.nas.train.Batch;

/** The epoch loops of the warm-up, the search and random search (see {@link NasSearch}). */
final class Loop {
  static final List<String> WARMUP_HEADER =
      List.of("epoch", "steps", "train_loss", "heldout_loss", "lr", "improved", "seconds");
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
          "argmax");

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
    State st = State.initial();
    if (Files.exists(ckpt)) {
      st = SearchFiles.readCheckpoint(ckpt, "warmup", net, wa, aa);
      SearchFiles.truncateCsv(csv, st.epochsDone());
      if (st.stopped()) {
        log.accept("warm-up: already done (" + st.epochsDone() + " epochs)");
        return;
      }
      log.accept("warm-up: resumed after epoch " + st.epochsDone());
    } else {
      SearchFiles.createCsv(csv, WARMUP_HEADER);
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
      double lossSum = 0;
      int utts = 0;
      long stepCount = st.weightSteps();
      for (int[] idx : batches) {
        SearchSteps.Result r =
            steps.pathStep(trainBatch(idx), SearchSteps.uniformPath(net, paths), lr, manager);
        lossSum += r.loss() * r.valid();
        utts += r.valid();
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
      double held =
          steps.evaluate(
              data.heldBatches(), b -> m -> new Supernet.Path(evalPaths.get(b)), manager);
      boolean improved = held < st.bestLoss() - cfg.minImprovement();
      int since = improved ? 0 : st.sinceImprovement() + 1;
      boolean stop =
          epoch >= cfg.warmupMaxEpochs()
              || (epoch >= cfg.warmupMinEpochs() && since >= cfg.plateauEpochs());
      double secs = (System.nanoTime() - t0) / 1e9;
      SearchFiles.appendCsv(
          csv,
          List.of(
              String.join(
                  ",",
                  Integer.toString(epoch),
                  Long.toString(stepCount),
                  num(utts == 0 ? Double.NaN : lossSum / utts),
                  num(held),
                  num(lr),
                  Boolean.toString(improved),
                  String.format(Locale.ROOT, "%.2f", secs))));
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
      SearchFiles.writeCheckpoint(ckpt, "warmup", st, net, wa, aa);
      log.accept(
          String.format(
              Locale.ROOT,
              "warm-up epoch %d: train loss %.4f, held-out loss %.4f%s, %.1f s%s",
              epoch,
              utts == 0 ? Double.NaN : lossSum / utts,
              held,
              improved ? " (best)" : "",
              secs,
              stop ? "; warm-up done" : ""));
      budget[0]--;
    }
  }

  /** Strategies whose α step runs on a held-out batch before each weight step. */
  private boolean alternates() {
    return strategy == Strategy.ST || strategy == Strategy.DARTS || strategy == Strategy.PROXYLESS;
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

  /** The search: α and weight steps of the strategy, plateau stopping after the lr drops. */
  void search(int[] budget) throws IOException, AsrInputException {
    Path ckpt = out.resolve("search.ckpt");
    Path csv = out.resolve("search.csv");
    Path piCsv = out.resolve("pi.csv");
    Adam wa = adam(net.weights());
    Adam aa = adam(net.alphas());
    State st = State.initial();
    if (Files.exists(ckpt)) {
      st = SearchFiles.readCheckpoint(ckpt, "search", net, wa, aa);
      SearchFiles.truncateCsv(csv, st.epochsDone());
      SearchFiles.truncateCsv(piCsv, st.epochsDone());
      if (st.stopped()) {
        log.accept("search: already done (" + st.epochsDone() + " epochs)");
        return;
      }
      log.accept("search: resumed after epoch " + st.epochsDone());
    } else {
      Path warm = out.resolve("warmup.ckpt");
      if (Files.exists(warm)) {
        // the warm-up's weights; fresh optimizers and logits at 0 for the search
        SearchFiles.readCheckpoint(warm, "warmup", net, adam(net.weights()), adam(net.alphas()));
        log.accept("search: starting from the warm-up weights in " + warm);
      } else {
        log.accept("search: no warm-up checkpoint, starting from initial weights");
      }
      SearchFiles.createCsv(csv, SEARCH_HEADER);
      SearchFiles.createCsv(piCsv, piHeader(net));
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
      double aLr = cfg.alphaLr() * st.lrScale();
      long wSteps = st.weightSteps();
      long aSteps = st.alphaSteps();
      double trainSum = 0;
      int trainUtts = 0;
      double alphaSum = 0;
      int alphaUtts = 0;
      List<String> piRows = new ArrayList<>();
      for (int b = 0; b < batches.size(); b++) {
        double tau = tau(wSteps);
        if (alternates()) {
          Batch hb = heldOrder.get(b % heldOrder.size());
          SearchSteps.Result a = steps.alphaStep(strategy, hb, sampler, aLr, tau, manager);
          aSteps++;
          alphaSum += a.loss() * a.valid();
          alphaUtts += a.valid();
          piRows.add(piRow(epoch, aSteps, a));
        }
        SearchSteps.Result w =
            steps.weightStep(strategy, trainBatch(batches.get(b)), sampler, wLr, aLr, tau, manager);
        wSteps++;
        trainSum += w.loss() * w.valid();
        trainUtts += w.valid();
        if (strategy == Strategy.SNAS) {
          aSteps++;
          piRows.add(piRow(epoch, aSteps, w));
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
      SearchSteps.ModeSource evalMode =
          strategy == Strategy.DARTS || strategy == Strategy.SNAS
              ? steps.softmaxMixture()
              : m -> new Supernet.Path(net.argmax());
      double held = steps.evaluate(data.heldBatches(), b -> evalMode, manager);
      boolean improved = held < st.bestLoss() - cfg.minImprovement();
      int since = improved ? 0 : st.sinceImprovement() + 1;
      int drops = st.drops();
      double scale = st.lrScale();
      boolean stop = false;
      if (since >= cfg.plateauEpochs()) {
        if (drops < cfg.searchLrDrops()) {
          drops++;
          scale /= cfg.lrDecayFactor();
          since = 0;
          log.accept(String.format(Locale.ROOT, "search: plateau, learning rates x%.3g", scale));
        } else {
          stop = true;
        }
      }
      stop |= epoch >= cfg.searchMaxEpochs();
      double secs = (System.nanoTime() - t0) / 1e9;
      String arch = archString(net.argmax());
      SearchFiles.appendCsv(piCsv, piRows);
      SearchFiles.appendCsv(
          csv,
          List.of(
              String.join(
                  ",",
                  Integer.toString(epoch),
                  Long.toString(wSteps),
                  Long.toString(aSteps),
                  num(trainUtts == 0 ? Double.NaN : trainSum / trainUtts),
                  num(alphaUtts == 0 ? Double.NaN : alphaSum / alphaUtts),
                  num(held),
                  num(wLr),
                  num(aLr),
                  Boolean.toString(improved),
                  String.format(Locale.ROOT, "%.2f", secs),
                  arch)));
      st =
          new State(
              epoch,
              wSteps,
              aSteps,
              scale,
              improved ? held : st.bestLoss(),
              improved ? epoch : st.bestEpoch(),
              since,
              drops,
              stop);
      SearchFiles.writeCheckpoint(ckpt, "search", st, net, wa, aa);
      log.accept(
          String.format(
              Locale.ROOT,
              "search (%s) epoch %d: train loss %.4f, held-out loss %.4f%s, argmax %s, %.1f s%s",
              strategy.label(),
              epoch,
              trainUtts == 0 ? Double.NaN : trainSum / trainUtts,
              held,
              improved ? " (best)" : "",
              arch,
              secs,
              stop ? "; search done" : ""));
      budget[0]--;
    }
  }

  private String piRow(int epoch, long alphaStep, SearchSteps.Result r) {
    StringBuilder b = new StringBuilder();
    b.append(epoch).append(',').append(alphaStep).append(',').append(num(r.loss()));
    b.append(',').append(num(r.cost()));
    for (double[] p : net.pi()) {
      for (double v : p) {
        b.append(',').append(String.format(Locale.ROOT, "%.6f", v));
      }
    }
    return b.toString();
  }

  private String archString(int[] choice) {
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < choice.length; i++) {
      ops.add(net.candidates(i).get(choice[i]).name());
    }
    return String.join(" ", ops);
  }

  /**
   * Random search: k architectures drawn uniformly, each trained from a fresh initialisation for
   * {@link SearchConfig#epochsPerRandomArchitecture()} epochs and scored by held-out loss; {@code
   * random.json} is rewritten atomically after each.
   */
  void random(ArchitectureSpec space, int[] budget) throws IOException {
    Path file = out.resolve("random.json");
    JsonArray done =
        Files.exists(file)
            ? JsonParser.parseString(Files.readString(file))
                .getAsJsonObject()
                .getAsJsonArray("architectures")
            : new JsonArray();
    if (done.size() >= cfg.randomArchitectures()) {
      log.accept("random search: already done (" + done.size() + " architectures)");
      return;
    }
    int epochs = cfg.epochsPerRandomArchitecture();
    while (done.size() < cfg.randomArchitectures() && budget[0] > 0) {
      int a = done.size();
      long t0 = System.nanoTime();
      int[] choice = SearchSteps.uniformPath(net, Seeds.random(cfg.seed(), "random-arch/" + a));
      double held;
      try (NDManager m = manager.newSubManager()) {
        Supernet fresh = Supernet.create(space, m, Seeds.derive(cfg.seed(), "random-init/" + a));
        SearchSteps steps =
            new SearchSteps(fresh, adam(fresh.weights()), adam(fresh.alphas()), cfg);
        for (int e = 1; e <= epochs; e++) {
          Engine.getInstance()
              .setRandomSeed((int) Seeds.derive(cfg.seed(), "random-dropout/" + a + "/" + e));
          for (int[] idx : epochBatches("random-" + a, e)) {
            steps.pathStep(trainBatch(idx), choice, cfg.weightLr(), m);
          }
        }
        held = steps.evaluate(data.heldBatches(), b -> mm -> new Supernet.Path(choice), m);
      }
      JsonObject o = new JsonObject();
      o.add("choice", NasSearch.toJson(choice));
      o.addProperty("architecture", archString(choice));
      o.addProperty("epochs", epochs);
      o.addProperty("heldout_loss", held);
      done.add(o);
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
      log.accept(
          String.format(
              Locale.ROOT,
              "random search %d/%d: %s, held-out loss %.4f after %d epochs, %.1f s",
              a + 1,
              cfg.randomArchitectures(),
              archString(choice),
              held,
              epochs,
              (System.nanoTime() - t0) / 1e9));
      budget[0]--;
    }
  }

  /** The architecture of random.json with the lowest held-out loss (NaN never wins). */
  static int[] bestRandom(Path file, SearchConfig cfg) throws IOException, AsrInputException {
    JsonArray a =
        JsonParser.parseString(Files.readString(file))
            .getAsJsonObject()
            .getAsJsonArray("architectures");
    if (a.size() < cfg.randomArchitectures()) {
      throw AsrInputException.inFile(
          file,
          "holds "
              + a.size()
              + " of "
              + cfg.randomArchitectures()
              + " architectures; resume the search stage first");
    }
    int[] best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (JsonElement e : a) {
      JsonObject o = e.getAsJsonObject();
      double l =
          o.get("heldout_loss").isJsonNull() ? Double.NaN : o.get("heldout_loss").getAsDouble();
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

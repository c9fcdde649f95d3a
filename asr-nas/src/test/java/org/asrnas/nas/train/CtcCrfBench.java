package org.asrnas.nas.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.asrnas.nas.ctc.CtcCrfLoss;
import org.asrnas.nas.ctc.CtcCriterion;
import org.asrnas.nas.ctc.CtcGoldens;
import org.asrnas.nas.ctc.CtcLoss;
import org.asrnas.nas.ctc.DenominatorGraph;
import org.asrnas.nas.ctc.PhoneLm;
import org.asrnas.nas.ctc.SequenceLoss;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;

/**
 * Java side of bench/ctc_crf.sh. A phone LM (order 4, Kaldi's pruning defaults) is estimated from
 * English sentences (fortune files) turned into phones by the CMU dictionary, as the stand-in
 * corpora's transcripts are; then (1) CTC and CTC-CRF loss + gradient on bench/ctc.sh's batches,
 * (2) a whole training step of the CPU-sized 6-layer TDNN (data/nas/tdnn6-cpu.json, 16 x 500 input
 * frames, 167 output frames after the stride-3 layer) with each loss.
 *
 * <p>Usage: CtcCrfBench BATCHES.bin THREADS REPEATS CMUDICT FORTUNE_DIR MODEL_JSON
 */
public final class CtcCrfBench {
  private CtcCrfBench() {}

  private static final String[] NAMES = {"train-b16-t167-v72", "long-b16-t500-v72"};

  public static void main(String[] args) throws Exception {
    List<CtcGoldens.Case> cases = CtcGoldens.parse(Files.readAllBytes(Path.of(args[0])));
    int threads = Integer.parseInt(args[1]);
    int repeats = Integer.parseInt(args[2]);
    int vocab = cases.get(0).vocab();
    List<int[]> sentences = phoneSentences(Path.of(args[3]), Path.of(args[4]), vocab, 3000);
    long t0 = System.nanoTime();
    PhoneLm lm = PhoneLm.estimate(sentences, vocab, PhoneLm.Options.of(4));
    DenominatorGraph den = DenominatorGraph.compose(lm);
    long phones = sentences.stream().mapToLong(s -> s.length).sum();
    System.out.printf(
        Locale.ROOT,
        "phone LM: %d sentences, %d phones -> %d states, %d arcs; denominator graph %d states, %d"
            + " arcs (built in %.0f ms)%n",
        sentences.size(),
        phones,
        lm.numStates(),
        lm.numArcs(),
        den.numStates(),
        den.numArcs(),
        (System.nanoTime() - t0) / 1e6);
    CtcLoss ctc = new CtcLoss(threads);
    CtcCrfLoss crf = new CtcCrfLoss(den, lm, 0.01, threads);
    for (int c = 0; c < cases.size(); c++) {
      CtcGoldens.Case k = cases.get(c);
      float[] act = k.activations();
      double[] ctcMs = median(repeats, () -> run(ctc, k, act));
      double[] crfMs = median(repeats, () -> run(crf, k, act));
      System.out.printf(
          Locale.ROOT,
          "loss %s: ctc %.1f ms (cpu %.1f), ctc-crf %.1f ms (cpu %.1f): %.1fx ctc (cpu %.1fx)%n",
          NAMES[c],
          ctcMs[0],
          ctcMs[1],
          crfMs[0],
          crfMs[1],
          crfMs[0] / ctcMs[0],
          crfMs[1] / ctcMs[1]);
    }
    // training steps of the CPU model with each loss
    String json = Files.readString(Path.of(args[5]));
    int batch = 16;
    int frames = 500;
    int dim = 120;
    Random r = new Random(1);
    float[] feats = new float[batch * frames * dim];
    for (int i = 0; i < feats.length; i++) {
      feats[i] = (float) r.nextGaussian();
    }
    int[] lengths = new int[batch];
    int[][] targets = new int[batch][];
    for (int b = 0; b < batch; b++) {
      lengths[b] = frames;
      targets[b] = sentences.get(b).length <= 60 ? sentences.get(b) : new int[] {1, 2, 3};
    }
    Batch bt =
        new Batch(java.util.Collections.nCopies(batch, "u"), feats, frames, dim, lengths, targets);
    double[][] stepMs = new double[2][];
    SequenceLoss[] losses = {ctc, crf};
    try (NDManager m = NDManager.newBaseManager()) {
      ArchitectureSpec spec = ArchitectureSpec.parse(json).withUnits(vocab);
      for (int i = 0; i < 2; i++) {
        AcousticModel model = AcousticModel.create(spec, m, 1);
        Adam adam = new Adam(model.parameters(), 0.9, 0.999, 1e-8);
        CtcCriterion crit = new CtcCriterion(losses[i]);
        if (i == 0) {
          try (NDManager s = m.newSubManager()) {
            AcousticModel.Output y =
                model.forward(
                    s.create(feats, new ai.djl.ndarray.types.Shape(batch, frames, dim)),
                    lengths,
                    false);
            System.out.printf(
                Locale.ROOT,
                "network output: %s, %d valid frames per utterance%n",
                y.activations().getShape(),
                y.lengths()[0]);
          }
        }
        double[] out = Trainer.trainStep(model, adam, crit, bt, 1e-4, 5.0, m);
        System.out.printf(
            Locale.ROOT,
            "train step with %s: loss per utterance %.3f, %d skipped%n",
            i == 0 ? "ctc" : "ctc-crf",
            out[0],
            (int) out[3]);
        stepMs[i] = median(repeats, () -> Trainer.trainStep(model, adam, crit, bt, 1e-4, 5.0, m));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "train step (%s, %d x %d frames, %d thread(s)): ctc %.1f ms (cpu %.1f), ctc-crf %.1f ms"
            + " (cpu %.1f): ctc-crf adds %.1f%% (cpu %.1f%%; target <= 30%%)%n",
        Path.of(args[5]).getFileName(),
        batch,
        frames,
        threads,
        stepMs[0][0],
        stepMs[0][1],
        stepMs[1][0],
        stepMs[1][1],
        100 * (stepMs[1][0] - stepMs[0][0]) / stepMs[0][0],
        100 * (stepMs[1][1] - stepMs[0][1]) / stepMs[0][1]);
  }

  private static Object run(SequenceLoss loss, CtcGoldens.Case k, float[] act) {
    return loss.compute(
        act, k.batch(), k.time(), k.vocab(), k.inputLengths(), k.targets(), CtcLoss.Reduction.SUM);
  }

  /**
   * Medians in ms of {@code repeats} calls after 2 warm-up calls: wall time, and the process's CPU
   * time (all threads), which other jobs on a shared machine disturb much less.
   */
  private static double[] median(int repeats, Supplier<Object> call) {
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    call.get();
    call.get();
    List<Double> ms = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      call.get();
      ms.add((System.nanoTime() - t0) / 1e6);
      cpu.add((os.getProcessCpuTime() - c0) / 1e6);
    }
    ms.sort(Double::compare);
    cpu.sort(Double::compare);
    return new double[] {ms.get(ms.size() / 2), cpu.get(cpu.size() / 2)};
  }

  /**
   * Up to {@code max} lines of the fortune files whose words (4 or more) are all in the CMU
   * dictionary, as unit ids: the dictionary's phones numbered 1.. in order of appearance.
   */
  static List<int[]> phoneSentences(Path cmudict, Path fortunes, int vocab, int max)
      throws IOException {
    Map<String, String[]> dict = new HashMap<>();
    for (String line : Files.readAllLines(cmudict, StandardCharsets.UTF_8)) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 2 && !f[0].contains("(")) {
        dict.put(f[0], java.util.Arrays.copyOfRange(f, 1, f.length));
      }
    }
    Map<String, Integer> phoneIds = new HashMap<>();
    List<int[]> out = new ArrayList<>();
    List<Path> files;
    try (var s = Files.list(fortunes)) {
      files = s.filter(p -> !p.getFileName().toString().contains(".")).sorted().toList();
    }
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      for (String line :
          new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).split("\n")) {
        String[] words =
            line.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").strip().split("\\s+");
        if (words.length < 4) {
          continue;
        }
        List<Integer> ids = new ArrayList<>();
        boolean ok = true;
        for (String w : words) {
          String[] pron = dict.get(w);
          if (pron == null) {
            ok = false;
            break;
          }
          for (String p : pron) {
            Integer id = phoneIds.get(p);
            if (id == null) {
              id = phoneIds.size() + 1;
              if (id >= vocab) {
                throw new IllegalStateException("more phones than units " + vocab);
              }
              phoneIds.put(p, id);
            }
            ids.add(id);
          }
        }
        if (ok) {
          out.add(ids.stream().mapToInt(Integer::intValue).toArray());
          if (out.size() == max) {
            return out;
          }
        }
      }
    }
    return out;
  }
}

package org.asrnas.nas.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.text.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phone LM and denominator graph against OpenFst (goldens of
 * scripts/golden/make_ctc_crf_goldens.sh: fstcompose of CAT's CTC topology with our LM, state and
 * arc counts, path weights, and ln Z by fstshortestdistance over the emission lattice).
 */
class CtcCrfGoldenTest {
  @TempDir Path tmp;

  static Path resource(String name) throws Exception {
    return Path.of(CtcCrfGoldenTest.class.getResource("/ctc-crf/" + name).toURI());
  }

  static PhoneLm estimate(Units units) throws Exception {
    List<int[]> sentences = new ArrayList<>();
    for (String l : Files.readAllLines(resource("sentences.txt"))) {
      sentences.add(units.encode(List.of(l.strip().split(" "))));
    }
    return PhoneLm.estimate(sentences, units.size(), new PhoneLm.Options(4, 3, 2));
  }

  @Test
  void graphAndWeightsMatchOpenFst() throws Exception {
    Units units = Units.read(resource("units.txt"));
    PhoneLm lm = estimate(units);
    // the script's input is exactly what the estimator writes
    Path written = tmp.resolve("lm.fst.txt");
    lm.write(written, units);
    assertEquals(Files.readAllLines(resource("lm.fst.txt")), Files.readAllLines(written));
    DenominatorGraph g = DenominatorGraph.compose(lm);
    int checked = 0;
    for (String line : Files.readAllLines(resource("goldens.txt"))) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" ");
      int[] ids = Arrays.stream(f).skip(2).mapToInt(Integer::parseInt).toArray();
      switch (f[0]) {
        case "lm_states" -> assertEquals(Integer.parseInt(f[1]), lm.numStates());
        case "lm_arcs" -> assertEquals(Integer.parseInt(f[1]), lm.numArcs());
        case "den_states" -> assertEquals(Integer.parseInt(f[1]), g.numStates());
        case "den_arcs" -> assertEquals(Integer.parseInt(f[1]), g.numArcs());
        case "lm_neglogprob" ->
            assertEquals(Double.parseDouble(f[1]), -lm.logProb(ids), 1e-7, line);
        case "den_path_neglogweight" ->
            assertEquals(Double.parseDouble(f[1]), -g.pathLogWeight(ids), 1e-7, line);
        case "neglogz" -> {
          List<String> rows = Files.readAllLines(resource("emissions.txt"));
          int v = units.size();
          float[] act = new float[rows.size() * v];
          for (int t = 0; t < rows.size(); t++) {
            String[] x = rows.get(t).split(" ");
            for (int k = 0; k < v; k++) {
              act[t * v + k] = (float) Double.parseDouble(x[k]);
            }
          }
          CtcCrfLoss.Detail d =
              new CtcCrfLoss(g, lm, 0.1, 1)
                  .computeDetail(
                      act,
                      1,
                      rows.size(),
                      v,
                      new int[] {rows.size()},
                      new int[][] {{1, 2}},
                      CtcLoss.Reduction.SUM);
          // emissions are float activations here: the tolerance covers their rounding
          assertEquals(Double.parseDouble(f[1]), -d.logZ()[0], 1e-5, line);
        }
        default -> throw new AssertionError("unknown golden " + line);
      }
      checked++;
    }
    assertEquals(19, checked);
  }

  @Test
  void graphWrittenAndReadBackComputesTheSameLoss() throws Exception {
    Units units = Units.read(resource("units.txt"));
    PhoneLm lm = estimate(units);
    DenominatorGraph g = DenominatorGraph.compose(lm);
    Path f = tmp.resolve("den.fst.txt");
    g.write(f);
    DenominatorGraph back = DenominatorGraph.read(f, units.size(), resource("units.txt"));
    assertEquals(g.numStates(), back.numStates());
    assertEquals(g.numArcs(), back.numArcs());
    float[] act = CtcCrfLossTest.randomActivations(new java.util.Random(4), 6 * 4, 1.0);
    int[][] tg = {{1, 2, 3}};
    double a =
        new CtcCrfLoss(g, lm, 0.1, 1)
            .compute(act, 1, 6, 4, new int[] {6}, tg, CtcLoss.Reduction.SUM)
            .loss();
    double b =
        new CtcCrfLoss(back, lm, 0.1, 1)
            .compute(act, 1, 6, 4, new int[] {6}, tg, CtcLoss.Reduction.SUM)
            .loss();
    assertEquals(a, b, 1e-12);
  }

  @Test
  void aGraphOfMoreUnitsIsAnErrorNamingBothFiles() throws Exception {
    Units units = Units.read(resource("units.txt"));
    DenominatorGraph g = DenominatorGraph.compose(estimate(units));
    Path f = tmp.resolve("den.fst.txt");
    g.write(f);
    Path small = tmp.resolve("units.txt");
    AsrInputException e =
        assertThrows(AsrInputException.class, () -> DenominatorGraph.read(f, 3, small));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(small.toString()));
  }
}

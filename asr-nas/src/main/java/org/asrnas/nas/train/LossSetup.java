package org.asrnas.nas.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.text.Units;
import org.asrnas.nas.ctc.CtcCrfLoss;
import org.asrnas.nas.ctc.CtcLoss;
import org.asrnas.nas.ctc.DenominatorGraph;
import org.asrnas.nas.ctc.PhoneLm;
import org.asrnas.nas.ctc.SequenceLoss;

/**
 * The trainer's loss from its config: CTC, or CTC-CRF with a phone LM estimated from the training
 * targets at the start of the run and written with its denominator graph into the run dir ({@value
 * #PHONE_LM}, {@value #DEN_GRAPH}); a resumed run reads both back, checked against the units.
 */
final class LossSetup {
  static final String PHONE_LM = "phone_lm.fst.txt";
  static final String DEN_GRAPH = "den.fst.txt";

  private LossSetup() {}

  static SequenceLoss create(
      TrainConfig cfg,
      Path out,
      boolean resume,
      Units units,
      Path unitsFile,
      List<Corpus.Item> train,
      TrainListener listener)
      throws IOException, AsrInputException {
    if (!cfg.ctcCrf()) {
      return new CtcLoss(cfg.threads());
    }
    Path lmFile = out.resolve(PHONE_LM);
    Path denFile = out.resolve(DEN_GRAPH);
    PhoneLm lm;
    DenominatorGraph den;
    if (resume && Files.exists(lmFile) && Files.exists(denFile)) {
      lm = PhoneLm.read(lmFile, units, unitsFile);
      den = DenominatorGraph.read(denFile, units.size(), unitsFile);
    } else {
      List<int[]> sentences = new ArrayList<>(train.size());
      for (Corpus.Item it : train) {
        sentences.add(it.targets());
      }
      lm =
          PhoneLm.estimate(
              sentences,
              units.size(),
              new PhoneLm.Options(
                  cfg.phoneLmOrder(), Math.min(3, cfg.phoneLmOrder()), cfg.phoneLmExtraStates()));
      den = DenominatorGraph.compose(lm);
      lm.write(lmFile, units);
      den.write(denFile);
    }
    listener.message(
        String.format(
            Locale.ROOT,
            "CTC-CRF (lambda %s): phone LM order %d, %d states, %d arcs (%s); denominator graph"
                + " %d states, %d arcs (%s)",
            cfg.crfLambda(),
            cfg.phoneLmOrder(),
            lm.numStates(),
            lm.numArcs(),
            lmFile,
            den.numStates(),
            den.numArcs(),
            denFile));
    return new CtcCrfLoss(den, lm, cfg.crfLambda(), cfg.threads());
  }
}

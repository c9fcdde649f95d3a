package org.asrnas.nas.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.nas.model.AcousticModel;

/**
 * Runs a trained model over a data dir's {@code feats.scp} (with the feature pipeline it was
 * trained with) and writes per-utterance log-probabilities (frames / subsampling, units) as {@code
 * logprobs.ark} + {@code logprobs.scp}, in {@code feats.scp} order.
 */
public final class Inference {
  private Inference() {}

  /**
   * @param model a {@code .model} file, or a run dir holding {@code final.model}
   * @param messages receives one line per skipped utterance (its id, file, offset and reason) and a
   *     count of them
   * @param progress called with the number of utterances done after each batch
   * @return the scp file written
   */
  public static Path run(
      Path model,
      Path dataDir,
      Path outDir,
      Device device,
      int batchFrames,
      IntConsumer progress,
      java.util.function.Consumer<String> messages)
      throws IOException, AsrInputException {
    Path file = Files.isDirectory(model) ? model.resolve("final.model") : model;
    if (!Files.exists(file)) {
      throw AsrInputException.inFile(file, "no trained model; train one with 'asr train' first");
    }
    try (NDManager manager = NDManager.newBaseManager(device)) {
      ModelFile.Loaded loaded = ModelFile.read(file, manager);
      TrainConfig cfg = loaded.config();
      Corpus loadedCorpus = Corpus.load(dataDir, loaded.units(), null, false, cfg.normVars());
      AcousticModel am = loaded.model();
      List<Corpus.Item> items = usable(loadedCorpus, cfg, am.spec().inputDim(), dataDir, messages);
      List<int[]> plan = Batch.plan(items, batchFrames);
      FloatMatrix[] outputs = new FloatMatrix[items.size()];
      int done = 0;
      for (int[] idx : plan) {
        Batch batch = Batch.of(items, idx, cfg.deltaOrder(), cfg.deltaWindow(), null, null);
        try (NDManager m = manager.newSubManager()) {
          NDArray x =
              m.create(batch.features(), new Shape(batch.size(), batch.maxFrames(), batch.dim()));
          AcousticModel.Output y = am.forward(x, batch.lengths(), false);
          NDArray lp = y.activations().logSoftmax(2);
          float[] host = lp.toFloatArray();
          int time = Math.toIntExact(lp.getShape().get(1));
          int units = Math.toIntExact(lp.getShape().get(2));
          for (int b = 0; b < batch.size(); b++) {
            int len = y.lengths()[b];
            float[] d = new float[len * units];
            System.arraycopy(host, b * time * units, d, 0, d.length);
            outputs[idx[b]] = new FloatMatrix(len, units, d);
          }
        }
        done += idx.length;
        progress.accept(done);
      }
      Files.createDirectories(outDir);
      Path scp = outDir.resolve("logprobs.scp");
      try (KaldiArchive.Writer w = new KaldiArchive.Writer(outDir.resolve("logprobs.ark"))) {
        for (int i = 0; i < outputs.length; i++) {
          w.write(items.get(i).id(), outputs[i]);
        }
        w.close();
        KaldiArchive.writeScp(scp, w.entries());
      }
      return scp;
    }
  }

  /**
   * The utterances whose feature dimension (with deltas) fits the model; an utterance the model
   * cannot take is skipped and named in {@code messages}, not the whole run.
   */
  private static List<Corpus.Item> usable(
      Corpus loadedCorpus,
      TrainConfig cfg,
      int inputDim,
      Path dataDir,
      java.util.function.Consumer<String> messages)
      throws AsrInputException {
    List<String> skipped = new ArrayList<>(loadedCorpus.skipped());
    List<Corpus.Item> usable = new ArrayList<>();
    for (Corpus.Item it : loadedCorpus.items()) {
      int dim = it.features().cols() * (cfg.deltaOrder() + 1);
      if (dim != inputDim) {
        skipped.add(
            Corpus.reason(
                it.id(),
                String.format(
                    Locale.ROOT,
                    "%d feature dims (%d with deltas of order %d), the model wants %d",
                    it.features().cols(),
                    dim,
                    cfg.deltaOrder(),
                    inputDim)));
      } else {
        usable.add(it);
      }
    }
    for (String s : skipped) {
      messages.accept("skipped " + s);
    }
    int total = skipped.size() + usable.size();
    if (usable.isEmpty()) {
      throw AsrInputException.inFile(
          dataDir.resolve("feats.scp"),
          "none of its " + total + " utterances could be used; see the skipped lines above");
    }
    if (!skipped.isEmpty()) {
      messages.accept(
          String.format(
              Locale.ROOT,
              "%d of %d utterances skipped, %d inferred",
              skipped.size(),
              total,
              usable.size()));
    }
    return usable;
  }
}

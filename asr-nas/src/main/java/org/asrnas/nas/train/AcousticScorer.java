package org.asrnas.nas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.DeviceSpec;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.text.Units;
import org.asrnas.nas.Devices;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.asrnas.nas.stream.ChunkedInference;

/**
 * A trained model loaded once for inference on one utterance at a time, in memory: the boundary
 * between engine-neutral callers (plain {@link FloatMatrix} in and out) and DJL. It owns the {@link
 * NDManager} of the weights; {@link #close()} releases that native memory. {@link #logProbs} is
 * synchronized (a DJL model is not safe for concurrent forward passes), so one instance may be
 * shared by threads, which then take turns on the network.
 */
public final class AcousticScorer implements AutoCloseable {
  private final Path file;
  private final NDManager manager;
  private final ModelFile.Loaded loaded;
  private boolean closed;

  private AcousticScorer(Path file, NDManager manager, ModelFile.Loaded loaded) {
    this.file = file;
    this.manager = manager;
    this.loaded = loaded;
  }

  /**
   * Loads a model.
   *
   * @param model a {@code .model} file, or a run dir holding {@code final.model}
   * @throws AsrInputException for a missing, truncated, corrupt or too new model file (naming it)
   * @throws IllegalArgumentException for a GPU that libtorch cannot see
   */
  public static AcousticScorer open(Path model, DeviceSpec device)
      throws IOException, AsrInputException {
    Checks.checkNotNull(model, "model");
    Checks.checkNotNull(device, "device");
    Path file = Files.isDirectory(model) ? model.resolve("final.model") : model;
    if (!Files.isRegularFile(file)) {
      throw AsrInputException.inFile(
          file,
          "no such model file; give the run directory of asr train or asr nas retrain (with"
              + " final.model), or its .model file");
    }
    NDManager manager = NDManager.newBaseManager(Devices.toDjl(device));
    try {
      return new AcousticScorer(file, manager, ModelFile.read(file, manager));
    } catch (IOException | AsrInputException | RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  /** The model file read. */
  public Path file() {
    return file;
  }

  /** The units of the output columns (blank = 0). */
  public Units units() {
    return loaded.units();
  }

  /** The feature pipeline stored in the model file (no fbank options for format 1 and 2). */
  public FeaturePipeline pipeline() {
    return loaded.pipeline();
  }

  public ArchitectureSpec spec() {
    return loaded.model().spec();
  }

  /** The model file's format version. */
  public int formatVersion() {
    return loaded.version();
  }

  /**
   * CTC log-probabilities of one utterance.
   *
   * @param input the network input, shape (frames, {@code spec().inputDim()}), from {@link
   *     FeaturePipeline#networkInput}
   * @return shape ({@code spec().outputLength(frames)}, units), natural-log softmax
   */
  public synchronized FloatMatrix logProbs(FloatMatrix input) {
    if (closed) {
      throw new IllegalStateException("the model " + file + " is closed");
    }
    ArchitectureSpec spec = spec();
    Checks.checkArgument(
        input.cols() == spec.inputDim(),
        "the input has %s columns, the network takes %s",
        input.cols(),
        spec.inputDim());
    Checks.checkArgument(input.rows() >= 1, "the input has no frames");
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(input.data(), new Shape(1, input.rows(), input.cols()));
      AcousticModel.Output y = loaded.model().forward(x, new int[] {input.rows()}, false);
      NDArray lp = y.activations().logSoftmax(2);
      int units = Math.toIntExact(lp.getShape().get(2));
      int len = y.lengths()[0];
      float[] host = lp.toFloatArray();
      float[] d = new float[len * units];
      System.arraycopy(host, 0, d, 0, d.length);
      return new FloatMatrix(len, units, d);
    }
  }

  /**
   * CTC log-probabilities of one utterance or segment, computed in chunks of {@code chunkFrames}
   * input frames ({@link ChunkedInference}) when the network has a finite receptive field (TDNN,
   * CNN), so that the network's memory is bounded by one window; a network with a BLSTM reads the
   * whole input at once ({@link #logProbs(FloatMatrix)}).
   *
   * @param input shape (frames, {@code spec().inputDim()}), at least one frame
   * @return shape ({@code spec().outputLength(frames)}, units)
   */
  public synchronized FloatMatrix logProbs(FloatMatrix input, int chunkFrames) {
    Checks.checkArgument(chunkFrames >= 1, "chunkFrames must be >= 1, got %s", chunkFrames);
    if (spec().receptiveField().isEmpty()) {
      return logProbs(input);
    }
    if (closed) {
      throw new IllegalStateException("the model " + file + " is closed");
    }
    Checks.checkArgument(input.rows() >= 1, "the input has no frames");
    return ChunkedInference.create(loaded.model(), manager, chunkFrames).logProbs(input);
  }

  /** Releases the weights' native memory; later calls of {@link #logProbs} fail. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }
}

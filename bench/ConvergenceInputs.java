// Java side of the input check of bench/convergence.sh (run by the single-file source launcher on
// the shaded jar's classpath): writes what `asr train` would feed the network, so that
// bench/convergence_torch.py --check can compare its own inputs with it.
//   OUT/java_order.txt   per epoch 1..EPOCHS: "epoch batch-index id,id,..." in training order
//   OUT/java_feats.txt   "id frames dims" of the first UTTS training utterances
//   OUT/java_feats.f32   their 120-dim inputs (CMVN + deltas, as Batch.of builds them), float32 LE
// Usage: java -cp asr.jar ConvergenceInputs.java TRAIN_DIR LANG_DIR CONFIG_JSON OUT EPOCHS UTTS
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asrnas.core.Seeds;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.nas.train.Batch;
import org.asrnas.nas.train.Corpus;
import org.asrnas.nas.train.TrainConfig;

public class ConvergenceInputs {
  public static void main(String[] a) throws Exception {
    Path train = Path.of(a[0]);
    Path lang = Path.of(a[1]);
    TrainConfig cfg = TrainConfig.fromJson(Files.readString(Path.of(a[2])));
    Path out = Path.of(a[3]);
    int epochs = Integer.parseInt(a[4]);
    int utts = Integer.parseInt(a[5]);
    Units units = Units.read(lang.resolve("units.txt"));
    Lexicon lexicon = Lexicon.read(lang.resolve("lexicon.txt"));
    Corpus c = Corpus.load(train, units, lexicon, true, cfg.normVars());
    List<Corpus.Item> items = c.items();
    List<int[]> plan = Batch.plan(items, cfg.batchFrames());
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("java_order.txt")))) {
      for (int e = 1; e <= epochs; e++) {
        List<int[]> batches = new ArrayList<>(plan);
        Random order = Seeds.random(cfg.seed(), "batch-order/" + e);
        Seeds.shuffle(batches, order);
        for (int b = 0; b < batches.size(); b++) {
          List<String> ids = new ArrayList<>();
          for (int i : batches.get(b)) {
            ids.add(items.get(i).id());
          }
          w.println(e + " " + b + " " + String.join(",", ids));
        }
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("java_feats.txt")))) {
      List<float[]> all = new ArrayList<>();
      int total = 0;
      for (int k = 0; k < Math.min(utts, items.size()); k++) {
        Batch b = Batch.of(items, new int[] {k}, cfg.deltaOrder(), cfg.deltaWindow(), null, null);
        w.println(b.ids().get(0) + " " + b.maxFrames() + " " + b.dim());
        all.add(b.features());
        total += b.features().length;
      }
      ByteBuffer buf = ByteBuffer.allocate(4 * total).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] f : all) {
        for (float v : f) {
          buf.putFloat(v);
        }
      }
      Files.write(out.resolve("java_feats.f32"), buf.array());
    }
  }
}

package org.asrnas.nas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.nas.model.AcousticModel;
import org.asrnas.nas.model.ArchitectureSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-utterance isolation of training and inference data (issue 17, item 2). */
class CorpusTest {
  @TempDir Path tmp;

  /**
   * A data dir whose archive has one matrix with a crafted row count (2^30+1: an OutOfMemoryError
   * of the whole run before), one with a NaN and one of another dimension.
   */
  private Path brokenData() throws Exception {
    Path data = tmp.resolve("data/train");
    TinyCorpus.write(data, tmp.resolve("data/lang"), 12, 5);
    List<KaldiArchive.ScpEntry> scp = KaldiArchive.readScp(data.resolve("feats.scp"));
    Path ark = data.resolve("feats.ark");
    byte[] b = Files.readAllBytes(ark);
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    bb.putInt((int) scp.get(2).offset() + 6, 1_073_741_825);
    bb.putFloat((int) scp.get(5).offset() + 15 + 4 * 3, Float.NaN);
    Files.write(ark, b);
    // another dimension: rewrite utterance 7 into a second archive
    Path other = data.resolve("other.ark");
    List<KaldiArchive.ScpEntry> entries = new ArrayList<>(scp);
    try (KaldiArchive.Writer w = new KaldiArchive.Writer(other)) {
      w.write(scp.get(7).key(), org.asrnas.core.io.FloatMatrix.zeros(20, 5));
      entries.set(7, w.entries().get(0));
    }
    KaldiArchive.writeScp(data.resolve("feats.scp"), entries);
    return data;
  }

  @Test
  void aBadFeatureMatrixSkipsOnlyItsUtteranceNamingTheFileAndOffset() throws Exception {
    Path data = brokenData();
    Path lang = tmp.resolve("data/lang");
    Corpus c =
        Corpus.load(
            data,
            Units.read(lang.resolve("units.txt")),
            Lexicon.read(lang.resolve("lexicon.txt")),
            true,
            false);
    // 12 utterances: 3 broken, 1 OOV (TinyCorpus's last)
    assertEquals(8, c.items().size(), c.skipped().toString());
    assertEquals(4, c.skipped().size(), c.skipped().toString());
    for (String s : c.skipped()) {
      assertTrue(s.length() <= 200, s);
    }
    String all = String.join("\n", c.skipped());
    assertTrue(all.contains("spk2-u002: ") && all.contains("feats.ark (byte "), all);
    assertTrue(all.contains("spk2-u005: ") && all.contains("NaN"), all);
    assertTrue(all.contains("spk1-u007: ") && all.contains("5 feature dims"), all);
  }

  @Test
  void inferenceSkipsAndNamesTheBadUtterancesAndWritesTheRest() throws Exception {
    Path data = brokenData();
    Path model = tmp.resolve("m.model");
    Units units = Units.read(tmp.resolve("data/lang/units.txt"));
    try (NDManager m = NDManager.newBaseManager()) {
      ArchitectureSpec spec = ArchitectureSpec.parse(TinyCorpus.MODEL_JSON).withUnits(units.size());
      ModelFile.write(
          model,
          AcousticModel.create(spec, m, 1),
          TrainConfig.defaults(),
          Units.of(units.symbols().subList(1, units.size())));
    }
    List<String> messages = new ArrayList<>();
    Path scp =
        Inference.run(model, data, tmp.resolve("lp"), Device.cpu(), 1000, n -> {}, messages::add);
    assertEquals(9, KaldiArchive.readScp(scp).size(), messages.toString());
    assertTrue(
        messages.stream().anyMatch(s -> s.startsWith("skipped spk2-u002: ")), messages.toString());
    assertTrue(
        messages.stream().anyMatch(s -> s.contains("3 of 12 utterances skipped")),
        messages.toString());
  }
}

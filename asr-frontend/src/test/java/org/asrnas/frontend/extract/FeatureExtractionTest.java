package org.asrnas.frontend.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Seeds;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.Utterance;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.features.Cmvn;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.frontend.features.FbankConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureExtractionTest {
  @TempDir Path tmp;

  @Test
  void extractsSkipsBadUtterancesAndResumes() throws Exception {
    Path data = tmp.resolve("data");
    TestDataDirs.make(data, 30, 3);
    // Break two utterances: a truncated file and a missing one.
    Path bad = data.resolve("wav/spk01-utt00004.wav");
    Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(bad), 100));
    Files.delete(data.resolve("wav/spk02-utt00005.wav"));
    Path out = tmp.resolve("fbank");
    FbankConfig cfg = FbankConfig.defaults();
    FeatureExtraction.Options o = new FeatureExtraction.Options(data, out, cfg, 2, 7, 4, false);
    FeatureExtraction.Result r = FeatureExtraction.run(o, FeatureExtraction.Progress.none());
    assertEquals(30, r.utterances());
    assertEquals(28, r.extracted());
    assertEquals(
        List.of("spk01-utt00004", "spk02-utt00005"),
        r.skipped().stream().map(FeatureExtraction.Skipped::utteranceId).toList());
    assertTrue(r.skipped().get(0).reason().contains("truncated"), r.skipped().get(0).reason());
    assertTrue(Files.readString(out.resolve("skipped.txt")).contains("does not exist"));

    // feats.scp: sorted, every entry the fbank of its audio with its own dither seed.
    List<KaldiArchive.ScpEntry> scp = KaldiArchive.readScp(out.resolve("feats.scp"));
    assertEquals(28, scp.size());
    DataDir d = DataDir.load(data);
    Map<String, Utterance> byId = new java.util.HashMap<>();
    d.utterances().forEach(u -> byId.put(u.id(), u));
    Fbank fbank = new Fbank(cfg);
    for (KaldiArchive.ScpEntry e : List.of(scp.get(0), scp.get(17))) {
      FloatMatrix expected =
          fbank.compute(AudioReader.read(byId.get(e.key())), Seeds.derive(7, "dither/" + e.key()));
      assertEquals(expected, KaldiArchive.read(e));
    }
    SortedMap<String, Integer> nf = FeatureExtraction.readNumFrames(out.resolve("utt2num_frames"));
    assertEquals(28, nf.size());
    long frames = nf.values().stream().mapToLong(Integer::longValue).sum();
    assertEquals(r.frames(), frames);

    // cmvn.scp: per speaker, the sum of that speaker's features.
    Map<String, Cmvn.CmvnStats> cmvn = Cmvn.read(out.resolve("cmvn.scp"));
    assertEquals(List.of("spk00", "spk01", "spk02"), List.copyOf(cmvn.keySet()));
    long spk0Frames =
        nf.entrySet().stream()
            .filter(x -> x.getKey().startsWith("spk00"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    assertEquals(spk0Frames, cmvn.get("spk00").count(), 0);
    Cmvn.CmvnStats global = Cmvn.read(out.resolve("cmvn_global.scp")).get("global");
    assertEquals(Cmvn.merge(List.copyOf(cmvn.values())), global);
    assertEquals(frames, global.count(), 0);

    // Rerun: every shard is finished, nothing is recomputed, same outputs.
    String featsScp = Files.readString(out.resolve("feats.scp"));
    FeatureExtraction.Result again = FeatureExtraction.run(o, FeatureExtraction.Progress.none());
    assertEquals(4, again.shardsResumed());
    assertEquals(featsScp, Files.readString(out.resolve("feats.scp")));
    // An interrupted shard (no scp) is redone, the others kept.
    Files.delete(out.resolve("feats.2.scp"));
    FeatureExtraction.Result partial = FeatureExtraction.run(o, FeatureExtraction.Progress.none());
    assertEquals(3, partial.shardsResumed());
    assertEquals(featsScp, Files.readString(out.resolve("feats.scp")));
    // Other options cannot resume into the same directory.
    FeatureExtraction.Options other =
        new FeatureExtraction.Options(data, out, cfg.withNumMelBins(80), 2, 7, 4, false);
    AsrInputException e =
        assertThrows(
            AsrInputException.class,
            () -> FeatureExtraction.run(other, FeatureExtraction.Progress.none()));
    assertTrue(e.getMessage().contains("another config"), e.getMessage());
  }

  @Test
  void wrongRateIsSkippedUnlessResamplingIsAllowed() throws Exception {
    Path data = tmp.resolve("d8");
    TestDataDirs.make(data, 2, 1);
    TestDataDirs.writeWav(data.resolve("wav/spk00-utt00000.wav"), 8000, 4000, 1);
    Path out = tmp.resolve("f8");
    FeatureExtraction.Result r =
        FeatureExtraction.run(
            new FeatureExtraction.Options(data, out, FbankConfig.defaults(), 1, 0, 0, false),
            FeatureExtraction.Progress.none());
    assertEquals(1, r.extracted());
    assertTrue(r.skipped().get(0).reason().contains("8000 Hz"));
    FeatureExtraction.Result rs =
        FeatureExtraction.run(
            new FeatureExtraction.Options(
                data, tmp.resolve("f8r"), FbankConfig.defaults(), 1, 0, 0, true),
            FeatureExtraction.Progress.none());
    assertEquals(2, rs.extracted());
  }

  @Test
  void segmentsOfTwoChannelMuLawSphereViaSph2pipe() throws Exception {
    Path sph = Path.of(getClass().getResource("/audio/ulaw_stereo8k.sph").toURI());
    Path data = tmp.resolve("swbd");
    Files.createDirectories(data);
    Files.write(
        data.resolve("wav.scp"),
        List.of(
            "recA sph2pipe -f wav -p -c 1 " + sph + " |",
            "recB sph2pipe -f wav -p -c 2 " + sph + " |"));
    Files.write(
        data.resolve("segments"),
        List.of("recA-000 recA 0.0 0.15", "recA-001 recA 0.15 0.3", "recB-000 recB 0.05 0.37"));
    Files.write(
        data.resolve("utt2spk"), List.of("recA-000 recA", "recA-001 recA", "recB-000 recB"));
    Files.write(data.resolve("spk2utt"), List.of("recA recA-000 recA-001", "recB recB-000"));
    FbankConfig cfg =
        FbankConfig.defaults().withSampleFrequency(8000).withNumMelBins(23).withDither(0);
    FeatureExtraction.Result r =
        FeatureExtraction.run(
            new FeatureExtraction.Options(data, tmp.resolve("f"), cfg, 2, 0, 0, false),
            FeatureExtraction.Progress.none());
    assertEquals(3, r.extracted(), r.skipped().toString());
    Fbank fbank = new Fbank(cfg);
    Map<String, FloatMatrix> feats = KaldiArchive.readAll(tmp.resolve("f/feats.1.ark"));
    for (Utterance u : FeatureExtraction.load(data).utterances()) {
      assertEquals(fbank.compute(AudioReader.read(u), 0), feats.get(u.id()), u.id());
    }
    // 0.15 s at 8 kHz = 1200 samples: 1 + (1200 - 200) / 80 = 13 frames
    assertEquals(13, feats.get("recA-000").rows());
    assertEquals(2, Cmvn.read(tmp.resolve("f/cmvn.scp")).size());
  }
}

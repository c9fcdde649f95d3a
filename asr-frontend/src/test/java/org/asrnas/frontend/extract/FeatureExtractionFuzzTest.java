package org.asrnas.frontend.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.frontend.audio.FuzzCorpus;
import org.asrnas.frontend.extract.FeatureExtraction.Skipped;
import org.asrnas.frontend.features.FbankConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run {@code asr features} does, over a data directory of mutated audio generated at test time
 * ({@link FuzzCorpus}): it finishes normally, every valid file has features, and every other file
 * has features or a line in {@code skipped.txt}. Some entries are {@code sph2pipe -c 1} pipes (read
 * natively) and some {@code cat FILE |} shell pipes.
 */
class FeatureExtractionFuzzTest {
  @TempDir Path tmp;

  /** Writes the corpus as a data dir; returns the ids of the valid files. */
  static Set<String> dataDir(Path dir, List<FuzzCorpus.Mutant> corpus, long seed)
      throws IOException {
    Path files = Files.createDirectories(dir.resolve("files"));
    Random r = new Random(seed);
    List<String> wav = new ArrayList<>();
    List<String> u2s = new ArrayList<>();
    Set<String> valid = new HashSet<>();
    for (int i = 0; i < corpus.size(); i++) {
      FuzzCorpus.Mutant m = corpus.get(i);
      String id = String.format(Locale.ROOT, "%s%05d", m.valid() ? "ok" : "fz", i);
      Path f = files.resolve(id + ".audio");
      Files.write(f, m.bytes());
      boolean stereo = m.name().contains("2ch");
      String spec;
      if (stereo && (m.valid() || r.nextInt(3) > 0)) {
        spec = "sph2pipe -f wav -p -c 1 " + f + " |";
      } else if (r.nextInt(40) == 0) {
        spec = "cat " + f + " |";
      } else {
        spec = f.toString();
      }
      wav.add(id + " " + spec);
      u2s.add(id + " " + id);
      if (m.valid()) {
        valid.add(id);
      }
    }
    wav.sort(null);
    u2s.sort(null);
    Files.write(dir.resolve("wav.scp"), wav);
    Files.write(dir.resolve("utt2spk"), u2s);
    Files.write(dir.resolve("spk2utt"), u2s);
    return valid;
  }

  static void runAndCheck(Path tmp, List<FuzzCorpus.Mutant> corpus, long seed) throws Exception {
    Path data = tmp.resolve("data");
    Set<String> valid = dataDir(data, corpus, seed);
    Path out = tmp.resolve("fbank");
    FeatureExtraction.Result r =
        FeatureExtraction.run(
            new FeatureExtraction.Options(
                data, out, FbankConfig.defaults().withDither(0), 2, 1, 0, true),
            FeatureExtraction.Progress.none());
    Set<String> featurised = new HashSet<>();
    for (KaldiArchive.ScpEntry e : KaldiArchive.readScp(out.resolve("feats.scp"))) {
      featurised.add(e.key());
    }
    assertTrue(featurised.containsAll(valid), "a valid file was not featurised: " + r.skipped());
    assertEquals(corpus.size(), r.utterances());
    assertEquals(corpus.size(), featurised.size() + r.skipped().size());
    List<String> lines = Files.readAllLines(out.resolve("skipped.txt"));
    assertEquals(r.skipped().size(), lines.size());
    for (Skipped s : r.skipped()) {
      assertFalse(featurised.contains(s.utteranceId()), s.toString());
      assertTrue(
          !s.reason().isEmpty() && s.reason().length() <= FeatureExtraction.MAX_REASON_CHARS,
          s.toString());
      // Every reason names the file (or the wav.scp entry of a shell pipe).
      assertTrue(s.reason().contains(s.utteranceId()), s.toString());
      assertFalse(s.reason().contains("unexpected"), "not an input error: " + s);
    }
    System.out.printf(
        Locale.ROOT,
        "FeatureExtractionFuzzTest: %d files, %d featurised, %d skipped%n",
        corpus.size(),
        featurised.size(),
        r.skipped().size());
  }

  @Test
  void threeHundredMutantsFinishTheRunAndEveryFileIsFeaturisedOrNamed() throws Exception {
    List<FuzzCorpus.Mutant> corpus = new ArrayList<>(FuzzCorpus.seeds());
    corpus.addAll(FuzzCorpus.mutants(2024, 300));
    runAndCheck(tmp, corpus, 2024);
  }

  @Test
  @Tag("slow")
  void thousandsOfMutants() throws Exception {
    List<FuzzCorpus.Mutant> corpus = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      corpus.addAll(FuzzCorpus.seeds());
    }
    corpus.addAll(FuzzCorpus.mutants(4096, Integer.getInteger("asr.fuzz.mutants", 2500)));
    runAndCheck(tmp, corpus, 4096);
  }

  /**
   * Writes the corpus of {@link #thousandsOfMutants} as a data dir under {@code
   * -Dasr.fuzz.export=DIR} ({@code DIR/data}, its audio in {@code DIR/data/files}, the valid ids in
   * {@code DIR/valid.txt}) for the command-line check {@code scripts/reliability/fuzz_cli.sh};
   * skipped otherwise.
   */
  @Test
  @EnabledIfSystemProperty(named = "asr.fuzz.export", matches = ".+")
  void exportForTheCommandLineCheck() throws Exception {
    Path dir = Path.of(System.getProperty("asr.fuzz.export"));
    List<FuzzCorpus.Mutant> corpus = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      corpus.addAll(FuzzCorpus.seeds());
    }
    corpus.addAll(FuzzCorpus.mutants(4096, Integer.getInteger("asr.fuzz.mutants", 2500)));
    Set<String> valid = dataDir(dir.resolve("data"), corpus, 4096);
    Files.write(dir.resolve("valid.txt"), valid.stream().sorted().toList());
  }
}

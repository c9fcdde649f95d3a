package org.asrnas.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.asrnas.frontend.audio.SphereHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real synthesisers (skipped where the recipe packages are not installed: {@code
 * scripts/install-deps.sh --recipe}) and checks the two promises of the stand-in corpora: 16 kHz
 * mono SPHERE output and byte-identical files for the same plan.
 */
class SpeechSynthesizerIT {
  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyEngineWritesReproducibleSphere(@TempDir Path tmp) throws Exception {
    assumeTrue(
        onPath("sox") && onPath("espeak-ng") && onPath("flite") && onPath("festival"),
        "recipe packages not installed");
    assumeTrue(Files.isDirectory(Path.of("/usr/share/festival/voices/english/kal_diphone")));
    Prompt p = new Prompt("tr000001", "THE CAT SAT ON THE MAT", "The cat sat on the mat.");
    List<SynthUtterance> utts =
        List.of(
            new SynthUtterance(
                "t001_a",
                new Speaker(
                    "t001", new Voice(Voice.Engine.ESPEAK, "en-us+m3", "m3"), 1.1, 40, 1.05, -3),
                p,
                0.2,
                0.3),
            new SynthUtterance(
                "t002_a",
                new Speaker(
                    "t002", new Voice(Voice.Engine.FLITE, "awb", "awb"), 0.9, 110, 0.94, -2),
                p,
                0.1,
                0.1),
            new SynthUtterance(
                "t003_a",
                new Speaker(
                    "t003",
                    new Voice(Voice.Engine.FESTIVAL, "kal_diphone", "kal"),
                    1.0,
                    120,
                    0.95,
                    -1),
                p,
                0.1,
                0.2),
            new SynthUtterance(
                "t004_a",
                new Speaker(
                    "t004",
                    new Voice(Voice.Engine.FESTIVAL, "cmu_us_slt_arctic_hts", "slt"),
                    1.0,
                    200,
                    1.03,
                    -2),
                p,
                0.1,
                0.2));
    byte[][] first = new byte[utts.size()][];
    for (int run = 0; run < 2; run++) {
      Path out = tmp.resolve("run" + run);
      SpeechSynthesizer s =
          new SpeechSynthesizer(
              new SpeechSynthesizer.Options(
                  2, SpeechSynthesizer.Options.sphere16k(), List.of(), out.resolve("tmp")));
      Map<String, Double> d = s.synthesize(utts, u -> out.resolve(u.id() + ".sph"), m -> {});
      for (int i = 0; i < utts.size(); i++) {
        Path f = out.resolve(utts.get(i).id() + ".sph");
        SphereHeader h = SphereHeader.read(f);
        assertEquals(16000L, h.integer("sample_rate").orElseThrow());
        assertEquals(1L, h.integer("channel_count").orElse(1L));
        double dur = d.get(utts.get(i).id());
        assertTrue(dur > 1.0 && dur < 4.0, "duration " + dur);
        byte[] bytes = Files.readAllBytes(f);
        if (run == 0) {
          first[i] = bytes;
        } else {
          assertArrayEquals(first[i], bytes, "byte-reproducible: " + f);
        }
      }
    }
  }
}

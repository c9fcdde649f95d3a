package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.DataDirValidator;
import org.asrnas.corpus.FakeLdc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the recipes' LDC preparation scripts ({@code recipes/wsj/local/wsj_data_prep.sh}, {@code
 * recipes/swbd/local/swbd_data_prep.sh}) on fake LDC trees with the real layout, with the asr
 * command of the classes just built, and checks the data directories they leave.
 */
class LdcScriptsIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static Path launcher(Path dir) throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path f = dir.resolve("asr");
    Files.writeString(
        f,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -cp '"
            + cp
            + "' org.asrnas.cli.AsrCommand \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    return f;
  }

  private static String run(Path asr, List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("ASR_BIN", asr.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "script finished");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private static DataDir valid(Path dir) throws Exception {
    var r = DataDirValidator.validate(dir);
    assertTrue(r.isValid(), r.problems().toString());
    return r.dataDir().orElseThrow();
  }

  @Test
  void wsjPreparationScript(@TempDir Path tmp) throws Exception {
    FakeLdc.wsj(tmp.resolve("ldc"));
    Path data = tmp.resolve("data");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "bash",
                "recipes/wsj/local/wsj_data_prep.sh",
                "--wsj0",
                tmp.resolve("ldc/LDC93S6B").toString(),
                "--wsj1",
                tmp.resolve("ldc/LDC94S13B").toString(),
                "--data",
                data.toString()));
    String out = run(launcher(tmp), cmd);
    assertTrue(out.contains("train_si284: 3 utterances"), out);
    assertEquals(
        "THE <NOISE> COMPANY'S SHARES ROSE",
        valid(data.resolve("train_si284")).text().get("01ic0201"));
    assertEquals(2, valid(data.resolve("test_eval92")).utt2spk().size());
    assertEquals(1, valid(data.resolve("test_dev93")).utt2spk().size());
    assertEquals(3, Files.readAllLines(data.resolve("local/lm/text")).size(), "LM text = train");
    assertTrue(run(launcher(tmp), cmd).contains("already prepared"), "re-run skips");
  }

  @Test
  void switchboardPreparationScript(@TempDir Path tmp) throws Exception {
    FakeLdc.swbd(tmp.resolve("ldc"));
    Path data = tmp.resolve("data");
    String out =
        run(
            launcher(tmp),
            List.of(
                "bash",
                "recipes/swbd/local/swbd_data_prep.sh",
                "--swbd",
                tmp.resolve("ldc/LDC97S62").toString(),
                "--eval2000",
                tmp.resolve("ldc/LDC2002S09").toString(),
                "--eval2000-text",
                tmp.resolve("ldc/LDC2002T43").toString(),
                "--data",
                data.toString(),
                "--train-dev-utts",
                "2"));
    assertTrue(out.contains("train_dev: 2 utterances; train_nodup: 3 utterances"), out);
    valid(data.resolve("train"));
    assertEquals(2, valid(data.resolve("train_dev")).utt2spk().size());
    assertEquals(9, valid(data.resolve("train_nodup_sp")).utt2spk().size(), "3 speeds x 3");
    DataDir eval = valid(data.resolve("eval2000"));
    assertEquals(3, eval.utt2spk().size());
    assertTrue(
        Files.exists(data.resolve("eval2000/stm")) && Files.exists(data.resolve("eval2000/glm")));
  }
}

package org.asrnas.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.DataDirValidator;
import org.asrnas.frontend.audio.SphereHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LdcPreparationTest {
  private static DataDir valid(Path dir) throws Exception {
    var r = DataDirValidator.validate(dir);
    assertTrue(r.isValid(), r.problems().toString());
    assertTrue(r.warnings().isEmpty(), "audio files exist: " + r.warnings());
    return r.dataDir().orElseThrow();
  }

  @Test
  void wsjSetsFromTheFakeLdcTree(@TempDir Path tmp) throws Exception {
    FakeLdc.wsj(tmp.resolve("ldc"));
    Path data = tmp.resolve("data");
    WsjLdc.Summary s =
        WsjLdc.prepare(List.of(tmp.resolve("ldc/LDC93S6B"), tmp.resolve("ldc/LDC94S13B")), data);
    assertEquals(Map.of("train_si284", 3, "test_dev93", 1, "test_eval92", 2), s.utterances());
    assertEquals(1, s.warnings().size(), "01ic0299 is indexed but missing: " + s.warnings());
    assertTrue(s.warnings().get(0).contains("01ic0299.wv1"));

    DataDir train = valid(data.resolve("train_si284"));
    assertEquals(List.of("01ic0201", "01ic0202", "46uc030b"), List.copyOf(train.text().keySet()));
    assertFalse(train.utt2spk().containsKey("401c0201"), "speaker 401 is excluded");
    assertEquals("THE <NOISE> COMPANY'S SHARES ROSE", train.text().get("01ic0201"));
    assertEquals("ANALYSTS SAID ,COMMA THE STOCK FELL", train.text().get("01ic0202"));
    assertEquals("PRICES CLIMBED SHARPLY", train.text().get("46uc030b"));
    assertEquals("01i", train.utt2spk().get("01ic0201"));
    assertTrue(train.wavScp().get("46uc030b").path().endsWith("46UC030B.WV1"), "upper-case disc");
    assertTrue(train.wavScp().get("01ic0201").path().endsWith("01ic0201.wv1"));
    assertTrue(Path.of(train.wavScp().get("01ic0201").path()).isAbsolute());

    DataDir eval = valid(data.resolve("test_eval92"));
    assertEquals("BONDS FELL .PERIOD", eval.text().get("440c0201"));
    assertEquals("STOCKS ROSE", eval.text().get("440c0202"));
    assertEquals("TRADING WAS LIGHT", valid(data.resolve("test_dev93")).text().get("4k0c0301"));
  }

  @Test
  void missingDiscIsNamed(@TempDir Path tmp) throws Exception {
    FakeLdc.wsj(tmp.resolve("ldc"));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> WsjLdc.prepare(List.of(tmp.resolve("ldc/LDC93S6B")), tmp.resolve("data")));
    assertTrue(e.getMessage().contains("13-34.1"), e.getMessage());
  }

  @Test
  void switchboardAndEval2000FromTheFakeLdcTree(@TempDir Path tmp) throws Exception {
    FakeLdc.swbd(tmp.resolve("ldc"));
    Path data = tmp.resolve("data");
    SwbdLdc.Summary t =
        SwbdLdc.prepareTrain(
            tmp.resolve("ldc/LDC97S62"),
            tmp.resolve("ldc/LDC97S62/swb_ms98_transcriptions"),
            data.resolve("train"));
    assertEquals(5, t.utterances());
    assertEquals(3, t.recordings());
    assertEquals(1, t.warnings().size(), "sw02006 has no audio: " + t.warnings());
    DataDir train = valid(data.resolve("train"));
    assertEquals(
        "HI UM YEAH I'D LIKE TO TALK ABOUT HOW YOU DRESS FOR WORK <NOISE>",
        train.text().get("sw02001-A_000098-001156"));
    assertEquals("SP- YUPPIE UM <SPN>", train.text().get("sw02001-A_001156-001420"));
    assertEquals("UH-HUH", train.text().get("sw02001-B_000000-000250"));
    assertEquals("BUCKET -BOUT", train.text().get("sw02001-B_000300-000425"));
    assertEquals(11.56, train.segments().get("sw02001-A_000098-001156").endSeconds(), 1e-9);
    assertEquals("sw02001-B", train.utt2spk().get("sw02001-B_000300-000425"));
    String b = train.wavScp().get("sw02001-B").spec();
    assertTrue(b.startsWith("sph2pipe -f wav -p -c 2 ") && b.endsWith("sw02001.sph |"), b);
    assertEquals("B", train.reco2FileAndChannel().get("sw02001-B").channel());
    assertEquals("sw02001", train.reco2FileAndChannel().get("sw02001-B").fileName());

    SwbdLdc.Summary v =
        SwbdLdc.prepareEval2000(
            tmp.resolve("ldc/LDC2002S09"), tmp.resolve("ldc/LDC2002T43"), data.resolve("eval2000"));
    assertEquals(3, v.utterances(), "the IGNORE_TIME_SEGMENT_IN_SCORING segment is left out");
    DataDir eval = valid(data.resolve("eval2000"));
    // awk truncates 100 x 32.48 = 3247.999...: the ids Kaldi makes.
    assertEquals("HE IS A POLICE OFFICER", eval.text().get("en_4156-A_003018-003247"));
    assertEquals("UH-HUH RIGHT", eval.text().get("en_4156-B_003300-003550"));
    assertEquals("YES", eval.text().get("sw_4390-B_000250-000310"));
    String stm = Files.readString(data.resolve("eval2000/stm"));
    assertTrue(stm.contains("<O,en,M,en-M> (UH-HUH))  RIGHT"), "Kaldi's (( and aside fixes");
    assertTrue(Files.exists(data.resolve("eval2000/glm")));

    Path sph = tmp.resolve("ldc/LDC97S62/swb1_d1/data/sw02001.sph");
    SphereHeader h = SphereHeader.read(sph);
    assertEquals(8000L, h.integer("sample_count").orElseThrow());
    assertEquals(8000L, h.integer("sample_rate").orElseThrow());
    assertEquals(2L, h.integer("channel_count").orElseThrow());
    assertEquals("ulaw", h.string("sample_coding").orElseThrow());
    assertEquals(1.0, h.durationSeconds(sph), 1e-12);
    DataDir dev = SwbdSets.first(train, 2);
    assertEquals(2, dev.utt2spk().size());
  }

  @Test
  void ms98WordMapping() {
    assertEquals(Optional.empty(), SwbdLdc.mapWord("[silence]"));
    assertEquals(Optional.of("<NOISE>"), SwbdLdc.mapWord("[laughter]"));
    assertEquals(Optional.of("YES"), SwbdLdc.mapWord("[laughter-yes]"));
    assertEquals(Optional.of("TH-"), SwbdLdc.mapWord("th[ey]-"));
    assertEquals(Optional.of("AT&T"), SwbdLdc.mapWord("at&t"));
  }
}

package org.asrnas.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Small fake LDC trees with the real layout (disc folders, index files, dot files, MS98
 * transcripts, pem/stm files) and tiny SPHERE files, so preparation code runs in tests exactly as
 * on the real corpora.
 */
public final class FakeLdc {
  private FakeLdc() {}

  /** A minimal NIST SPHERE file: 1024-byte header and {@code samples} zero samples. */
  public static void sphere(Path file, int rateHz, int channels, String coding, int samples)
      throws IOException {
    int bytes = coding.equals("ulaw") ? 1 : 2;
    String fields =
        String.format(
            Locale.ROOT,
            "sample_count -i %d\nsample_n_bytes -i %d\nchannel_count -i %d\n"
                + "sample_byte_format -s%d %s\nsample_rate -i %d\nsample_coding -s%d %s\nend_head\n",
            samples,
            bytes,
            channels,
            bytes,
            bytes == 1 ? "1" : "01",
            rateHz,
            coding.length(),
            coding);
    StringBuilder h = new StringBuilder("NIST_1A\n   1024\n").append(fields);
    while (h.length() < 1024) {
      h.append(' ');
    }
    Files.createDirectories(file.getParent());
    byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[1024 + samples * bytes * channels];
    System.arraycopy(head, 0, out, 0, 1024);
    Files.write(file, out);
  }

  private static void write(Path f, String s) throws IOException {
    Files.createDirectories(f.getParent());
    Files.writeString(f, s, StandardCharsets.ISO_8859_1);
  }

  /**
   * WSJ0 and WSJ1 under {@code root/LDC93S6B} and {@code root/LDC94S13B}: two training speakers
   * (01i in WSJ0, 46u in WSJ1, the latter with upper-case file names as disc 13-16.1), speaker 401
   * (excluded from training), one dev93 and one eval92 speaker.
   */
  public static void wsj(Path root) throws IOException {
    Path w0 = root.resolve("LDC93S6B");
    Path w1 = root.resolve("LDC94S13B");
    write(
        w0.resolve("11-13.1/wsj0/doc/indices/train/tr_s_wv1.ndx"),
        ";\n; training index (fake)\n;\n11_2_1:wsj0/si_tr_s/01i/01ic0201.wv1\n"
            + "11_2_1:wsj0/si_tr_s/01i/01ic0202.wv1\n11_2_1:wsj0/si_tr_s/401/401c0201.wv1\n"
            + "11_2_1:wsj0/si_tr_s/01i/01ic0299.wv1\n");
    write(
        w0.resolve("11-13.1/wsj0/doc/indices/test/nvp/si_et_20.ndx"),
        "; eval92\n11_14_1:wsj0/si_et_20/440/440c0201\n11_14_1:wsj0/si_et_20/440/440c0202\n");
    sphere(w0.resolve("11-2.1/wsj0/si_tr_s/01i/01ic0201.wv1"), 16000, 1, "pcm", 160);
    sphere(w0.resolve("11-2.1/wsj0/si_tr_s/01i/01ic0202.wv1"), 16000, 1, "pcm", 160);
    sphere(w0.resolve("11-2.1/wsj0/si_tr_s/401/401c0201.wv1"), 16000, 1, "pcm", 160);
    sphere(w0.resolve("11-14.1/wsj0/si_et_20/440/440c0201.wv1"), 16000, 1, "pcm", 160);
    sphere(w0.resolve("11-14.1/wsj0/si_et_20/440/440c0202.wv1"), 16000, 1, "pcm", 160);
    write(
        w0.resolve("11-4.1/wsj0/transcrp/dots/si_tr_s/01i/01ic02.dot"),
        "The [loud_breath] company's <shares> rose ~ . (01ic0201)\n"
            + "Analysts said ,COMMA the [door_slam/] stock *fell* (01ic0202)\n");
    write(
        w0.resolve("11-4.1/wsj0/transcrp/dots/si_tr_s/401/401c02.dot"),
        "Speaker four oh one (401c0201)\n");
    write(
        w0.resolve("11-14.1/wsj0/transcrp/dots/si_et_20/440/440c02.dot"),
        "Bonds fell .PERIOD (440c0201)\nStocks rose [<paper_rustle] (440c0202)\n");
    write(
        w1.resolve("13-34.1/wsj1/doc/indices/si_tr_s.ndx"),
        ";; wsj1 training\n13_16_1: wsj1/si_tr_s/46u/46uc030b.wv1\n");
    write(
        w1.resolve("13-34.1/wsj1/doc/indices/h1_p0.ndx"),
        ";; dev93\n13_16_1:wsj1/si_dt_20/4k0/4k0c0301.wv1\n");
    sphere(w1.resolve("13-16.1/WSJ1/SI_TR_S/46U/46UC030B.WV1"), 16000, 1, "pcm", 160);
    sphere(w1.resolve("13-16.1/wsj1/si_dt_20/4k0/4k0c0301.wv1"), 16000, 1, "pcm", 160);
    write(
        w1.resolve("13-34.1/wsj1/trans/wsj1/si_tr_s/46u/46uc03.dot"),
        "Prices climbed !sharply (46uc030b)\n");
    write(
        w1.resolve("13-34.1/wsj1/trans/wsj1/si_dt_20/4k0/4k0c03.dot"),
        "Trading was :light (4k0c0301)\n");
  }

  /**
   * Switchboard under {@code root/LDC97S62} (two conversations, MS98 transcripts beside them) and
   * eval2000 under {@code root/LDC2002S09} and {@code root/LDC2002T43}.
   */
  public static void swbd(Path root) throws IOException {
    Path sw = root.resolve("LDC97S62");
    sphere(sw.resolve("swb1_d1/data/sw02001.sph"), 8000, 2, "ulaw", 8000);
    sphere(sw.resolve("swb1_d2/data/sw02005.sph"), 8000, 2, "ulaw", 8000);
    Path ms = sw.resolve("swb_ms98_transcriptions");
    write(
        ms.resolve("20/2001/sw2001A-ms98-a-trans.text"),
        "sw2001A-ms98-a-0001 0.000000 0.977625 [silence]\n"
            + "sw2001A-ms98-a-0002 0.977625 11.561375 hi um yeah i'd like to talk about "
            + "[laughter-how] you dress for work [noise]\n"
            + "sw2001A-ms98-a-0003 11.561375 14.2 sp[ecial]- {yuppie} um_1 [vocalized-noise]\n");
    write(
        ms.resolve("20/2001/sw2001B-ms98-a-trans.text"),
        "sw2001B-ms98-a-0001 0.000000 2.5 <b_aside> uh-huh <e_aside>\n"
            + "sw2001B-ms98-a-0002 3.0 4.25 [bocket/bucket] -[a]bout\n");
    write(ms.resolve("20/2005/sw2005A-ms98-a-trans.text"), "sw2005A-ms98-a-0001 0.5 1.5 yeah\n");
    write(
        ms.resolve("20/2006/sw2006A-ms98-a-trans.text"),
        "sw2006A-ms98-a-0001 0.5 1.5 no audio for this one\n");
    Path s = root.resolve("LDC2002S09/hub5e_00");
    sphere(s.resolve("english/en_4156.sph"), 8000, 2, "ulaw", 8000);
    sphere(s.resolve("english/sw_4390.sph"), 8000, 2, "ulaw", 8000);
    write(
        s.resolve("english/hub5e_00.pem"),
        ";; pem\nen_4156 A unknown 30.185 32.48\nen_4156 B unknown 33.0 35.5\n"
            + "sw_4390 A unknown 1.0 2.0\nsw_4390 B unknown 2.5 3.1\n");
    Path t = root.resolve("LDC2002T43/reference");
    write(
        t.resolve("hub5e00.english.000405.stm"),
        ";; stm\nen_4156 A en_4156_A 30.185 32.48 <O,en,F,en-F> HE IS A (%HESITATION) POLICE"
            + " OFFICER\nen_4156 B en_4156_B 33.0 35.5 <O,en,M,en-M> ((UH-HUH)) <B_ASIDE> RIGHT\n"
            + "sw_4390 A sw_4390_A 1.0 2.0 <O,en,F,en-F> IGNORE_TIME_SEGMENT_IN_SCORING\n"
            + "sw_4390 B sw_4390_B 2.5 3.1 <O,en,M,en-M> YES\n");
    write(t.resolve("en20000405_hub5.glm"), ";; glm\n[UH-HUH] => %HESITATION / [ ] __ [ ]\n");
  }
}

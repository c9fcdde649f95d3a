package org.asrnas.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.asrnas.core.Seeds;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.FileAndChannel;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.WavEntry;
import org.asrnas.frontend.audio.SphereHeader;

/**
 * Builds the Switchboard-style stand-in: synthesises every turn of a {@link SwbdPlan} at 8 kHz in
 * the telephone band (sox {@code highpass 300 lowpass 3400}), lays the turns out on a timeline
 * (gaps, overlaps, backchannels inside the other side's turn), adds crosstalk (each channel hears
 * the other 20 to 30 dB down) and a pink noise floor, and writes two-channel mu-law SPHERE files
 * ({@code AUDIO/<set>/<conv>.sph}). Data directories follow Kaldi's Switchboard recipe: recordings
 * are conversation sides {@code <conv>-A}/{@code -B} read as channel 1/2 through {@code sph2pipe -f
 * wav -p -c N} entries (understood natively by the frontend), speakers are sides, utterance ids are
 * {@code <side>_<start cs>-<end cs>}, with {@code segments}, {@code reco2file_and_channel} and, for
 * evaluation sets, an {@code stm} reference.
 */
public final class SwbdStandIn {
  static final int RATE_HZ = 8000;

  private SwbdStandIn() {}

  /** A turn placed on the timeline. */
  record Placed(SwbdPlan.Turn turn, double start, double end) {}

  /** Synthesises every set of the plan and writes {@code dataRoot/<set>}. */
  public static List<WsjStandIn.SetSummary> build(
      SwbdPlan plan, long seed, Path dataRoot, Path audioRoot, int jobs, Consumer<String> log)
      throws IOException {
    List<WsjStandIn.SetSummary> out = new ArrayList<>();
    Path turnsDir = audioRoot.resolve("turns").toAbsolutePath().normalize();
    SpeechSynthesizer synth =
        new SpeechSynthesizer(
            new SpeechSynthesizer.Options(
                jobs,
                List.of("-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "sph"),
                List.of("highpass", "300", "lowpass", "3400"),
                audioRoot.resolve("tmp")));
    NoiseBank floor = NoiseBank.generate(seed, RATE_HZ, 30, List.of());
    for (String set : plan.setNames()) {
      Path audio = audioRoot.resolve(set).toAbsolutePath().normalize();
      long t0 = System.nanoTime();
      synthesizeMissingTurns(plan, set, audio, turnsDir, synth, log);
      SetTables tables = new SetTables();
      for (SwbdPlan.Conversation c : plan.conversations(set)) {
        Path sph = audio.resolve(c.id() + ".sph");
        List<Placed> placed = conversation(c, audio, turnsDir, floor, seed);
        tables.addSides(c, sph);
        tables.addTurns(c, placed);
      }
      logEngineShares(plan, set, audio, log);
      tables.write(dataRoot.resolve(set));
      log.accept(
          String.format(Locale.ROOT, "%s: built in %.1f s", set, (System.nanoTime() - t0) / 1e9));
      out.add(tables.summary(plan, set));
    }
    Files.deleteIfExists(turnsDir);
    Files.deleteIfExists(audioRoot.resolve("tmp"));
    return out;
  }

  /** Synthesises the turns of every conversation of the set whose audio is not yet assembled. */
  private static void synthesizeMissingTurns(
      SwbdPlan plan,
      String set,
      Path audio,
      Path turnsDir,
      SpeechSynthesizer synth,
      Consumer<String> log)
      throws IOException {
    List<SynthUtterance> todo = new ArrayList<>();
    for (SwbdPlan.Conversation c : plan.conversations(set)) {
      if (!Files.exists(audio.resolve(c.id() + ".sph"))) {
        c.turns().forEach(t -> todo.add(t.utterance()));
      }
    }
    synth.synthesize(todo, u -> turnsDir.resolve(u.id() + ".sph"), m -> log.accept(set + ": " + m));
  }

  /**
   * The conversation's turns on its timeline: read from the timeline file of an assembled
   * conversation, or placed, assembled into its two-channel SPHERE file and written; the turn files
   * are deleted either way.
   */
  private static List<Placed> conversation(
      SwbdPlan.Conversation c, Path audio, Path turnsDir, NoiseBank floor, long seed)
      throws IOException {
    Path sph = audio.resolve(c.id() + ".sph");
    Path timeline = audio.resolve(c.id() + ".timeline");
    List<Placed> placed;
    if (Files.exists(sph) && Files.exists(timeline)) {
      placed = readTimeline(c, timeline);
    } else {
      placed = place(c, turnsDir);
      assemble(c, placed, turnsDir, floor, seed, sph);
      List<String> lines = new ArrayList<>();
      for (Placed p : placed) {
        lines.add(
            String.format(
                Locale.ROOT, "%s %.4f %.4f", p.turn().utterance().id(), p.start(), p.end()));
      }
      KaldiTables.writeLinesAtomically(timeline, lines);
    }
    for (SwbdPlan.Turn t : c.turns()) {
      Files.deleteIfExists(turnsDir.resolve(t.utterance().id() + ".sph"));
    }
    return placed;
  }

  /** Logs which engines speak what share of the set's placed speech. */
  private static void logEngineShares(SwbdPlan plan, String set, Path audio, Consumer<String> log)
      throws IOException {
    List<SynthUtterance> placedUtts = new ArrayList<>();
    java.util.Map<String, Double> placedDur = new java.util.HashMap<>();
    for (SwbdPlan.Conversation c : plan.conversations(set)) {
      Path tl = audio.resolve(c.id() + ".timeline");
      for (Placed p : readTimeline(c, tl)) {
        placedUtts.add(p.turn().utterance());
        placedDur.put(p.turn().utterance().id(), p.end() - p.start());
      }
    }
    log.accept(set + ": " + WsjStandIn.engineShares(placedUtts, placedDur));
  }

  /** The Kaldi tables and stm of one set, filled conversation by conversation. */
  private static final class SetTables {
    final SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    final SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
    final SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
    final SortedMap<String, Segment> segs = new TreeMap<>(KaldiOrder.IDS);
    final SortedMap<String, FileAndChannel> r2f = new TreeMap<>(KaldiOrder.IDS);
    final SortedMap<String, String> spk2voice = new TreeMap<>(KaldiOrder.IDS);
    final SortedMap<String, String> utt2prompt = new TreeMap<>(KaldiOrder.IDS);
    final List<String> stm = new ArrayList<>();
    double seconds = 0;

    /** One recording per side (channel 1 = A, 2 = B) with its speaker's voice. */
    void addSides(SwbdPlan.Conversation c, Path sph) {
      for (String side : List.of("A", "B")) {
        String reco = c.id() + "-" + side;
        int ch = side.equals("A") ? 1 : 2;
        wav.put(reco, new WavEntry(reco, SwbdLdc.sph2pipeCommand(sph.toString(), ch)));
        r2f.put(reco, new FileAndChannel(reco, c.id(), side));
        Speaker s = side.equals("A") ? c.a() : c.b();
        String d = s.describe();
        spk2voice.put(reco, d.substring(d.indexOf(' ') + 1));
      }
    }

    /** One segment per turn, widened by 50 ms each side within the conversation. */
    void addTurns(SwbdPlan.Conversation c, List<Placed> placed) {
      double total = placed.stream().mapToDouble(Placed::end).max().orElse(0) + 1.0;
      for (Placed p : placed) {
        String reco = c.id() + "-" + p.turn().side();
        double st = Math.max(0, p.start() - 0.05);
        double en = Math.min(total, p.end() + 0.05);
        String utt =
            String.format(
                Locale.ROOT, "%s_%06d-%06d", reco, Math.round(st * 100), Math.round(en * 100));
        String words = p.turn().utterance().prompt().transcript();
        segs.put(utt, new Segment(utt, reco, round2(st), round2(en)));
        text.put(utt, words);
        utt2spk.put(utt, reco);
        utt2prompt.put(utt, p.turn().utterance().prompt().id());
        seconds += en - st;
        stm.add(
            String.format(
                Locale.ROOT,
                "%s %s %s %.2f %.2f <O> %s",
                c.id(),
                p.turn().side(),
                reco,
                round2(st),
                round2(en),
                stmTranscript(words)));
      }
    }

    /** Writes the data directory, spk2voice, utt2prompt and the stm sorted as sclite wants. */
    void write(Path dir) throws IOException {
      new DataDir(wav, text, utt2spk, segs, r2f).write(dir);
      KaldiTables.writeTable(dir.resolve("spk2voice"), spk2voice);
      // Which prompt each utterance reads, so LM text can leave out what a dev set holds.
      KaldiTables.writeTable(dir.resolve("utt2prompt"), utt2prompt);
      stm.sort(
          Comparator.comparing((String l) -> l.split(" ")[0])
              .thenComparing(l -> l.split(" ")[1])
              .thenComparingDouble(l -> Double.parseDouble(l.split(" ")[3])));
      List<String> stmLines = new ArrayList<>();
      stmLines.add(";; stand-in reference, made by asr corpus synth-swbd");
      stmLines.addAll(stm);
      KaldiTables.writeLinesAtomically(dir.resolve("stm"), stmLines);
    }

    WsjStandIn.SetSummary summary(SwbdPlan plan, String set) {
      return new WsjStandIn.SetSummary(
          set,
          utt2spk.size(),
          spk2voice.size(),
          (int)
              plan.conversations(set).stream()
                  .flatMap(c -> java.util.stream.Stream.of(c.a(), c.b()))
                  .map(s -> s.voice().key())
                  .distinct()
                  .count(),
          seconds / 3600);
    }
  }

  /** Reads the timeline kept beside a finished conversation, so a resumed run needs no turns. */
  private static List<Placed> readTimeline(SwbdPlan.Conversation c, Path file) throws IOException {
    java.util.Map<String, SwbdPlan.Turn> byId = new java.util.HashMap<>();
    c.turns().forEach(t -> byId.put(t.utterance().id(), t));
    List<Placed> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split(" ");
      SwbdPlan.Turn t = byId.get(f[0]);
      if (f.length != 3 || t == null) {
        throw new IOException(
            file + ": line '" + line + "' does not match the plan; delete the audio directory");
      }
      out.add(new Placed(t, Double.parseDouble(f[1]), Double.parseDouble(f[2])));
    }
    return out;
  }

  /**
   * The transcript as LDC's eval2000 STM (LDC2002T43) writes it: the hesitations {@code UH} and
   * {@code UM} become {@code (%HESITATION)}, optionally deletable. Kaldi's Switchboard scoring (and
   * {@code asr score --stm --ctm --switchboard}) drops fillers from the CTM only, so a reference
   * with bare {@code UH}/{@code UM} would count every hesitation as a deletion; the data dir's
   * {@code text} keeps the words as spoken.
   */
  public static String stmTranscript(String words) {
    StringBuilder b = new StringBuilder(words.length() + 16);
    for (String w : words.trim().split("\\s+")) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(w.equalsIgnoreCase("UH") || w.equalsIgnoreCase("UM") ? "(%HESITATION)" : w);
    }
    return b.toString();
  }

  private static double round2(double x) {
    return Math.round(x * 100) / 100.0;
  }

  /**
   * Timeline: a main turn starts after the previous main turn plus its gap (negative gaps overlap)
   * and never before its own side has finished; a backchannel starts at its fraction of the
   * previous main turn and is dropped when it would not end 0.3 s before that turn does.
   */
  static List<Placed> place(SwbdPlan.Conversation c, Path turnsDir) throws IOException {
    List<Placed> out = new ArrayList<>();
    double lastEndA = 0.5;
    double lastEndB = 0.5;
    Placed lastMain = null;
    for (SwbdPlan.Turn t : c.turns()) {
      double dur = durationOf(turnsDir.resolve(t.utterance().id() + ".sph"));
      double sideEnd = t.side().equals("A") ? lastEndA : lastEndB;
      double start;
      if (t.backchannel()) {
        if (lastMain == null) {
          continue;
        }
        start = lastMain.start() + t.atFraction() * (lastMain.end() - lastMain.start());
        if (start < sideEnd + 0.2 || start + dur > lastMain.end() - 0.3) {
          continue;
        }
      } else {
        start = lastMain == null ? 0.5 : lastMain.end() + t.gapSeconds();
        start = Math.max(start, sideEnd + 0.2);
      }
      Placed p = new Placed(t, start, start + dur);
      out.add(p);
      if (t.side().equals("A")) {
        lastEndA = p.end();
      } else {
        lastEndB = p.end();
      }
      if (!t.backchannel()) {
        lastMain = p;
      }
    }
    return out;
  }

  private static double durationOf(Path sph) throws IOException {
    try {
      return SphereHeader.read(sph).durationSeconds(sph);
    } catch (org.asrnas.core.AsrInputException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void assemble(
      SwbdPlan.Conversation c,
      List<Placed> placed,
      Path turnsDir,
      NoiseBank floor,
      long seed,
      Path out)
      throws IOException {
    double total = placed.stream().mapToDouble(Placed::end).max().orElse(0) + 1.0;
    int n = (int) Math.ceil(total * RATE_HZ);
    float[][] clean = new float[2][n];
    for (Placed p : placed) {
      Path f = turnsDir.resolve(p.turn().utterance().id() + ".sph");
      short[] s = SoxAudio.readMono(new WavEntry("x", f.toString()), RATE_HZ);
      int ch = p.turn().side().equals("A") ? 0 : 1;
      int off = (int) Math.round(p.start() * RATE_HZ);
      for (int i = 0; i < s.length && off + i < n; i++) {
        clean[ch][off + i] += s[i];
      }
    }
    Random r = Seeds.random(seed, "corpus.swbd.mix." + c.id());
    short[] inter = new short[2 * n];
    for (int ch = 0; ch < 2; ch++) {
      double cross = Math.pow(10, -(20 + 10 * r.nextDouble()) / 20);
      double noiseRms = 32768 * Math.pow(10, -(45 + 10 * r.nextDouble()) / 20);
      float[] pink = floor.signal("pink");
      int noff = r.nextInt(pink.length);
      for (int i = 0; i < n; i++) {
        double v =
            clean[ch][i] + cross * clean[1 - ch][i] + noiseRms * pink[(noff + i) % pink.length];
        inter[2 * i + ch] =
            (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
      }
    }
    SoxAudio.writeSphere(inter, 2, RATE_HZ, true, out);
  }
}

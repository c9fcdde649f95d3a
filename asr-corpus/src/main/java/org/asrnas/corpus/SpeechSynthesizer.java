package org.asrnas.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.asrnas.core.Checks;
import org.asrnas.core.io.AtomicFiles;
import org.asrnas.corpus.Voice.Engine;
import org.asrnas.frontend.audio.SphereHeader;

/**
 * Runs the synthesisers for planned utterances: espeak-ng and flite once per utterance (text from a
 * file, so no text is ever parsed as an option), festival once per speaker in batch mode (its
 * start-up costs ten times a sentence). Every waveform then goes through {@code sox -R} (no random
 * dither, so output is byte-reproducible) for the speaker's warp (and pitch shift where the engine
 * cannot set F0, see {@link Speaker}) and gain, the silences, the output format and any extra
 * effects. Files that already exist are kept, so a run can be resumed.
 */
public final class SpeechSynthesizer {
  /**
   * Output format and parallelism.
   *
   * @param jobs parallel workers (one speaker per task)
   * @param soxOutput sox output options, e.g. {@code -r 16000 -c 1 -b 16 -e signed-integer -t sph}
   * @param extraEffects sox effects after gain and padding (e.g. telephone band)
   * @param workDir scratch directory for intermediate waveforms
   */
  public record Options(int jobs, List<String> soxOutput, List<String> extraEffects, Path workDir) {
    public Options {
      Checks.checkInRange(jobs, 1, 256, "jobs");
      soxOutput = List.copyOf(soxOutput);
      extraEffects = List.copyOf(extraEffects);
      Checks.checkNotNull(workDir, "workDir");
    }

    /** 16 kHz mono 16-bit PCM NIST SPHERE (the WSJ {@code .wv1} layout). */
    public static List<String> sphere16k() {
      return List.of("-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "sph");
    }
  }

  /**
   * Mean F0 in Hz (measured by autocorrelation on a test sentence) of the recorded voices whose F0
   * the engine does not set, keyed by {@link Voice#key()}: their {@link Speaker#pitch()} becomes a
   * sox pitch shift from this value.
   */
  public static final Map<String, Double> SOX_F0_HZ =
      Map.of("flite:rms", 107.0, "festival:cmu_us_slt_arctic_hts", 185.0);

  private final Options options;

  public SpeechSynthesizer(Options options) {
    this.options = options;
  }

  /**
   * Synthesises every utterance to {@code outPath.apply(u)} and returns its duration in seconds
   * (read back from the SPHERE header, or from the file size for raw output).
   */
  public Map<String, Double> synthesize(
      List<SynthUtterance> utts, Function<SynthUtterance, Path> outPath, Consumer<String> log)
      throws IOException {
    Map<String, List<SynthUtterance>> bySpeaker = new LinkedHashMap<>();
    for (SynthUtterance u : utts) {
      bySpeaker.computeIfAbsent(u.speaker().id(), k -> new ArrayList<>()).add(u);
    }
    Files.createDirectories(options.workDir());
    AtomicInteger done = new AtomicInteger();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(options.jobs());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (List<SynthUtterance> group : bySpeaker.values()) {
        futures.add(
            pool.submit(
                () -> {
                  try {
                    runSpeaker(group, outPath);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  int n = done.addAndGet(group.size());
                  double s = (System.nanoTime() - t0) / 1e9;
                  double rate = n / Math.max(s, 1e-9);
                  log.accept(
                      String.format(
                          Locale.ROOT,
                          "synthesised %d/%d utterances (%.1f s, %.1f utt/s, ETA %.0f s)",
                          n,
                          utts.size(),
                          s,
                          rate,
                          (utts.size() - n) / rate));
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("synthesis interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException("synthesis failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Map<String, Double> durations = new LinkedHashMap<>();
    for (SynthUtterance u : utts) {
      durations.put(u.id(), duration(outPath.apply(u)));
    }
    return durations;
  }

  private double duration(Path file) throws IOException {
    if (options.soxOutput().contains("sph")) {
      try {
        return SphereHeader.read(file).durationSeconds(file);
      } catch (org.asrnas.core.AsrInputException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return Double.NaN;
  }

  private void runSpeaker(List<SynthUtterance> group, Function<SynthUtterance, Path> outPath)
      throws IOException {
    List<SynthUtterance> todo = new ArrayList<>();
    for (SynthUtterance u : group) {
      if (!Files.exists(outPath.apply(u))) {
        todo.add(u);
      }
    }
    if (todo.isEmpty()) {
      return;
    }
    Speaker spk = todo.get(0).speaker();
    Path tmp = options.workDir().resolve(spk.id());
    Files.createDirectories(tmp);
    if (spk.voice().engine() == Engine.FESTIVAL) {
      festivalBatch(todo, tmp);
    }
    for (SynthUtterance u : todo) {
      Path wav = tmp.resolve(u.id() + ".wav");
      if (spk.voice().engine() != Engine.FESTIVAL) {
        Path txt = tmp.resolve(u.id() + ".txt");
        Files.writeString(txt, u.prompt().spoken() + "\n", StandardCharsets.UTF_8);
        Processes.run(engineCommand(u, txt, wav), null, null);
      }
      Path out = outPath.apply(u);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Path part = out.resolveSibling(out.getFileName() + ".part");
      Processes.run(soxCommand(u, wav, part), null, null);
      AtomicFiles.replace(part, out);
      Files.deleteIfExists(wav);
      Files.deleteIfExists(tmp.resolve(u.id() + ".txt"));
    }
    Files.deleteIfExists(tmp.resolve("batch.scm"));
    Files.deleteIfExists(tmp);
  }

  /** The synthesiser command for espeak-ng or flite. */
  static List<String> engineCommand(SynthUtterance u, Path text, Path wav) {
    Speaker s = u.speaker();
    return switch (s.voice().engine()) {
      case ESPEAK ->
          List.of(
              "espeak-ng",
              "-v",
              s.voice().name(),
              "-s",
              Integer.toString((int) Math.round(175 * s.rate())),
              "-p",
              Integer.toString(s.pitch()),
              "-w",
              wav.toString(),
              "-f",
              text.toString());
      case FLITE -> {
        List<String> c = new ArrayList<>(List.of("flite", "-voice", s.voice().name(), "--setf"));
        c.add(String.format(Locale.ROOT, "duration_stretch=%.3f", 1 / s.rate()));
        if (engineF0(s)) {
          c.add("--setf");
          c.add(String.format(Locale.ROOT, "int_f0_target_mean=%.1f", s.pitch() / s.warp()));
        }
        c.addAll(List.of("-f", text.toString(), "-o", wav.toString()));
        yield List.copyOf(c);
      }
      case FESTIVAL -> throw new IllegalArgumentException("festival runs in batch mode");
    };
  }

  /** The festival batch script of one speaker's utterances. */
  static String festivalScript(List<SynthUtterance> utts, Path tmp) {
    Speaker s = utts.get(0).speaker();
    StringBuilder sb = new StringBuilder();
    sb.append("(voice_").append(s.voice().name()).append(")\n");
    sb.append(String.format(Locale.ROOT, "(Parameter.set 'Duration_Stretch %.3f)\n", 1 / s.rate()));
    if (engineF0(s)) {
      // The diphone voices' linear-regression intonation: its target mean and spread (the voices'
      // own are 105 and 14-15 Hz); the model's statistics stay as the voices define them.
      double f0 = s.pitch() / s.warp();
      sb.append(
          String.format(
              Locale.ROOT,
              "(set! int_lr_params (list (list 'target_f0_mean %.1f) (list 'target_f0_std %.1f)"
                  + " (list 'model_f0_mean 170) (list 'model_f0_std 34)))\n",
              f0,
              0.14 * f0));
    }
    for (SynthUtterance u : utts) {
      String text = u.prompt().spoken().replace("\\", "\\\\").replace("\"", "\\\"");
      String wav = tmp.resolve(u.id() + ".wav").toAbsolutePath().toString();
      sb.append("(utt.save.wave (utt.synth (Utterance Text \"")
          .append(text)
          .append("\")) \"")
          .append(wav.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\" 'riff)\n");
    }
    return sb.toString();
  }

  private void festivalBatch(List<SynthUtterance> utts, Path tmp) throws IOException {
    Path scm = tmp.resolve("batch.scm");
    Files.writeString(scm, festivalScript(utts, tmp), StandardCharsets.UTF_8);
    Processes.run(List.of("festival", "-b", scm.toAbsolutePath().toString()), null, null);
    for (SynthUtterance u : utts) {
      if (!Files.exists(tmp.resolve(u.id() + ".wav"))) {
        throw new IOException(
            "festival wrote no audio for "
                + u.id()
                + " (voice "
                + u.speaker().voice().name()
                + "); is its Debian package installed (scripts/install-deps.sh --recipe)?");
      }
    }
  }

  /** Whether the engine itself sets the speaker's F0 ({@link Speaker#pitch()} in Hz). */
  static boolean engineF0(Speaker s) {
    return s.voice().engine() != Engine.ESPEAK
        && s.pitch() > 0
        && !SOX_F0_HZ.containsKey(s.voice().key());
  }

  /** The sox pitch shift in cents: the warp, plus the F0 shift of voices in {@link #SOX_F0_HZ}. */
  static long soxCents(Speaker s) {
    double cents = 1200 * Math.log(s.warp()) / Math.log(2);
    Double base = SOX_F0_HZ.get(s.voice().key());
    if (base != null && s.pitch() > 0) {
      cents += 1200 * Math.log(s.pitch() / base) / Math.log(2);
    }
    return Math.round(cents);
  }

  /** The sox command: warp and pitch shift, gain, silences, format, extra effects. */
  List<String> soxCommand(SynthUtterance u, Path wav, Path out) {
    List<String> c = new ArrayList<>();
    c.add("sox");
    c.add("-R");
    c.add(wav.toString());
    c.addAll(options.soxOutput());
    c.add(out.toString());
    Speaker s = u.speaker();
    long cents = soxCents(s);
    if (cents != 0) {
      c.add("pitch");
      c.add(Long.toString(cents));
    }
    c.add("gain");
    c.add(String.format(Locale.ROOT, "%.2f", s.gainDb()));
    c.add("pad");
    c.add(String.format(Locale.ROOT, "%.3f", u.leadSeconds()));
    c.add(String.format(Locale.ROOT, "%.3f", u.tailSeconds()));
    c.addAll(options.extraEffects());
    return c;
  }
}

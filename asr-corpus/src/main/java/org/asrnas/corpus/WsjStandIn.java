package org.asrnas.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.data.WavEntry;

/**
 * Builds the WSJ-style stand-in corpus: synthesises a {@link WsjPlan} into 16 kHz mono NIST SPHERE
 * files ({@code AUDIO/<set>/<speaker>/<utt>.sph}) and writes one Kaldi data directory per set
 * ({@code wav.scp}, {@code text}, {@code utt2spk}, {@code spk2utt}, plus {@code utt2dur} and {@code
 * spk2voice}, which records the voice, person and rate/pitch/warp/gain of each speaker) and logs
 * each set's engine shares.
 */
public final class WsjStandIn {
  private WsjStandIn() {}

  /** Sizes of one written set. */
  public record SetSummary(String set, int utterances, int speakers, int voices, double hours) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%s: %d utterances, %d speakers, %d voices, %.3f hours",
          set,
          utterances,
          speakers,
          voices,
          hours);
    }
  }

  /** Synthesises every set of the plan and writes {@code dataRoot/<set>}. */
  public static List<SetSummary> build(
      WsjPlan plan, Path dataRoot, Path audioRoot, int jobs, Consumer<String> log)
      throws IOException {
    List<SetSummary> out = new ArrayList<>();
    SpeechSynthesizer synth =
        new SpeechSynthesizer(
            new SpeechSynthesizer.Options(
                jobs, SpeechSynthesizer.Options.sphere16k(), List.of(), audioRoot.resolve("tmp")));
    for (String set : plan.setNames()) {
      List<SynthUtterance> utts = plan.utterances(set);
      if (utts.isEmpty()) {
        continue;
      }
      Path audio = audioRoot.resolve(set).toAbsolutePath().normalize();
      long t0 = System.nanoTime();
      Map<String, Double> dur =
          synth.synthesize(
              utts,
              u -> audio.resolve(u.speaker().id()).resolve(u.id() + ".sph"),
              m -> log.accept(set + ": " + m));
      log.accept(
          String.format(
              Locale.ROOT, "%s: synthesis took %.1f s", set, (System.nanoTime() - t0) / 1e9));
      log.accept(set + ": " + engineShares(utts, dur));
      out.add(
          writeDataDir(
              utts,
              dataRoot.resolve(set),
              u -> audio.resolve(u.speaker().id()).resolve(u.id() + ".sph"),
              dur,
              set));
    }
    java.nio.file.Files.deleteIfExists(audioRoot.resolve("tmp"));
    return out;
  }

  /**
   * The share of each engine in utterances and in seconds of speech, e.g. {@code engine shares
   * (utterances / speech): espeak 33.3% / 30.1%, flite ...}.
   */
  public static String engineShares(List<SynthUtterance> utts, Map<String, Double> durations) {
    java.util.Map<Voice.Engine, double[]> m = new java.util.EnumMap<>(Voice.Engine.class);
    double seconds = 0;
    for (SynthUtterance u : utts) {
      double d = durations.getOrDefault(u.id(), 0.0);
      d = Double.isNaN(d) ? 0 : d;
      double[] a = m.computeIfAbsent(u.speaker().voice().engine(), k -> new double[2]);
      a[0]++;
      a[1] += d;
      seconds += d;
    }
    StringBuilder sb = new StringBuilder("engine shares (utterances / speech):");
    String sep = " ";
    for (Voice.Engine e : Voice.Engine.values()) {
      double[] a = m.getOrDefault(e, new double[2]);
      sb.append(
          String.format(
              Locale.ROOT,
              "%s%s %.1f%% / %.1f%%",
              sep,
              e.name().toLowerCase(Locale.ROOT),
              100 * a[0] / Math.max(1, utts.size()),
              100 * a[1] / Math.max(1e-9, seconds)));
      sep = ", ";
    }
    return sb.toString();
  }

  /** Writes the Kaldi tables of synthesised utterances. */
  static SetSummary writeDataDir(
      List<SynthUtterance> utts,
      Path dir,
      java.util.function.Function<SynthUtterance, Path> audio,
      Map<String, Double> durations,
      String set)
      throws IOException {
    SortedMap<String, WavEntry> wav = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> text = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> utt2spk = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> utt2dur = new TreeMap<>(KaldiOrder.IDS);
    SortedMap<String, String> spk2voice = new TreeMap<>(KaldiOrder.IDS);
    java.util.Set<String> voices = new java.util.HashSet<>();
    double seconds = 0;
    for (SynthUtterance u : utts) {
      wav.put(u.id(), new WavEntry(u.id(), audio.apply(u).toString()));
      text.put(u.id(), u.prompt().transcript());
      utt2spk.put(u.id(), u.speaker().id());
      double d = durations.getOrDefault(u.id(), Double.NaN);
      utt2dur.put(u.id(), String.format(Locale.ROOT, "%.3f", d));
      seconds += d;
      String desc = u.speaker().describe();
      spk2voice.put(u.speaker().id(), desc.substring(desc.indexOf(' ') + 1));
      voices.add(u.speaker().voice().key());
    }
    new DataDir(wav, text, utt2spk, new TreeMap<>(), new TreeMap<>()).write(dir);
    KaldiTables.writeTable(dir.resolve("utt2dur"), utt2dur);
    KaldiTables.writeTable(dir.resolve("spk2voice"), spk2voice);
    return new SetSummary(set, utts.size(), spk2voice.size(), voices.size(), seconds / 3600);
  }
}

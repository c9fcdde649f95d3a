import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.asrnas.core.DeviceSpec;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.Utterance;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.text.Lexicon;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.CtcAlignment;
import org.asrnas.decoder.Span;
import org.asrnas.decoder.Spans;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.audio.Resampler;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.nas.train.AcousticScorer;
import org.asrnas.recognizer.Recognizer;
import org.asrnas.recognizer.Result;
import org.asrnas.recognizer.Word;

/**
 * Checks the word times of issue 15 on real audio: utterances of a test data dir are concatenated
 * in groups (with a pause between them, offsets known), each group is recognised as one recording
 * by the {@link Recognizer} (lexicon + LM), and its word times are compared with (a) the source
 * utterances' spans: every word must fall inside the utterance its midpoint lies in, and (b) a
 * forced alignment: each source utterance on its own through the same model, CTC Viterbi-aligned
 * to its reference phones (the lexicon's first pronunciation), word midpoints shifted by the
 * utterance's offset; the share of matched words whose midpoints are within 0.1 s.
 *
 * <p>Usage: java -cp asr-cli/target/asr.jar scripts/experiments/CtmTimes.java MODEL LEXICON LM
 * DATA_DIR [GROUPS] [PER_GROUP] [PAUSE_SECONDS]; prints a summary and writes nothing.
 */
public class CtmTimes {
  public static void main(String[] a) throws Exception {
    Path model = Path.of(a[0]);
    Path lexiconFile = Path.of(a[1]);
    Path lm = Path.of(a[2]);
    DataDir data = DataDir.load(Path.of(a[3]));
    int groups = a.length > 4 ? Integer.parseInt(a[4]) : 20;
    int perGroup = a.length > 5 ? Integer.parseInt(a[5]) : 5;
    double pause = a.length > 6 ? Double.parseDouble(a[6]) : 0.5;
    Lexicon lexicon = Lexicon.read(lexiconFile).firstPronunciationOnly();
    List<Utterance> utts = data.utterances();
    try (Recognizer rec =
            Recognizer.builder().setModel(model).optLexicon(lexiconFile).optLm(lm).build();
        AcousticScorer scorer = AcousticScorer.open(model, DeviceSpec.parse("cpu"))) {
      int rate = rec.sampleRateHz();
      double shift = rec.frameShiftSeconds();
      Units units = rec.units();
      Fbank fbank = new Fbank(rec.pipeline().frontend().orElseThrow().withDither(0));
      int words = 0;
      int inside = 0;
      int outsideAny = 0;
      Spans.Agreement agreement = new Spans.Agreement(0, 0, 0);
      double maxOffsetError = 0;
      double audioSeconds = 0;
      long nanos = 0;
      for (int g = 0; g < groups && (g + 1) * perGroup <= utts.size(); g++) {
        List<float[]> parts = new ArrayList<>();
        double[] start = new double[perGroup];
        double[] end = new double[perGroup];
        List<String> refWords = new ArrayList<>();
        List<Span> refSpans = new ArrayList<>();
        int length = 0;
        int gap = (int) Math.round(pause * rate);
        for (int i = 0; i < perGroup; i++) {
          Utterance u = utts.get(g * perGroup + i);
          Audio audio = AudioReader.read(u.audio()).channel(0);
          float[] x =
              audio.sampleRateHz() == rate
                  ? audio.samples()
                  : Resampler.resample(audio, rate).samples();
          length += gap;
          start[i] = length / (double) rate;
          parts.add(x);
          length += x.length;
          end[i] = length / (double) rate;
          // the reference: this utterance alone, forced-aligned to its transcript's phones
          FloatMatrix lp = scorer.logProbs(rec.pipeline().networkInput(fbank.compute(x, 0L)));
          List<String> w = Arrays.asList(u.transcript().orElse("").strip().split("\\s+"));
          List<String> phones = new ArrayList<>();
          int[] perWord = new int[w.size()];
          boolean known = true;
          for (int k = 0; k < w.size(); k++) {
            if (!lexicon.contains(w.get(k))) {
              known = false;
              break;
            }
            List<String> p = lexicon.pronunciations(w.get(k)).get(0);
            phones.addAll(p);
            perWord[k] = p.size();
          }
          if (!known) {
            continue;
          }
          CtcAlignment.Result al = CtcAlignment.align(lp, units.encode(phones));
          int offsetFrames = (int) Math.round(start[i] / shift);
          maxOffsetError = Math.max(maxOffsetError, Math.abs(offsetFrames * shift - start[i]));
          for (Span s : al.wordSpans(perWord)) {
            refSpans.add(
                new Span(
                    s.startFrame() + offsetFrames, s.endFrame() + offsetFrames, s.confidence()));
          }
          refWords.addAll(w);
        }
        length += gap;
        float[] all = new float[length];
        int at = 0;
        for (float[] x : parts) {
          at += gap;
          System.arraycopy(x, 0, all, at, x.length);
          at += x.length;
        }
        long t0 = System.nanoTime();
        Result r = rec.recognize(Audio.mono(rate, all), "group" + g);
        nanos += System.nanoTime() - t0;
        audioSeconds += length / (double) rate;
        List<String> hypWords = new ArrayList<>();
        List<Span> hypSpans = new ArrayList<>();
        for (Word w : r.words()) {
          words++;
          double mid = (w.startSeconds() + w.endSeconds()) / 2;
          int owner = -1;
          for (int i = 0; i < perGroup; i++) {
            if (mid >= start[i] && mid <= end[i]) {
              owner = i;
            }
          }
          if (owner < 0) {
            outsideAny++;
          } else if (w.startSeconds() >= start[owner] - 1e-6 && w.endSeconds() <= end[owner] + 1e-6) {
            inside++;
          }
          hypWords.add(w.text());
          int s = (int) Math.round(w.startSeconds() / shift);
          int e = Math.max(s + 1, (int) Math.round(w.endSeconds() / shift));
          hypSpans.add(new Span(s, e, Math.max(0, Math.min(1, w.confidence()))));
        }
        agreement =
            agreement.plus(
                Spans.midpointAgreement(hypWords, hypSpans, refWords, refSpans, 0.1 / shift));
      }
      System.out.printf(
          Locale.ROOT,
          "groups of %d utterances, %.2f s pauses, %.1f s of audio, RTF %.3f%n",
          perGroup,
          pause,
          audioSeconds,
          nanos / 1e9 / audioSeconds);
      System.out.printf(
          Locale.ROOT,
          "hypothesis words: %d; inside their source utterance: %d (%.2f%%); midpoint in a pause: %d%n",
          words,
          inside,
          100.0 * inside / Math.max(1, words),
          outsideAny);
      System.out.printf(
          Locale.ROOT,
          "forced alignment: %d reference words, %d matched, %d with midpoints within 0.1 s"
              + " (%.2f%%); offset rounding <= %.3f s%n",
          agreement.referenceTokens(),
          agreement.matched(),
          agreement.within(),
          100 * agreement.withinShare(),
          maxOffsetError);
    }
  }
}

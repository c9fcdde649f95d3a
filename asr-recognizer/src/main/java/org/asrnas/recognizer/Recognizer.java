package org.asrnas.recognizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.DeviceSpec;
import org.asrnas.core.Seeds;
import org.asrnas.core.io.BoundedInputStream;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.CtcDecoder;
import org.asrnas.decoder.DecoderSetup;
import org.asrnas.decoder.Hypothesis;
import org.asrnas.decoder.LexiconDecoder;
import org.asrnas.decoder.PrefixBeamDecoder;
import org.asrnas.decoder.Span;
import org.asrnas.decoder.lm.ArpaModel;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.frontend.audio.Resampler;
import org.asrnas.frontend.audio.SampleFormat;
import org.asrnas.frontend.endpoint.SpeechSegment;
import org.asrnas.frontend.features.Fbank;
import org.asrnas.frontend.features.FbankConfig;
import org.asrnas.frontend.stream.AudioStreams;
import org.asrnas.frontend.stream.SegmentedFeatures;
import org.asrnas.frontend.stream.StreamingFrontEnd;
import org.asrnas.nas.train.AcousticScorer;
import org.asrnas.nas.train.FeaturePipeline;

/**
 * Recognises speech with a trained model, in memory. Built once with {@link #builder()} (model
 * file, optional lexicon and ARPA LM, decoder options), then called per utterance:
 *
 * <pre>{@code
 * try (Recognizer r = Recognizer.builder().setModel(Path.of("exp/tiny")).build()) {
 *   Result res = r.recognize(Path.of("my.wav"));
 *   System.out.println(res.text());
 * }
 * }</pre>
 *
 * <p>Each call runs the model's feature pipeline ({@link FeaturePipeline}, stored in the model
 * file): resampling to the model's rate ({@link Resampler}), Kaldi fbank with the training options,
 * CMVN with statistics of the utterance itself (the utterance is its own speaker, as for audio
 * files in {@code asr decode --model}, which is built on this class), deltas; then the network
 * ({@link AcousticScorer}) and a CTC decoder: the lexicon + LM beam search with a lexicon, greedy
 * unit decoding without (or the one chosen by {@link Builder#optDecoder}). The fbank dither is
 * seeded by {@code Seeds.derive(0, "dither/" + utteranceId)}, as {@code asr features} seeds it, so
 * the same audio and id always give the same result.
 *
 * <p>Times: a word's or unit's start and end are its decoder span's frames times {@link
 * #frameShiftSeconds()} (the fbank frame shift times the network's subsampling). A decoder that
 * does not report spans gives {@link Double#NaN} times and confidences ("unknown").
 *
 * <p>Recordings of any length: {@link #recognizeLong(Path)} and {@link #stream(String)} cut the
 * audio into speech segments (energy endpointer) and recognise each on its own in bounded memory,
 * with a sliding CMVN over the speech frames and the network in chunks (docs/streaming.md).
 *
 * <p>Thread safety: an instance may be shared by threads (a {@link StreamSession} may not).
 * Features and decoding run on the calling thread with a decoder made per call; the network's
 * forward pass is synchronized (a DJL model is not safe for concurrent use), so threads take turns
 * there. For parallel inference on a multi-core machine use one instance per thread (each holds its
 * own copy of the weights). {@link #close()} releases the weights' native memory; a closed instance
 * refuses further calls.
 *
 * <p>Over 400 lines because it is the library's one entry point: the builder with its validation,
 * short and long (segmented) recognition and the streaming session share the loaded model, the
 * feature pipeline and the decoder set-up, which would otherwise be passed between classes as
 * package-private state.
 */
public final class Recognizer implements AutoCloseable {
  /** The utterance id of calls without one (samples and streams): seeds the dither. */
  public static final String DEFAULT_UTTERANCE_ID = "utterance";

  private final AcousticScorer scorer;
  private final FeaturePipeline pipeline;
  private final FbankConfig frontend;
  private final Fbank fbank;
  private final DecoderSetup setup;
  private final DecoderSetup.Kind kind;
  private final Supplier<CtcDecoder> decoders;
  private final double frameShiftSeconds;
  private final LongAudioOptions longAudio;

  private Recognizer(
      AcousticScorer scorer,
      FeaturePipeline pipeline,
      DecoderSetup setup,
      DecoderSetup.Kind kind,
      Supplier<CtcDecoder> decoders,
      LongAudioOptions longAudio) {
    this.scorer = scorer;
    this.pipeline = pipeline;
    this.frontend = pipeline.frontend().orElseThrow();
    this.fbank = new Fbank(frontend);
    this.setup = setup;
    this.kind = kind;
    this.decoders = decoders;
    this.frameShiftSeconds = pipeline.outputFrameShiftSeconds();
    this.longAudio = longAudio;
  }

  /** A builder; {@link Builder#setModel} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The sample rate the model's features are computed at; other rates are resampled to it. */
  public int sampleRateHz() {
    return (int) frontend.sampleFrequency();
  }

  /** Time per network output frame: fbank frame shift times subsampling. */
  public double frameShiftSeconds() {
    return frameShiftSeconds;
  }

  /** The feature pipeline in use (the model file's, or its fbank options from a side file). */
  public FeaturePipeline pipeline() {
    return pipeline;
  }

  /** The model's units (blank = 0). */
  public Units units() {
    return setup.units();
  }

  /** The decoder that runs. */
  public DecoderSetup.Kind decoderKind() {
    return kind;
  }

  /** Warnings from loading the lexicon and LM (skipped words, ARPA quirks). */
  public List<String> warnings() {
    return setup.warnings();
  }

  /** The options of the long-audio path ({@link #recognizeLong(Path)}, {@link #stream}). */
  public LongAudioOptions longAudioOptions() {
    return longAudio;
  }

  /** The model file loaded. */
  public Path modelFile() {
    return scorer.file();
  }

  /**
   * Recognises mono samples in [-1, 1] (the {@code javax.sound} and torchaudio convention; they are
   * scaled by 32768 to the 16-bit range of the features, as float WAV files are).
   *
   * @param pcm at least one frame's worth of samples
   * @param sampleRateHz their rate, 1000 to 384000 Hz; resampled to {@link #sampleRateHz()}
   * @throws IllegalArgumentException for empty or too short audio, NaN samples, an impossible rate
   */
  public Result recognize(float[] pcm, int sampleRateHz) {
    Checks.checkNotNull(pcm, "pcm");
    float[] s = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      if (!Float.isFinite(pcm[i])) {
        throw new IllegalArgumentException(
            "sample " + i + " is " + pcm[i] + "; samples must be finite");
      }
      s[i] = pcm[i] * 32768f;
    }
    return recognize(audio(sampleRateHz, new float[][] {s}), DEFAULT_UTTERANCE_ID);
  }

  /**
   * Recognises mono 16-bit samples.
   *
   * @param sampleRateHz their rate, 1000 to 384000 Hz; resampled to {@link #sampleRateHz()}
   * @throws IllegalArgumentException for empty or too short audio or an impossible rate
   */
  public Result recognize(short[] pcm, int sampleRateHz) {
    Checks.checkNotNull(pcm, "pcm");
    float[] s = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      s[i] = pcm[i];
    }
    return recognize(audio(sampleRateHz, new float[][] {s}), DEFAULT_UTTERANCE_ID);
  }

  /**
   * Recognises a stream read to its end: mono PCM (signed or unsigned, 8 to 32 bits, either byte
   * order) or float, converted by {@code javax.sound} to 16 bits.
   *
   * @throws IllegalArgumentException for a format that cannot be converted, an unspecified rate,
   *     more than one channel, or audio that is empty or too short
   */
  public Result recognize(AudioInputStream stream) throws IOException {
    AudioInputStream in = as16Bit(stream);
    float rate = in.getFormat().getSampleRate();
    byte[] b = in.readAllBytes();
    float[] s = new float[b.length / 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
    }
    return recognize(audio((int) rate, new float[][] {s}), DEFAULT_UTTERANCE_ID);
  }

  /** The stream as mono 16-bit little-endian PCM, converted by {@code javax.sound} if need be. */
  private static AudioInputStream as16Bit(AudioInputStream stream) {
    Checks.checkNotNull(stream, "stream");
    AudioFormat f = stream.getFormat();
    float rate = f.getSampleRate();
    Checks.checkArgument(
        rate != AudioSystem.NOT_SPECIFIED && rate > 0 && rate == Math.rint(rate),
        "the stream's sample rate must be a positive whole number of Hz, got %s",
        rate);
    int channels = f.getChannels();
    Checks.checkArgument(
        channels == 1, "the stream has %s channels; give one (mono) channel", channels);
    AudioFormat target =
        new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, 1, 2, rate, false);
    AudioInputStream in;
    if (f.matches(target)) {
      in = stream;
    } else {
      try {
        in = AudioSystem.getAudioInputStream(target, stream);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot convert the stream's format (" + f + ") to 16-bit PCM: " + e.getMessage(), e);
      }
    }
    return in;
  }

  /**
   * Recognises a WAV or NIST SPHERE file (PCM, mu-law, A-law, shorten; one channel); the utterance
   * id is {@link #utteranceId(Path) the file's name}.
   *
   * @throws AsrInputException naming the file: missing, unreadable, empty, too short, more than one
   *     channel, or a rate that cannot be resampled
   */
  public Result recognize(Path file) throws IOException, AsrInputException {
    return recognize(file, utteranceId(file));
  }

  /**
   * Recognises a WAV or SPHERE file under the given utterance id (which seeds the dither).
   *
   * @throws AsrInputException naming the file, as {@link #recognize(Path)}
   */
  public Result recognize(Path file, String utteranceId) throws IOException, AsrInputException {
    Checks.checkNotNull(file, "file");
    Checks.checkNotNull(utteranceId, "utteranceId");
    return recognize(AudioReader.read(file), utteranceId, file);
  }

  /**
   * Recognises mono audio read from {@code source} (by {@link AudioReader}) under the given
   * utterance id; problems with it are input errors naming {@code source}.
   *
   * @throws AsrInputException naming {@code source}: empty, too short or multi-channel audio, or a
   *     rate that cannot be resampled
   */
  public Result recognize(Audio audio, String utteranceId, Path source) throws AsrInputException {
    Checks.checkNotNull(audio, "audio");
    Checks.checkNotNull(utteranceId, "utteranceId");
    Checks.checkNotNull(source, "source");
    return run(audio, utteranceId, source);
  }

  /**
   * Recognises decoded mono audio (samples in 16-bit scale, see {@link Audio}) under the given
   * utterance id (which seeds the dither).
   *
   * @throws IllegalArgumentException for empty, too short or multi-channel audio, or a rate that
   *     cannot be resampled
   */
  public Result recognize(Audio audio, String utteranceId) {
    Checks.checkNotNull(audio, "audio");
    Checks.checkNotNull(utteranceId, "utteranceId");
    try {
      return run(audio, utteranceId, null);
    } catch (AsrInputException e) {
      // run reports problems of in-memory audio as IllegalArgumentException; kept for safety
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Recognises a recording of any length in bounded memory: the file is read block by block, cut
   * into speech segments by the endpointer, and each segment recognised on its own (see {@link
   * StreamSession}); the utterance id is {@link #utteranceId(Path) the file's name}.
   *
   * @throws AsrInputException naming the file, as {@link #recognize(Path)}: missing, unreadable,
   *     truncated, empty, more than one channel, or a rate that cannot be resampled
   */
  public LongResult recognizeLong(Path file) throws IOException, AsrInputException {
    return recognizeLong(file, utteranceId(file), s -> {});
  }

  /**
   * Recognises a recording of any length under the given id, handing each segment to {@code
   * eachSegment} as soon as it is recognised (for output while the file is still being read).
   *
   * <p>A mono 16-bit PCM WAV file at the model's rate is streamed through TarsosDSP ({@link
   * AudioStreams}): memory does not grow with its length. Other files (SPHERE, other encodings,
   * other rates) are decoded and resampled in memory first, as {@link #recognize(Path)} does, and
   * then fed block by block: their samples are held, the features and log-probabilities are not.
   *
   * @throws AsrInputException naming the file, as {@link #recognizeLong(Path)}
   */
  public LongResult recognizeLong(
      Path file, String utteranceId, Consumer<SegmentResult> eachSegment)
      throws IOException, AsrInputException {
    Checks.checkNotNull(file, "file");
    Checks.checkNotNull(utteranceId, "utteranceId");
    Checks.checkNotNull(eachSegment, "eachSegment");
    return collected(utteranceId, eachSegment, (session, collect) -> feed(file, session, collect));
  }

  /** Feeds a file's samples to the session, handing the segments it returns to {@code collect}. */
  private void feed(Path file, StreamSession session, Consumer<List<SegmentResult>> collect)
      throws IOException, AsrInputException {
    int block = longAudio.blockSamples();
    int rate = sampleRateHz();
    Optional<AudioReader.WavLayout> layout = AudioReader.wavLayout(file);
    if (layout.isPresent()
        && layout.get().channels() == 1
        && layout.get().format() == SampleFormat.S16
        && layout.get().sampleRateHz() == rate) {
      long frames = layout.get().frames();
      if (frames == 0) {
        throw AsrInputException.inFile(file, "the audio is empty (0 samples)");
      }
      try (InputStream in = Files.newInputStream(file)) {
        in.skipNBytes(layout.get().dataOffset());
        AudioStreams.readRaw(
            new BoundedInputStream(in, 2 * frames),
            rate,
            file,
            block,
            (b, n) -> collect.accept(session.accept(b, 0, n)));
      } catch (java.io.EOFException e) {
        throw AsrInputException.inFile(file, "file is truncated: it ended inside its header");
      }
      if (session.samples() != frames) {
        throw AsrInputException.inFile(
            file,
            "file is truncated: its header declares "
                + frames
                + " samples, only "
                + session.samples()
                + " could be read (was it written while being read?)");
      }
    } else {
      float[] x = prepared(AudioReader.read(file), file).samples();
      for (int at = 0; at < x.length; at += block) {
        collect.accept(session.accept(x, at, Math.min(block, x.length - at)));
      }
    }
  }

  /** Where a long recording's samples come from: fed to a session, segments to {@code collect}. */
  @FunctionalInterface
  private interface Source {
    void feed(StreamSession session, Consumer<List<SegmentResult>> collect)
        throws IOException, AsrInputException;
  }

  /** Runs a session over {@code source} to its end and collects the segments in order. */
  private LongResult collected(String id, Consumer<SegmentResult> eachSegment, Source source)
      throws IOException, AsrInputException {
    StreamSession session = stream(id);
    List<SegmentResult> segments = new ArrayList<>();
    Consumer<List<SegmentResult>> collect =
        l -> {
          segments.addAll(l);
          l.forEach(eachSegment);
        };
    source.feed(session, collect);
    double seconds = (double) session.samples() / sampleRateHz();
    collect.accept(session.finish());
    return new LongResult(id, segments, seconds);
  }

  /**
   * Recognises a stream of any length read to its end (mono PCM or float, converted to 16 bits as
   * {@link #recognize(AudioInputStream)} does), segment by segment in bounded memory.
   *
   * @throws IllegalArgumentException for a format that cannot be converted, more than one channel,
   *     or a rate other than {@link #sampleRateHz()} (a stream is not resampled: resample it first,
   *     e.g. {@code sox in.wav -r 16000 -t wav -}, or read it whole with {@link
   *     #recognize(AudioInputStream)})
   */
  public LongResult recognizeLong(
      AudioInputStream stream, String utteranceId, Consumer<SegmentResult> eachSegment)
      throws IOException {
    Checks.checkNotNull(utteranceId, "utteranceId");
    Checks.checkNotNull(eachSegment, "eachSegment");
    AudioInputStream in = as16Bit(stream);
    float rate = in.getFormat().getSampleRate();
    Checks.checkArgument(
        rate == sampleRateHz(),
        "the stream is %s Hz, the model takes %s Hz; the long-audio path does not resample a"
            + " stream: resample it first (sox in.wav -r %s -t wav -) or read it whole with"
            + " recognize(AudioInputStream)",
        rate,
        sampleRateHz(),
        sampleRateHz());
    try {
      return collected(
          utteranceId,
          eachSegment,
          (session, collect) ->
              AudioStreams.read(
                  in,
                  Path.of(utteranceId),
                  longAudio.blockSamples(),
                  (b, n) -> collect.accept(session.accept(b, 0, n))));
    } catch (AsrInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * A session for audio that arrives in pieces (a live stream): {@link StreamSession#accept}
   * returns the segments recognised so far, {@link StreamSession#finish()} the rest.
   *
   * @param utteranceId names the segments' results and seeds the fbank dither
   */
  public StreamSession stream(String utteranceId) {
    Checks.checkNotNull(utteranceId, "utteranceId");
    StreamingFrontEnd.Options options =
        longAudio.cmvnWindowFrames() == 0
            ? new StreamingFrontEnd.Options(0, false, 0, 1)
            : new StreamingFrontEnd.Options(
                longAudio.cmvnWindowFrames(),
                pipeline.normVars(),
                pipeline.deltaOrder(),
                pipeline.deltaWindow());
    return new StreamSession(
        this,
        utteranceId,
        new SegmentedFeatures(
            frontend, longAudio.endpointer(), options, Seeds.derive(0L, "dither/" + utteranceId)));
  }

  /**
   * Recognises one segment of a stream whose features start at fbank frame {@code firstFrame}: the
   * network (chunked where it can be), then the decoder as {@link #recognize} runs it.
   */
  SegmentResult segment(String id, int index, SegmentedFeatures.Segment s, int firstFrame) {
    FloatMatrix input =
        longAudio.cmvnWindowFrames() == 0 ? pipeline.networkInput(s.features()) : s.features();
    FloatMatrix logProbs = scorer.logProbs(input, longAudio.chunkFrames());
    SpeechSegment span = s.span();
    double offset = (double) firstFrame * frontend.windowShift() / span.sampleRateHz();
    String segmentId =
        String.format(
            Locale.ROOT,
            "%s-%07d-%07d",
            id,
            Math.round(span.startSeconds() * 100),
            Math.round(span.endSeconds() * 100));
    Result r = decode(segmentId, logProbs, span.durationSeconds(), offset);
    return new SegmentResult(index, span.startSeconds(), span.endSeconds(), offset, r);
  }

  /**
   * The utterance id of a file, as {@code asr decode --model} names it: the file name without its
   * extension, characters other than letters, digits, {@code _ . -} replaced by {@code _}.
   */
  public static String utteranceId(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static Audio audio(int sampleRateHz, float[][] channels) {
    Checks.checkArgument(sampleRateHz > 0, "the sample rate must be > 0 Hz, got %s", sampleRateHz);
    return new Audio(sampleRateHz, channels);
  }

  /**
   * The problem {@code message} with in-memory audio ({@code source} null: thrown here as
   * IllegalArgumentException) or with a file (returned, naming it).
   */
  private static AsrInputException problem(Path source, String message) {
    if (source == null) {
      throw new IllegalArgumentException(message);
    }
    return AsrInputException.inFile(source, message);
  }

  private Result run(Audio a, String id, Path source) throws AsrInputException {
    double seconds = a.durationSeconds();
    a = prepared(a, source);
    FloatMatrix feats = fbank.compute(a, Seeds.derive(0L, "dither/" + id));
    if (feats.rows() == 0) {
      throw problem(
          source,
          String.format(
              Locale.ROOT,
              "too short for one frame (%.3f s; a frame is %.0f ms)",
              seconds,
              frontend.frameLengthMs()));
    }
    FloatMatrix logProbs = scorer.logProbs(pipeline.networkInput(feats));
    return decode(id, logProbs, seconds, 0);
  }

  /**
   * Mono audio at the model's rate: checks channels, emptiness and the rate range, then resamples
   * ({@code source} null: problems thrown as IllegalArgumentException, else naming the file).
   */
  private Audio prepared(Audio a, Path source) throws AsrInputException {
    if (a.numChannels() != 1) {
      throw problem(
          source,
          "audio has "
              + a.numChannels()
              + " channels; select one (sox in.wav out.wav remix 1, or Audio.channel(i))");
    }
    if (a.numSamples() == 0) {
      throw problem(source, "the audio is empty (0 samples)");
    }
    if (a.sampleRateHz() < AudioReader.MIN_SAMPLE_RATE_HZ
        || a.sampleRateHz() > AudioReader.MAX_SAMPLE_RATE_HZ) {
      throw problem(
          source,
          String.format(
              Locale.ROOT,
              "a sample rate of %d Hz cannot be recognised: give audio of %d to %d Hz",
              a.sampleRateHz(),
              AudioReader.MIN_SAMPLE_RATE_HZ,
              AudioReader.MAX_SAMPLE_RATE_HZ));
    }
    int rate = sampleRateHz();
    if (a.sampleRateHz() != rate) {
      if (source != null) {
        a = Resampler.resample(a, rate, source);
      } else {
        try {
          a = Resampler.resample(a, rate);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "cannot resample " + a.sampleRateHz() + " Hz to " + rate + " Hz: " + e.getMessage(),
              e);
        }
      }
    }
    return a;
  }

  /**
   * The decoder's result for the log-probabilities of one utterance or segment, word and unit times
   * shifted by {@code offsetSeconds} (0 for an utterance, the segment's start in a recording).
   */
  private Result decode(String id, FloatMatrix logProbs, double seconds, double offsetSeconds) {
    List<Hypothesis> hyps = decoders.get().decode(logProbs);
    List<Alternative> alternatives = new ArrayList<>(hyps.size());
    for (Hypothesis h : hyps) {
      alternatives.add(alternative(h, setup, frameShiftSeconds, offsetSeconds));
    }
    return new Result(id, alternatives, logProbs.rows(), frameShiftSeconds, seconds);
  }

  /**
   * A hypothesis with times in seconds: span frames times {@code frameShiftSeconds}; NaN where the
   * decoder gave no spans.
   */
  static Alternative alternative(Hypothesis h, DecoderSetup setup, double frameShiftSeconds) {
    return alternative(h, setup, frameShiftSeconds, 0);
  }

  /** The same, every time shifted by {@code offsetSeconds}. */
  static Alternative alternative(
      Hypothesis h, DecoderSetup setup, double frameShiftSeconds, double offsetSeconds) {
    Units u = setup.units();
    int[] ids = h.units();
    List<Span> unitSpans = h.unitSpans();
    List<Unit> units = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      Span s = unitSpans.isEmpty() ? null : unitSpans.get(i);
      units.add(
          s == null
              ? new Unit(u.symbol(ids[i]), Double.NaN, Double.NaN, Double.NaN)
              : new Unit(
                  u.symbol(ids[i]),
                  offsetSeconds + s.startFrame() * frameShiftSeconds,
                  offsetSeconds + s.endFrame() * frameShiftSeconds,
                  s.confidence()));
    }
    return new Alternative(
        setup.text(h),
        words(h, units, setup, frameShiftSeconds, offsetSeconds),
        units,
        h.score(),
        h.acousticScore(),
        h.lmScore(),
        h);
  }

  /**
   * The words: the decoder's (with its word spans) when it outputs words; for unit output the words
   * of the transcript, timed by their units' spans (first unit's start to last unit's end,
   * confidence the lowest of theirs) when the decoder gave unit spans.
   */
  private static List<Word> words(
      Hypothesis h,
      List<Unit> units,
      DecoderSetup setup,
      double frameShiftSeconds,
      double offsetSeconds) {
    List<Word> out = new ArrayList<>();
    if (!h.words().isEmpty() || setup.trie().isPresent()) {
      List<Span> spans = h.wordSpans();
      for (int i = 0; i < h.words().size(); i++) {
        String w = h.words().get(i);
        Span s = spans.isEmpty() ? null : spans.get(i);
        out.add(
            s == null
                ? Word.untimed(w)
                : new Word(
                    w,
                    offsetSeconds + s.startFrame() * frameShiftSeconds,
                    offsetSeconds + s.endFrame() * frameShiftSeconds,
                    s.confidence()));
      }
      return out;
    }
    boolean chars = setup.units().contains(Units.SPACE);
    List<Unit> group = new ArrayList<>();
    for (Unit unit : units) {
      if (chars && unit.symbol().equals(Units.SPACE)) {
        addWord(out, group);
        group.clear();
      } else {
        group.add(unit);
        if (!chars) {
          addWord(out, group);
          group.clear();
        }
      }
    }
    addWord(out, group);
    return out;
  }

  private static void addWord(List<Word> out, List<Unit> group) {
    if (group.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    boolean timed = true;
    double confidence = 1;
    for (Unit u : group) {
      text.append(u.symbol());
      timed &= u.hasTimes();
      confidence = Math.min(confidence, u.confidence());
    }
    out.add(
        timed
            ? new Word(
                text.toString(),
                group.get(0).startSeconds(),
                group.get(group.size() - 1).endSeconds(),
                confidence)
            : Word.untimed(text.toString()));
  }

  /** Releases the model's native memory. Idempotent; later calls of {@code recognize} fail. */
  @Override
  public void close() {
    scorer.close();
  }

  /**
   * Options of a {@link Recognizer}: {@code setX} is required, {@code optX} optional; {@link
   * #build()} validates and loads everything.
   */
  public static final class Builder {
    private Path model;
    private Path lexicon;
    private Path lm;
    private ArpaModel.Mode lmMode = ArpaModel.Mode.STRICT;
    private Path fbankConfig;
    private DeviceSpec device = DeviceSpec.CPU;
    private DecoderSetup.Kind decoder;
    private LexiconDecoder.Options lexiconOptions = LexiconDecoder.Options.defaults();
    private PrefixBeamDecoder.Options prefixOptions = PrefixBeamDecoder.Options.defaults();
    private int nBest = 1;
    private LongAudioOptions longAudio = LongAudioOptions.defaults();

    private Builder() {}

    /**
     * Options of the long-audio path ({@link Recognizer#recognizeLong(Path)}, {@link
     * Recognizer#stream}): endpointer, CMVN window, network chunk; default {@link
     * LongAudioOptions#defaults()}.
     */
    public Builder optLongAudio(LongAudioOptions options) {
      this.longAudio = Checks.checkNotNull(options, "options");
      return this;
    }

    /** The model: a {@code .model} file, or the run dir of {@code asr train} (final.model). */
    public Builder setModel(Path model) {
      this.model = Checks.checkNotNull(model, "model");
      return this;
    }

    /** A lexicon (word, then its units): decode words with the lexicon beam search. */
    public Builder optLexicon(Path lexicon) {
      this.lexicon = Checks.checkNotNull(lexicon, "lexicon");
      return this;
    }

    /** An ARPA word LM applied in the lexicon search (needs {@link #optLexicon}). */
    public Builder optLm(Path arpa) {
      this.lm = Checks.checkNotNull(arpa, "arpa");
      return this;
    }

    /** How strictly the ARPA file is read (default strict; lenient accepts irstlm quirks). */
    public Builder optLmMode(ArpaModel.Mode mode) {
      this.lmMode = Checks.checkNotNull(mode, "mode");
      return this;
    }

    /**
     * Fbank options ({@code fbank.json}) to use instead of the model file's: needed for model files
     * of format 1 and 2 without an {@code fbank.json} beside them.
     */
    public Builder optFbankConfig(Path fbankJson) {
      this.fbankConfig = Checks.checkNotNull(fbankJson, "fbankJson");
      return this;
    }

    /** Where the network runs (default the CPU). */
    public Builder optDevice(DeviceSpec device) {
      this.device = Checks.checkNotNull(device, "device");
      return this;
    }

    /**
     * The decoder; default: {@code LEXICON} with a lexicon, else {@code GREEDY} (units). {@code
     * PREFIX_BEAM} is CTC prefix beam search over units.
     */
    public Builder optDecoder(DecoderSetup.Kind kind) {
      this.decoder = Checks.checkNotNull(kind, "kind");
      return this;
    }

    /** Options of the lexicon + LM beam search: beam, beam threshold, LM weight, word score. */
    public Builder optDecoderOptions(LexiconDecoder.Options options) {
      this.lexiconOptions = Checks.checkNotNull(options, "options");
      return this;
    }

    /** Options of the prefix beam search (beam size, unit pruning). */
    public Builder optPrefixBeamOptions(PrefixBeamDecoder.Options options) {
      this.prefixOptions = Checks.checkNotNull(options, "options");
      return this;
    }

    /**
     * Alternatives per utterance ({@link Result#nBest(int)}); default 1. The greedy decoder always
     * returns one.
     */
    public Builder optNBest(int n) {
      Checks.checkArgument(n >= 1, "nBest must be >= 1, got %s", n);
      this.nBest = n;
      return this;
    }

    /**
     * Loads the model, the fbank options, the lexicon and the LM.
     *
     * @throws AsrInputException naming the file: a missing, truncated, corrupt or too new model
     *     file; a model without fbank options (format 1 or 2 without {@code fbank.json} beside it);
     *     fbank options that do not fit the network; a malformed lexicon or LM
     * @throws IllegalArgumentException for options that contradict each other (an LM without a
     *     lexicon, the lexicon decoder without a lexicon, a GPU that is not there)
     */
    public Recognizer build() throws IOException, AsrInputException {
      Checks.checkArgument(model != null, "setModel(path) is required");
      Checks.checkArgument(
          lm == null || lexicon != null,
          "optLm needs optLexicon: the word LM is applied through the lexicon decoder");
      DecoderSetup.Kind kind =
          decoder != null
              ? decoder
              : lexicon != null ? DecoderSetup.Kind.LEXICON : DecoderSetup.Kind.GREEDY;
      Checks.checkArgument(
          kind != DecoderSetup.Kind.LEXICON || lexicon != null,
          "the lexicon decoder needs optLexicon");
      AcousticScorer scorer = AcousticScorer.open(model, device);
      try {
        FeaturePipeline pipeline = withFrontend(scorer);
        DecoderSetup setup =
            DecoderSetup.load(
                scorer.units(), Optional.ofNullable(lexicon), Optional.ofNullable(lm), lmMode);
        Supplier<CtcDecoder> decoders =
            setup.decoders(kind, prefixOptions.withNBest(nBest), lexiconOptions.withNBest(nBest));
        return new Recognizer(scorer, pipeline, setup, kind, decoders, longAudio);
      } catch (IOException | AsrInputException | RuntimeException | Error e) {
        scorer.close();
        throw e;
      }
    }

    /**
     * The model's pipeline with fbank options: those of {@link #optFbankConfig}, else the model
     * file's, else {@code fbank.json} beside the model.
     */
    private FeaturePipeline withFrontend(AcousticScorer scorer)
        throws IOException, AsrInputException {
      FeaturePipeline p = scorer.pipeline();
      Path from = scorer.file();
      if (fbankConfig != null) {
        p = p.withFrontend(FbankConfig.read(fbankConfig));
        from = fbankConfig;
      } else if (p.frontend().isEmpty()) {
        Path dir = scorer.file().toAbsolutePath().getParent();
        Path side = dir.resolve("fbank.json");
        if (!Files.exists(side)) {
          throw AsrInputException.inFile(
              scorer.file(),
              "holds no feature options (model file format "
                  + scorer.formatVersion()
                  + ") and there is no fbank.json beside it; give optFbankConfig(path) with the"
                  + " fbank.json that asr features wrote for the training data, or re-train with"
                  + " this asr (format 3 stores them)");
        }
        p = p.withFrontend(FbankConfig.read(side));
        from = side;
      }
      int dim = p.inputDim(p.frontend().get().dim());
      if (dim != scorer.spec().inputDim()) {
        throw AsrInputException.inFile(
            from,
            String.format(
                Locale.ROOT,
                "%d fbank columns with deltas of order %d give %d inputs, the network of %s takes"
                    + " %d; give the fbank.json of the model's training features",
                p.frontend().get().dim(),
                p.deltaOrder(),
                dim,
                scorer.file(),
                scorer.spec().inputDim()));
      }
      return p;
    }
  }
}

package org.asrnas.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.DeviceSpec;
import org.asrnas.core.Messages;
import org.asrnas.core.data.DataDir;
import org.asrnas.core.data.DataDirValidator;
import org.asrnas.core.data.FileAndChannel;
import org.asrnas.core.data.Segment;
import org.asrnas.core.data.WavEntry;
import org.asrnas.core.io.FloatMatrix;
import org.asrnas.core.io.KaldiArchive;
import org.asrnas.core.text.Units;
import org.asrnas.decoder.BatchDecoding;
import org.asrnas.decoder.Ctm;
import org.asrnas.decoder.DecoderSetup;
import org.asrnas.decoder.Hypothesis;
import org.asrnas.decoder.LexiconDecoder;
import org.asrnas.decoder.PrefixBeamDecoder;
import org.asrnas.decoder.Span;
import org.asrnas.decoder.WeightSweep;
import org.asrnas.decoder.lm.ArpaModel;
import org.asrnas.decoder.score.TextFilter;
import org.asrnas.decoder.score.Transcripts;
import org.asrnas.frontend.audio.Audio;
import org.asrnas.frontend.audio.AudioReader;
import org.asrnas.nas.Devices;
import org.asrnas.recognizer.Alternative;
import org.asrnas.recognizer.LongAudioOptions;
import org.asrnas.recognizer.LongResult;
import org.asrnas.recognizer.Recognizer;
import org.asrnas.recognizer.Result;
import org.asrnas.recognizer.SegmentResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code asr decode}: CTC decoding of log-probability archives, or of audio with a model (audio
 * files through a {@link Recognizer}, or a data directory), with LM-weight tuning and the text,
 * trn, ctm and json outputs.
 *
 * <p>Over 400 lines because the input modes share 27 options (with their help text, about 180
 * lines) and one writer of the four output formats; each mode is split into named steps of at most
 * 80 lines.
 */
@Command(
    name = "decode",
    header = "CTC decoding: greedy, prefix beam or lexicon + n-gram LM.",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes per-frame log-probabilities (Kaldi float-matrix archive or scp;",
      "rows = frames, columns = units, blank = 0) to transcripts. With --lexicon",
      "(and --lm) words come from the lexicon beam search; without, units from CTC",
      "prefix beam search (or --decoder greedy). Prints the real-time factor",
      "(decoder time / audio time) on stderr. With --model, audio files or a data dir",
      "are decoded end to end with a trained model. An audio file longer than 30 s",
      "(--long auto) is read in blocks and cut into speech segments by an energy",
      "endpointer, each recognised on its own (sliding CMVN over the speech, the",
      "network in chunks), in memory that does not grow with the file's length.",
      "",
      "Formats: text (Kaldi text: id words), trn (words (id)), ctm (NIST CTM, one line",
      "per word, or per unit without --lexicon: 'utt 1 start dur word conf', seconds;",
      "with --data DIR that has segments: 'file channel start dur word conf', file and",
      "channel from reco2file_and_channel (else recording id and 1), times from the",
      "recording start, sorted as sclite expects), json (one object per line: utt,",
      "text, score, am, lm, frames, words and/or units as [{token, start, end, conf}]",
      "with word/unit as the token key and seconds from the utterance start, nbest as",
      "[{text, score, words/units}]). Times are the frames where the best path emits",
      "each unit (CTC peaks), times --frame-shift-ms; conf is the geometric mean",
      "posterior of those frames, in [0, 1]."
    },
    footer = {
      "",
      "Examples:",
      "  asr decode --model exp/wsj/st/retrain --lexicon data/lang/lexicon.txt \\",
      "      --lm data/lang/lm.arpa my_recording.wav other.sph",
      "  asr decode --model exp/wsj/st/retrain --data data/test_eval92 --format trn --out hyp.trn",
      "  asr decode --model exp/wsj/st/retrain --lexicon data/lang/lexicon.txt \\",
      "      --lm data/lang/lm.arpa --format ctm meeting-30min.wav   (long: segments)",
      "  asr decode --model exp/swbd/st/retrain --lexicon data/lang/lexicon.txt \\",
      "      --lm data/lang/lm.arpa --data data/eval2000 --format ctm --out hyp.ctm",
      "  asr decode --logprobs exp/test/logprobs.scp --units data/lang/units.txt \\",
      "      --lexicon data/lang/lexicon.txt --lm data/lang/lm.arpa --format trn --out hyp.trn",
      "  asr decode --tune --ref data/dev/text --logprobs exp/dev/logprobs.ark \\",
      "      --units data/lang/units.txt --lexicon data/lang/lexicon.txt --lm data/lang/lm.arpa"
    })
public final class DecodeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Output formats. */
  enum Format {
    text,
    trn,
    json,
    ctm
  }

  /** When audio files go through the long-audio path. */
  enum LongMode {
    auto,
    always,
    never
  }

  /** Decoder choices. */
  enum DecoderChoice {
    greedy,
    prefix,
    lexicon
  }

  @Option(
      names = "--logprobs",
      paramLabel = "ARK|SCP",
      description = "log-probabilities (.scp read lazily, anything else as .ark)")
  Path logprobs;

  @Option(
      names = "--model",
      paramLabel = "PATH",
      description =
          "a trained model (run dir of asr train / asr nas retrain, or its .model file): decode"
              + " audio FILEs or --data DIR end to end (fbank, CMVN, deltas, model, decoder)")
  Path model;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "with --model: a Kaldi data dir (per-speaker CMVN as in training); with --logprobs: "
              + "only its segments and reco2file_and_channel, for --format ctm")
  Path data;

  @CommandLine.Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "with --model: audio files (WAV, SPHERE, ...); each is its own speaker")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--fbank-config",
      paramLabel = "FILE",
      description = "with --model: feature options (default: fbank.json beside the model)")
  Path fbankConfig;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "with --model: cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
  String device;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "with --model: keep features and log-probabilities here (default: temporary)")
  Path workDir;

  @Option(
      names = "--units",
      paramLabel = "FILE",
      description = "units.txt (default with --model: units.txt beside the model)")
  Path units;

  @Option(names = "--lexicon", paramLabel = "FILE", description = "lexicon: decode words")
  Path lexicon;

  @Option(names = "--lm", paramLabel = "FILE", description = "ARPA word LM (needs --lexicon)")
  Path lm;

  @Option(names = "--lm-lenient", description = "accept irstlm quirks in the ARPA file")
  boolean lmLenient;

  @Option(names = "--decoder", description = "greedy, prefix or lexicon (default: by inputs)")
  DecoderChoice decoder;

  @Option(names = "--beam", description = "beam size (default: 50 lexicon, 16 prefix)")
  Integer beam;

  @Option(
      names = "--beam-threshold",
      defaultValue = "25",
      description = "prune below best minus this (default ${DEFAULT-VALUE})")
  double beamThreshold;

  @Option(
      names = "--lm-weight",
      defaultValue = "1.0",
      description = "LM weight (default ${DEFAULT-VALUE})")
  double lmWeight;

  @Option(
      names = "--word-score",
      defaultValue = "0",
      description = "added per word (default ${DEFAULT-VALUE})")
  double wordScore;

  @Option(
      names = "--unk-score",
      defaultValue = "-Infinity",
      description = "score of emitting <unk> for non-words (default: never)")
  double unkScore;

  @Option(
      names = "--unit-prune",
      defaultValue = "-Infinity",
      description = "skip units below this log-probability in a frame (default: none)")
  double unitPrune;

  @Option(names = "--nbest", defaultValue = "1", description = "hypotheses per utterance (json)")
  int nbest;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text, trn, ctm or json (default ${DEFAULT-VALUE}; see above)")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "output file (default: stdout)")
  Path out;

  @Option(names = "--threads", defaultValue = "1", description = "decoding threads")
  int threads;

  @Option(
      names = "--frame-shift-ms",
      defaultValue = "10",
      description =
          "with --logprobs: milliseconds per log-prob row, the feature shift times the model's "
              + "frame subsampling (e.g. 30 for a stride-3 model; default ${DEFAULT-VALUE}); sets RTF"
              + " and ctm/json times. --model takes it from the model")
  double frameShiftMs;

  @Option(
      names = "--long",
      defaultValue = "auto",
      paramLabel = "auto|always|never",
      description =
          "with --model and FILEs: decode a file as a long recording, read in blocks and cut "
              + "into speech segments (docs/streaming.md); auto: files longer than the longest "
              + "segment (30 s); always; never (default ${DEFAULT-VALUE}). text/trn: the segments' "
              + "words on one line; ctm: times in the file; json: one object per file with its "
              + "segments [{id, start, end, text, score, am, lm, frames, words}]")
  LongMode longMode;

  @Option(
      names = "--tune",
      description =
          "sweep --lm-weights x --word-scores against --ref (with --out FILE also as TSV:"
              + " lm_weight, word_score, wer, errors, words, best)")
  boolean tune;

  @Option(names = "--ref", paramLabel = "FILE", description = "references for --tune")
  Path ref;

  @Option(
      names = "--lm-weights",
      split = ",",
      defaultValue = "0.5,0.75,1.0,1.25,1.5,2.0",
      description = "sweep grid (default ${DEFAULT-VALUE})")
  List<Double> lmWeights;

  @Option(
      names = "--word-scores",
      split = ",",
      defaultValue = "-2,-1,0,1,2",
      description = "sweep grid (default ${DEFAULT-VALUE})")
  List<Double> wordScores;

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || nbest < 1 || frameShiftMs <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threads, --nbest and --frame-shift-ms must be positive");
    }
    ModelRun run = null;
    if (model != null) {
      if (logprobs != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "give either --logprobs or --model, not both");
      }
      if ((data == null) == files.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "with --model give audio FILEs or --data DIR (one of them)");
      }
      boolean inMemory = data == null && workDir == null && !tune && units == null;
      if (longMode == LongMode.always && !inMemory) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--long always works on audio FILEs decoded in memory: drop --data, --work-dir,"
                + " --tune and --units");
      }
      if (inMemory) {
        // Audio files, each its own speaker: in memory through the library's Recognizer. A data
        // dir (per-speaker CMVN over several utterances), --work-dir (keeps the archives), --tune
        // and --units use the archive pipeline below.
        return decodeFiles();
      }
      run =
          ModelRun.prepare(
              model,
              data,
              files,
              fbankConfig,
              workDir,
              DeviceSpec.parse(device),
              threads,
              spec.commandLine().getErr());
      logprobs = run.logprobs();
      frameShiftMs = run.frameShiftMs();
      if (units == null) {
        units = run.units();
      }
    } else if (logprobs == null || units == null || !files.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "give --logprobs with --units, or --model with audio FILEs or --data DIR");
    } else if (data != null && format != Format.ctm) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "with --logprobs, --data DIR only gives --format ctm its segments; drop it or add"
              + " --format ctm");
    }
    try {
      return decode(run);
    } finally {
      if (run != null) {
        run.close();
      }
    }
  }

  private Integer decode(ModelRun run) throws Exception {
    DecoderSetup setup =
        DecoderSetup.load(
            units,
            Optional.ofNullable(lexicon),
            Optional.ofNullable(lm),
            lmLenient ? ArpaModel.Mode.LENIENT : ArpaModel.Mode.STRICT);
    PrintWriter err = spec.commandLine().getErr();
    setup.warnings().forEach(w -> err.println("warning: " + w));
    DecoderSetup.Kind kind = kind(setup.defaultKind());
    PrefixBeamDecoder.Options po = prefixOptions();
    LexiconDecoder.Options lo = lexiconOptions();
    if (tune) {
      return tune(setup, lo);
    }
    Times times = Times.of(format == Format.ctm ? data : null, frameShiftMs);
    Inputs in = inputs();
    List<BatchDecoding.Skipped> skipped = Collections.synchronizedList(new ArrayList<>());
    long t0 = System.nanoTime();
    List<BatchDecoding.Result> results =
        BatchDecoding.decodeAll(
            in.keys(),
            in.source(),
            setup.decoders(kind, po, lo),
            threads,
            progress(in.keys().size(), err),
            skipped::add);
    reportSkipped(in.keys(), skipped, results, err);
    double wall = (System.nanoTime() - t0) / 1e9;
    writeLines(outputLines(results, times, setup));
    reportSpeed(run, results, skipped.size(), wall, err);
    return 0;
  }

  /**
   * --tune: the LM weight x word score sweep over --ref, printed as WeightSweep formats it, and
   * with --out written as its TSV.
   */
  private Integer tune(DecoderSetup setup, LexiconDecoder.Options lo) throws Exception {
    if (ref == null || lexicon == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--tune needs --ref and --lexicon");
    }
    Map<String, FloatMatrix> all = readAll();
    WeightSweep.Result r =
        WeightSweep.run(
            setup,
            all,
            Transcripts.read(ref, Transcripts.Format.AUTO),
            lo,
            lmWeights,
            wordScores,
            TextFilter.defaults(),
            threads);
    PrintWriter o = spec.commandLine().getOut();
    o.print(r.format());
    o.flush();
    if (out != null) {
      org.asrnas.core.io.AtomicFiles.writeString(out, r.tsv());
    }
    return 0;
  }

  /** The utterance keys of --logprobs in file order and how to read each one's matrix. */
  private record Inputs(List<String> keys, BatchDecoding.Source source) {}

  /** An .scp is read lazily, entry by entry; an archive is read whole. */
  private Inputs inputs() throws IOException, AsrInputException {
    if (logprobs.toString().endsWith(".scp")) {
      Map<String, KaldiArchive.ScpEntry> scp = new LinkedHashMap<>();
      for (KaldiArchive.ScpEntry e : KaldiArchive.readScp(logprobs)) {
        scp.put(e.key(), e);
      }
      return new Inputs(new ArrayList<>(scp.keySet()), k -> KaldiArchive.read(scp.get(k)));
    }
    Map<String, FloatMatrix> all = readAll();
    return new Inputs(new ArrayList<>(all.keySet()), all::get);
  }

  /** A progress line every tenth of the utterances, for batches of 20 or more. */
  private static java.util.function.Consumer<BatchDecoding.Result> progress(
      int total, PrintWriter err) {
    AtomicInteger done = new AtomicInteger();
    int step = Math.max(1, total / 10);
    return r -> {
      int d = done.incrementAndGet();
      if (total >= 20 && d % step == 0) {
        synchronized (err) {
          err.printf(Locale.ROOT, "decode: %d/%d utterances%n", d, total);
          err.flush();
        }
      }
    };
  }

  /**
   * One bad utterance (an unreadable or non-finite matrix) is named and left out; the batch fails
   * only when nothing could be decoded.
   */
  private void reportSkipped(
      List<String> keys,
      List<BatchDecoding.Skipped> skipped,
      List<BatchDecoding.Result> results,
      PrintWriter err)
      throws AsrInputException {
    Map<String, BatchDecoding.Skipped> skippedByKey = new LinkedHashMap<>();
    skipped.forEach(x -> skippedByKey.put(x.key(), x));
    for (String k : keys) {
      if (skippedByKey.containsKey(k)) {
        err.println("skipped " + skippedByKey.get(k));
      }
    }
    if (!skipped.isEmpty() && results.isEmpty()) {
      throw AsrInputException.inFile(
          logprobs, "none of the " + keys.size() + " utterances could be decoded (see above)");
    }
  }

  /** The output lines of --format: text/JSON per utterance, or CTM lines sorted as sclite reads. */
  private List<String> outputLines(
      List<BatchDecoding.Result> results, Times times, DecoderSetup setup) throws Exception {
    List<String> lines = new ArrayList<>();
    List<Ctm.Line> ctm = new ArrayList<>();
    for (BatchDecoding.Result r : results) {
      if (format == Format.ctm) {
        ctm.addAll(times.ctm(r.key(), r.best(), setup));
      } else {
        lines.add(format(r.key(), r.frames(), r.nbest(), setup::text, setup.units()));
      }
    }
    if (format == Format.ctm) {
      if (times.hasSegments()) {
        // sclite reads a ctm sorted by file, channel and start time (Kaldi sorts it likewise)
        ctm.sort(
            java.util.Comparator.comparing(Ctm.Line::file)
                .thenComparing(Ctm.Line::channel)
                .thenComparingDouble(Ctm.Line::startSeconds));
      }
      ctm.forEach(l -> lines.add(l.format()));
    }
    return lines;
  }

  /** To --out, or to stdout without it. */
  private void writeLines(List<String> lines) throws IOException {
    if (out == null) {
      PrintWriter o = spec.commandLine().getOut();
      lines.forEach(o::println);
      o.flush();
    } else {
      Files.write(out, lines, StandardCharsets.UTF_8);
    }
  }

  /** Decoder RTF, end-to-end RTF with --model, and the bytes allocated per frame. */
  private void reportSpeed(
      ModelRun run, List<BatchDecoding.Result> results, int skipped, double wall, PrintWriter err) {
    long frames = 0;
    long decodeNanos = 0;
    long allocated = 0;
    for (BatchDecoding.Result r : results) {
      frames += r.frames();
      decodeNanos += r.nanos();
      allocated = r.allocatedBytes() < 0 || allocated < 0 ? -1 : allocated + r.allocatedBytes();
    }
    double audio = frames * frameShiftMs / 1000.0;
    err.printf(
        Locale.ROOT,
        "decoded %d utterances%s, %.1f s of audio: RTF %.5f (decoder time, summed over %d"
            + " thread(s)), wall %.2f s%n",
        results.size(),
        skipped == 0 ? "" : " (" + skipped + " skipped)",
        audio,
        audio == 0 ? 0 : decodeNanos / 1e9 / audio,
        threads,
        wall);
    if (run != null) {
      double total = (System.nanoTime() - run.startNanos()) / 1e9;
      err.printf(
          Locale.ROOT,
          "end to end (audio reading, features, model, decoding): %.2f s for %.1f s of audio,"
              + " RTF %.4f%n",
          total,
          run.audioSeconds(),
          run.audioSeconds() == 0 ? 0 : total / run.audioSeconds());
    }
    if (allocated >= 0 && frames > 0) {
      err.printf(
          Locale.ROOT,
          "allocated while decoding: %.1f bytes per frame (includes results and first-use"
              + " buffers)%n",
          (double) allocated / frames);
    }
    err.flush();
  }

  /** The decoder of --decoder, or {@code natural} (lexicon search with a lexicon, else prefix). */
  private DecoderSetup.Kind kind(DecoderSetup.Kind natural) {
    return decoder == null
        ? natural
        : switch (decoder) {
          case greedy -> DecoderSetup.Kind.GREEDY;
          case prefix -> DecoderSetup.Kind.PREFIX_BEAM;
          case lexicon -> DecoderSetup.Kind.LEXICON;
        };
  }

  private PrefixBeamDecoder.Options prefixOptions() {
    return PrefixBeamDecoder.Options.defaults()
        .withBeamSize(beam == null ? 16 : beam)
        .withNBest(nbest)
        .withUnitPruneLogProb(unitPrune);
  }

  private LexiconDecoder.Options lexiconOptions() {
    return LexiconDecoder.Options.defaults()
        .withBeamSize(beam == null ? 50 : beam)
        .withBeamThreshold(beamThreshold)
        .withLmWeight(lmWeight)
        .withWordScore(wordScore)
        .withUnkScore(unkScore)
        .withNBest(nbest)
        .withUnitPruneLogProb(unitPrune);
  }

  /**
   * {@code --model} with audio FILEs: each file is read, and recognised in memory by one {@link
   * Recognizer} (loaded once, at the first readable file); the output is that of the archive
   * pipeline (same features, dither seeds, network and decoder). A file that cannot be read or is
   * too short is named and skipped; the run fails when none is left.
   */
  private Integer decodeFiles() throws Exception {
    long start = System.nanoTime();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.exists(model)) {
      throw AsrInputException.inFile(
          model,
          "no such model: give the run directory of asr train or asr nas run (with final.model),"
              + " or its .model file");
    }
    Map<String, Path> byId = ModelRun.fileIds(files);
    Devices.setThreads(Math.max(1, threads));
    Recognizer.Builder builder = recognizerBuilder();
    Recognizer recognizer = null;
    try {
      List<String> lines = new ArrayList<>();
      long frames = 0;
      double audio = 0;
      int skipped = 0;
      int utterances = 0;
      double longerThan = LongAudioOptions.defaults().endpointer().maxSegmentSeconds();
      for (Map.Entry<String, Path> e : byId.entrySet()) {
        String id = e.getKey();
        Result r;
        try {
          if (isLong(id, e.getValue(), longerThan)) {
            recognizer = loaded(recognizer, builder, err);
            LongResult lr = recognizeLong(recognizer, id, e.getValue(), err);
            frames += lr.frames();
            audio += lr.audioSeconds();
            lines.addAll(longLines(lr, recognizer.units()));
            utterances++;
            continue;
          }
          Audio a = AudioReader.read(e.getValue());
          recognizer = loaded(recognizer, builder, err);
          r = recognizer.recognize(a, id, e.getValue());
        } catch (AsrInputException | IOException x) {
          err.println("skipped " + id + ": " + oneLine(x.getMessage()));
          skipped++;
          continue;
        }
        frames += r.frames();
        audio += r.audioSeconds();
        lines.addAll(shortLines(id, r, recognizer.units()));
        utterances++;
      }
      if (lines.isEmpty()) {
        throw AsrInputException.inFile(
            files.get(0), "no utterance could be read; see the messages above");
      }
      writeLines(lines);
      double total = (System.nanoTime() - start) / 1e9;
      err.printf(
          Locale.ROOT,
          "decoded %d utterances%s, %.1f s of audio, %d output frames (%s decoder)%n",
          utterances,
          skipped == 0 ? "" : " (" + skipped + " skipped)",
          audio,
          frames,
          recognizer.decoderKind().name().toLowerCase(Locale.ROOT));
      err.printf(
          Locale.ROOT,
          "end to end (audio reading, features, model, decoding): %.2f s for %.1f s of audio,"
              + " RTF %.4f%n",
          total,
          audio,
          audio == 0 ? 0 : total / audio);
      err.flush();
      return 0;
    } finally {
      if (recognizer != null) {
        recognizer.close();
      }
    }
  }

  /** The Recognizer of --model, --device, the decoder options, --lexicon, --lm, --fbank-config. */
  private Recognizer.Builder recognizerBuilder() {
    Recognizer.Builder builder =
        Recognizer.builder()
            .setModel(model)
            .optDevice(DeviceSpec.parse(device))
            .optDecoder(
                kind(lexicon != null ? DecoderSetup.Kind.LEXICON : DecoderSetup.Kind.PREFIX_BEAM))
            .optDecoderOptions(lexiconOptions())
            .optPrefixBeamOptions(prefixOptions())
            .optNBest(nbest)
            .optLmMode(lmLenient ? ArpaModel.Mode.LENIENT : ArpaModel.Mode.STRICT);
    if (lexicon != null) {
      builder.optLexicon(lexicon);
    }
    if (lm != null) {
      builder.optLm(lm);
    }
    if (fbankConfig != null) {
      builder.optFbankConfig(fbankConfig);
    }
    return builder;
  }

  /** The output lines of one in-memory recognition: its CTM words, or its text/JSON line. */
  private List<String> shortLines(String id, Result r, Units units) {
    if (format == Format.ctm) {
      return Ctm.lines(id, "1", r.best().hypothesis(), units, r.frameShiftSeconds(), 0).stream()
          .map(Ctm.Line::format)
          .toList();
    }
    return List.of(
        format(
            id,
            r.frames(),
            r.alternatives().stream().map(Alternative::hypothesis).toList(),
            h -> textOf(r, h),
            units));
  }

  /**
   * The recognizer, built on first use (so that a run whose files are all unreadable never loads
   * the model): its warnings printed, the frame shift taken for the output's times.
   */
  private Recognizer loaded(Recognizer existing, Recognizer.Builder builder, PrintWriter err)
      throws IOException, AsrInputException {
    if (existing != null) {
      return existing;
    }
    Recognizer r = builder.build();
    r.warnings().forEach(w -> err.println("warning: " + w));
    frameShiftMs = r.frameShiftSeconds() * 1000;
    return r;
  }

  /** Whether {@code --long} sends the file through the long-audio path. */
  private boolean isLong(String id, Path file, double longerThanSeconds)
      throws IOException, AsrInputException {
    return switch (longMode) {
      case always -> true;
      case never -> false;
      case auto ->
          AudioReader.recordingSeconds(new WavEntry(id, file.toAbsolutePath().toString()))
              > longerThanSeconds;
    };
  }

  /** A long file, segment by segment, with a progress line every 100 segments. */
  private static LongResult recognizeLong(Recognizer r, String id, Path file, PrintWriter err)
      throws IOException, AsrInputException {
    LongResult lr =
        r.recognizeLong(
            file,
            id,
            s -> {
              if ((s.index() + 1) % 100 == 0) {
                err.printf(
                    Locale.ROOT,
                    "decode: %s: %d segments, %.1f s of audio%n",
                    id,
                    s.index() + 1,
                    s.endSeconds());
                err.flush();
              }
            });
    err.printf(
        Locale.ROOT,
        "decode: %s: long audio, %d speech segments in %.1f s%n",
        id,
        lr.segments().size(),
        lr.audioSeconds());
    err.flush();
    return lr;
  }

  /**
   * The output lines of a long file: text and trn one line of the segments' words in order, ctm a
   * line per word (or unit) with times in the file, json one object with the segments.
   */
  private List<String> longLines(LongResult lr, Units units) {
    String id = lr.utteranceId();
    String text = lr.text();
    return switch (format) {
      case text -> List.of(text.isEmpty() ? id : id + " " + text);
      case trn -> List.of((text.isEmpty() ? "" : text + " ") + "(" + id + ")");
      case ctm -> {
        List<String> lines = new ArrayList<>();
        for (SegmentResult s : lr.segments()) {
          Ctm.lines(
                  id,
                  "1",
                  s.result().best().hypothesis(),
                  units,
                  s.result().frameShiftSeconds(),
                  s.offsetSeconds())
              .forEach(l -> lines.add(l.format()));
        }
        yield lines;
      }
      case json -> {
        JsonObject o = new JsonObject();
        o.addProperty("utt", id);
        o.addProperty("text", text);
        o.addProperty("frames", lr.frames());
        o.add("audio", number(lr.audioSeconds(), 3));
        JsonArray segments = new JsonArray();
        for (SegmentResult s : lr.segments()) {
          Alternative best = s.result().best();
          JsonObject j = new JsonObject();
          j.addProperty("id", s.result().utteranceId());
          j.add("start", number(s.startSeconds(), 3));
          j.add("end", number(s.endSeconds(), 3));
          j.addProperty("text", best.text());
          j.add("score", number(best.score(), 4));
          j.add("am", number(best.acousticScore(), 4));
          j.add("lm", number(best.lmScore(), 4));
          j.addProperty("frames", s.result().frames());
          addTimes(j, best.hypothesis(), units, s.offsetSeconds());
          segments.add(j);
        }
        o.add("segments", segments);
        yield List.of(GSON.toJson(o));
      }
    };
  }

  /** A message on one line of at most 200 characters, as {@code asr features} lists skips. */
  private static String oneLine(String message) {
    return Messages.reason(String.valueOf(message));
  }

  /** The text the recognizer gave the alternative whose hypothesis is {@code h}. */
  private static String textOf(Result r, Hypothesis h) {
    for (Alternative a : r.alternatives()) {
      if (a.hypothesis() == h) {
        return a.text();
      }
    }
    throw new IllegalStateException("not an alternative of " + r.utteranceId());
  }

  private Map<String, FloatMatrix> readAll() throws IOException, AsrInputException {
    if (logprobs.toString().endsWith(".scp")) {
      Map<String, FloatMatrix> m = new LinkedHashMap<>();
      for (KaldiArchive.ScpEntry e : KaldiArchive.readScp(logprobs)) {
        m.put(e.key(), KaldiArchive.read(e));
      }
      return m;
    }
    return KaldiArchive.readAll(logprobs);
  }

  /**
   * One output line (text, trn or json) of an utterance.
   *
   * @param nbest the hypotheses, best first
   * @param text the printed text of a hypothesis
   * @param units the model's units (for the json unit times)
   */
  private String format(
      String key,
      int frames,
      List<Hypothesis> nbest,
      java.util.function.Function<Hypothesis, String> text,
      Units units) {
    Hypothesis best = nbest.get(0);
    String bestText = text.apply(best);
    return switch (format) {
      case text -> bestText.isEmpty() ? key : key + " " + bestText;
      case trn -> (bestText.isEmpty() ? "" : bestText + " ") + "(" + key + ")";
      case json -> {
        JsonObject o = new JsonObject();
        o.addProperty("utt", key);
        o.addProperty("text", bestText);
        o.add("score", number(best.score(), 4));
        o.add("am", number(best.acousticScore(), 4));
        o.add("lm", number(best.lmScore(), 4));
        o.addProperty("frames", frames);
        addTimes(o, best, units);
        JsonArray nbestArray = new JsonArray();
        for (Hypothesis h : nbest) {
          JsonObject e = new JsonObject();
          e.addProperty("text", text.apply(h));
          e.add("score", number(h.score(), 4));
          addTimes(e, h, units);
          nbestArray.add(e);
        }
        o.add("nbest", nbestArray);
        yield GSON.toJson(o);
      }
      case ctm -> throw new IllegalStateException("ctm lines are written by Times.ctm");
    };
  }

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** "words" and "units" arrays of {token, start, end, conf} in seconds, where tracked. */
  private void addTimes(JsonObject o, Hypothesis h, Units units) {
    addTimes(o, h, units, 0);
  }

  /** The same with times shifted by {@code offsetSeconds} (a segment's start in its file). */
  private void addTimes(JsonObject o, Hypothesis h, Units units, double offsetSeconds) {
    double shift = frameShiftMs / 1000.0;
    if (!h.wordSpans().isEmpty()) {
      o.add("words", tokens("word", h.words(), h.wordSpans(), shift, offsetSeconds));
    }
    if (!h.unitSpans().isEmpty()) {
      o.add("units", tokens("unit", units.decode(h.units()), h.unitSpans(), shift, offsetSeconds));
    }
  }

  private static JsonArray tokens(
      String key, List<String> names, List<Span> spans, double shift, double offsetSeconds) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < names.size(); i++) {
      Span s = spans.get(i);
      JsonObject t = new JsonObject();
      t.addProperty(key, names.get(i));
      t.add("start", number(offsetSeconds + s.startFrame() * shift, 3));
      t.add("end", number(offsetSeconds + s.endFrame() * shift, 3));
      t.add("conf", number(s.confidence(), 3));
      a.add(t);
    }
    return a;
  }

  /** A JSON number rounded to {@code decimals} places; null when not finite. */
  private static com.google.gson.JsonElement number(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return JsonNull.INSTANCE;
    }
    return new JsonPrimitive(
        java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP));
  }

  /**
   * Where each utterance lies for CTM output: without a data dir (or one without {@code segments})
   * an utterance is its own file, channel {@code 1}, from time 0; with segments, the file and
   * channel of its recording ({@code reco2file_and_channel}, else the recording id and {@code 1})
   * and the segment start as offset, as Kaldi's {@code utils/convert_ctm.pl} converts.
   */
  record Times(
      Path segmentsFile,
      Map<String, Segment> segments,
      Map<String, FileAndChannel> files,
      double frameShiftMs) {
    static Times of(Path data, double frameShiftMs) throws IOException, AsrInputException {
      if (data == null) {
        return new Times(null, Map.of(), Map.of(), frameShiftMs);
      }
      // Only segments and reco2file_and_channel are used: an untranscribed dir will do.
      DataDirValidator.Report report =
          DataDirValidator.validate(
              data,
              DataDirValidator.Options.defaults()
                  .withRequireText(false)
                  .withCheckAudioFilesExist(false));
      if (!report.isValid()) {
        DataDirValidator.Problem first = report.errors().get(0);
        throw AsrInputException.atLine(first.file(), first.line(), first.message());
      }
      DataDir d = report.dataDir().orElseThrow();
      return new Times(
          data.resolve(DataDir.SEGMENTS), d.segments(), d.reco2FileAndChannel(), frameShiftMs);
    }

    boolean hasSegments() {
      return !segments.isEmpty();
    }

    List<Ctm.Line> ctm(String utt, Hypothesis h, DecoderSetup setup) throws AsrInputException {
      Segment seg = segments.get(utt);
      if (seg == null && !segments.isEmpty()) {
        throw AsrInputException.inFile(
            segmentsFile,
            "has no utterance "
                + utt
                + " of the log-probabilities: give the data dir they were computed from");
      }
      String file = utt;
      String channel = "1";
      double offset = 0;
      if (seg != null) {
        FileAndChannel fc = files.get(seg.recordingId());
        file = fc != null ? fc.fileName() : seg.recordingId();
        channel = fc != null ? fc.channel() : "1";
        offset = seg.startSeconds();
      }
      return Ctm.lines(file, channel, h, setup.units(), frameShiftMs / 1000.0, offset);
    }
  }
}

package org.asrnas.frontend.stream;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.TarsosDSPAudioInputStream;
import be.tarsos.dsp.io.jvm.JVMAudioInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;

/**
 * Audio that arrives as a stream (standard input, a socket, a microphone) read block by block
 * through TarsosDSP's {@link AudioDispatcher}, in memory bounded by one block, and handed to a
 * {@link SampleSink} in 16-bit integer scale, the scale of {@link
 * org.asrnas.frontend.audio.AudioReader}: for the same 16-bit PCM WAV the samples are identical.
 *
 * <p>TarsosDSP scales 16-bit samples by 1/32767 to floats; multiplying back by 32767 and rounding
 * recovers the integers exactly (the relative error of the float product is below 1e-7, far from
 * 0.5 at |s| &lt;= 32768). Only mono 16-bit PCM is taken: TarsosDSP's dispatcher converts one
 * sample per frame, so several channels would be mixed up, and its 8/24/32-bit scales differ from
 * AudioReader's; convert with {@code sox in.wav -c 1 -b 16 -t wav -}. {@code
 * AudioDispatcherFactory.fromPipe} is not used: it runs ffmpeg and, where ffmpeg is missing,
 * downloads a binary.
 */
public final class AudioStreams {
  /** Samples per block handed to the sink by default (0.1 s at 16 kHz). */
  public static final int DEFAULT_BLOCK_SAMPLES = 1600;

  private AudioStreams() {}

  /**
   * Reads a WAV (or AIFF/AU) stream, header first, to its end.
   *
   * @param name names the stream in errors ({@code -} for standard input)
   * @return the stream's sample rate
   * @throws AsrInputException when the header cannot be read or the format is not mono 16-bit PCM
   */
  public static int readWav(InputStream in, Path name, int blockSamples, SampleSink sink)
      throws IOException, AsrInputException {
    AudioInputStream ais;
    try {
      ais = AudioSystem.getAudioInputStream(new BufferedInputStream(in));
    } catch (UnsupportedAudioFileException e) {
      throw AsrInputException.inFile(
          name,
          "not a WAV, AIFF or AU stream that javax.sound can read ("
              + e.getMessage()
              + "); send 16-bit PCM WAV, e.g. sox in.flac -c 1 -b 16 -t wav -");
    }
    return read(ais, name, blockSamples, sink);
  }

  /**
   * Reads raw 16-bit little-endian mono PCM (e.g. {@code arecord -f S16_LE -c 1 -r 16000 -t raw}).
   */
  public static void readRaw(
      InputStream in, int sampleRateHz, Path name, int blockSamples, SampleSink sink)
      throws IOException, AsrInputException {
    Checks.checkArgument(sampleRateHz > 0, "sample rate must be > 0, got %s", sampleRateHz);
    AudioFormat f = new AudioFormat(sampleRateHz, 16, 1, true, false);
    read(new AudioInputStream(in, f, AudioSystem.NOT_SPECIFIED), name, blockSamples, sink);
  }

  /**
   * Reads a javax.sound stream (a file, a network stream, or a microphone line from {@link
   * #microphone}) until it ends or {@code sink} throws.
   *
   * @return the stream's sample rate
   */
  public static int read(AudioInputStream ais, Path name, int blockSamples, SampleSink sink)
      throws IOException, AsrInputException {
    Checks.checkArgument(blockSamples >= 1, "blockSamples must be >= 1, got %s", blockSamples);
    AudioFormat f = ais.getFormat();
    boolean pcm =
        f.getEncoding() == AudioFormat.Encoding.PCM_SIGNED && f.getSampleSizeInBits() == 16;
    if (!pcm || f.getChannels() != 1) {
      throw AsrInputException.inFile(
          name,
          "the stream is "
              + f
              + "; streaming takes mono 16-bit signed PCM: convert with sox in.wav -c 1 -b 16"
              + " -e signed-integer -t wav -");
    }
    Guarded stream = new Guarded(new JVMAudioInputStream(ais));
    AudioDispatcher d = new AudioDispatcher(stream, blockSamples, 0);
    // the last block as long as what is left, not padded with zeros to the block size
    d.setZeroPadLastBuffer(false);
    float[] out = new float[blockSamples];
    d.addAudioProcessor(
        new AudioProcessor() {
          @Override
          public boolean process(AudioEvent e) {
            float[] b = e.getFloatBuffer();
            int n = b.length;
            for (int i = 0; i < n; i++) {
              out[i] = Math.round(b[i] * 32767f);
            }
            sink.accept(out, n);
            return true;
          }

          @Override
          public void processingFinished() {}
        });
    try {
      d.run();
    } catch (Error e) {
      // the dispatcher turns an IOException of the stream into an Error; give back the original
      if (stream.failure != null) {
        throw stream.failure;
      }
      throw e;
    }
    if (stream.failure != null) {
      throw stream.failure;
    }
    return (int) f.getSampleRate();
  }

  /**
   * The default microphone as a mono 16-bit PCM stream at {@code sampleRateHz}; read it with {@link
   * #read} and close it to stop.
   *
   * @throws AsrInputException when the machine has no such input line (no sound card, or a headless
   *     server)
   */
  public static AudioInputStream microphone(int sampleRateHz) throws AsrInputException {
    AudioFormat f = new AudioFormat(sampleRateHz, 16, 1, true, false);
    DataLine.Info info = new DataLine.Info(TargetDataLine.class, f);
    try {
      TargetDataLine line = (TargetDataLine) AudioSystem.getLine(info);
      line.open(f, DEFAULT_BLOCK_SAMPLES * 2 * 4);
      line.start();
      return new AudioInputStream(line);
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      throw AsrInputException.inFile(
          Path.of("microphone"),
          "no audio input line for mono 16-bit PCM at "
              + sampleRateHz
              + " Hz ("
              + e.getMessage()
              + "); record with arecord -f S16_LE -c 1 -r "
              + sampleRateHz
              + " -t raw and read standard input instead");
    }
  }

  /** Remembers the stream's IOException, which the dispatcher reports only as an Error. */
  private static final class Guarded implements TarsosDSPAudioInputStream {
    private final TarsosDSPAudioInputStream in;
    IOException failure;

    Guarded(TarsosDSPAudioInputStream in) {
      this.in = in;
    }

    @Override
    public long skip(long bytes) throws IOException {
      return in.skip(bytes);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    @Override
    public TarsosDSPAudioFormat getFormat() {
      return in.getFormat();
    }

    @Override
    public long getFrameLength() {
      return in.getFrameLength();
    }
  }
}

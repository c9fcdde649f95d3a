package org.asrnas.core.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.asrnas.core.AsrInputException;

/**
 * Versioned binary files with an integrity check (models and checkpoints): a magic string ending in
 * {@code -<version>} ({@link DataOutputStream#writeUTF}), the content, then a 16-byte trailer: the
 * number of bytes before the trailer (int64), their CRC-32C (int32) and the tag {@code "CRC\0"}.
 * All big-endian. CRC-32C detects every error burst of up to 32 bits, so any single flipped bit is
 * caught. Files of older versions without the trailer are read through {@link #open} and {@link
 * Input#unverified()}: their length fields are still checked against the bytes present.
 */
public final class ChecksummedFile {
  /** Bytes of the trailer. */
  public static final int TRAILER_BYTES = 16;

  private static final int TAG = 0x43524300; // "CRC\0"

  private ChecksummedFile() {}

  /**
   * Writes {@code file} atomically: {@code magic}, what {@code content} writes, the trailer.
   *
   * @param magic e.g. {@code ASR-NAS-MODEL-2}
   */
  public static void write(
      Path file, String magic, AtomicFiles.IOConsumer<DataOutputStream> content)
      throws IOException {
    AtomicFiles.write(
        file,
        os -> {
          CRC32C crc = new CRC32C();
          Counting counted = new Counting(new CheckedOutputStream(os, crc));
          DataOutputStream out = new DataOutputStream(counted);
          out.writeUTF(magic);
          content.accept(out);
          out.flush();
          DataOutputStream trailer = new DataOutputStream(os);
          trailer.writeLong(counted.count);
          trailer.writeInt((int) crc.getValue());
          trailer.writeInt(TAG);
          trailer.flush();
        });
  }

  /**
   * Opens {@code file} and reads its magic string; the caller checks it, then calls {@link
   * Input#verified()} (current versions) or {@link Input#unverified()} (versions without a
   * checksum) before reading the content.
   *
   * @param what what the file is, for messages ("model file", "checkpoint")
   */
  public static Input open(Path file, String what) throws IOException, AsrInputException {
    return new Input(file, what);
  }

  /**
   * Opens a versioned file whose magic is {@code prefix} followed by a version from 1 to {@code
   * newest}: version 1 predates the checksum and is read {@link Input#unverified()}, later ones are
   * {@link Input#verified()} before anything is parsed. Another magic, or a newer version, is an
   * input error with the fix.
   *
   * @param what what the file is, for messages ("model file", "checkpoint")
   * @param writer the command that writes such files, for messages ("asr train")
   */
  public static Input openVersioned(
      Path file, String what, String prefix, int newest, String writer)
      throws IOException, AsrInputException {
    Input in = open(file, what);
    try {
      int version = version(in.magic(), prefix);
      if (version < 1) {
        throw AsrInputException.atByte(file, 0, "not a " + what + " written by " + writer);
      }
      if (version > newest) {
        throw AsrInputException.inFile(
            file,
            what
                + " format version "
                + version
                + " is newer than this asr reads (up to "
                + newest
                + "); use the asr that wrote it, or update asr");
      }
      return version == 1 ? in.unverified() : in.verified();
    } catch (IOException | AsrInputException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The version number after {@code prefix} in {@code magic} (e.g. 2 for {@code ASR-NAS-MODEL-2}
   * and prefix {@code ASR-NAS-MODEL-}), or -1 when {@code magic} is not of that form.
   */
  public static int version(String magic, String prefix) {
    if (!magic.startsWith(prefix)) {
      return -1;
    }
    String v = magic.substring(prefix.length());
    if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return Integer.parseInt(v);
  }

  /** A file being read: a data stream after the magic, bounded by the content's end. */
  public static final class Input implements Closeable {
    private final Path file;
    private final String what;
    private final long size;
    private final BoundedInputStream bounded;
    private final DataInputStream data;
    private final String magic;

    private Input(Path file, String what) throws IOException, AsrInputException {
      this.file = file;
      this.what = what;
      this.size = Files.size(file);
      this.bounded =
          new BoundedInputStream(
              new BufferedInputStream(Files.newInputStream(file), 1 << 16), size);
      this.data = new DataInputStream(bounded);
      try {
        this.magic = data.readUTF();
      } catch (EOFException e) {
        close();
        throw truncated();
      } catch (IOException e) {
        close();
        throw AsrInputException.atByte(file, 0, "not a " + what + " (" + e.getMessage() + ")");
      }
    }

    /** The magic string at the start of the file. */
    public String magic() {
      return magic;
    }

    public Path file() {
      return file;
    }

    /**
     * Checks the trailer and the CRC-32C of everything before it, and bounds the stream at the end
     * of the content.
     */
    public Input verified() throws IOException, AsrInputException {
      long contentEnd = size - TRAILER_BYTES;
      if (contentEnd < bounded.position()) {
        throw truncated();
      }
      ByteBuffer t = ByteBuffer.allocate(TRAILER_BYTES);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ch.position(contentEnd);
        while (t.hasRemaining() && ch.read(t) >= 0) {
          // fill the trailer
        }
        if (t.hasRemaining()) {
          throw truncated();
        }
        t.flip();
        long declared = t.getLong();
        int stored = t.getInt();
        int tag = t.getInt();
        if (tag != TAG || declared != contentEnd) {
          throw truncated();
        }
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        ch.position(0);
        long left = contentEnd;
        while (left > 0) {
          buf.clear();
          if (left < buf.capacity()) {
            buf.limit((int) left);
          }
          int n = ch.read(buf);
          if (n < 0) {
            throw truncated();
          }
          buf.flip();
          crc.update(buf);
          left -= n;
        }
        if ((int) crc.getValue() != stored) {
          throw AsrInputException.inFile(
              file,
              String.format(
                  Locale.ROOT,
                  "corrupt %s: checksum mismatch (CRC-32C of the content %08x, the file says"
                      + " %08x); re-train or re-copy it",
                  what,
                  (int) crc.getValue(),
                  stored));
        }
      }
      bounded.setLimit(contentEnd);
      return this;
    }

    /** For versions without a checksum: the content runs to the end of the file. */
    public Input unverified() {
      return this;
    }

    /** The stream of the content, after the magic. */
    public DataInputStream data() {
      return data;
    }

    /** Bytes read so far, from the start of the file. */
    public long position() {
      return bounded.position();
    }

    /** Content bytes not yet read. */
    public long remaining() {
      return bounded.limit() - bounded.position();
    }

    /**
     * Reads a length-prefixed byte string (int32 length), checking the length against the bytes
     * present before allocating.
     */
    public byte[] readBytes(String field) throws IOException, AsrInputException {
      long at = position();
      int n = data.readInt();
      if (n < 0 || n > remaining()) {
        throw corrupt(
            at,
            String.format(
                Locale.ROOT,
                "the length of the %s is %d bytes but %d remain",
                field,
                n,
                remaining()));
      }
      byte[] b = new byte[n];
      data.readFully(b);
      return b;
    }

    /** Fails unless the whole content has been read. */
    public void expectEnd() throws AsrInputException {
      if (remaining() != 0) {
        throw corrupt(position(), remaining() + " unexpected bytes after the content");
      }
    }

    /** An error at byte {@code at}: the file is corrupt (or not what it claims). */
    public AsrInputException corrupt(long at, String message) {
      return AsrInputException.atByte(
          file, at, "corrupt " + what + ": " + message + "; re-train or re-copy it");
    }

    /** The file ends early. */
    public AsrInputException truncated() {
      return AsrInputException.inFile(
          file,
          "truncated "
              + what
              + " ("
              + size
              + " bytes, the end marker is missing); was the write interrupted? re-train or"
              + " re-copy it");
    }

    @Override
    public void close() throws IOException {
      data.close();
    }
  }

  /** Counts the bytes written through it. */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}

package org.asrnas.core.io;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.data.KaldiTables;
import org.asrnas.core.data.TableLine;

/**
 * Kaldi binary float-matrix archives. An entry is {@code key SPACE \0B FM SPACE} then the rows and
 * columns as Kaldi writes integers (a size byte 4 and a little-endian int32 each) and rows x cols
 * little-endian float32 values. {@code feats.scp} lines are {@code key ark-path:offset}, the offset
 * pointing at the {@code \0B} marker (as Kaldi's {@code copy-feats ark:- ark,scp:f.ark,f.scp}).
 * Double matrices ({@code DM}, as Kaldi's {@code compute-cmvn-stats} writes) are written with
 * {@link Writer#write(String, DoubleMatrix)} and read exactly with {@link #readDouble(ScpEntry)} or
 * converted to float by the float readers.
 */
public final class KaldiArchive {
  private KaldiArchive() {}

  /** One entry of a {@code .scp} file. */
  public record ScpEntry(String key, Path archive, long offset) {}

  /** Appends matrices to an archive and records their offsets for the scp file. */
  public static final class Writer implements AutoCloseable {
    private final Path archive;
    private final OutputStream out;
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    private long position;

    /** Creates (truncates) {@code archive}. */
    public Writer(Path archive) throws IOException {
      this.archive = archive;
      Files.createDirectories(archive.toAbsolutePath().getParent());
      this.out = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16);
    }

    /** Writes one matrix and returns the offset of its binary marker. */
    public long write(String key, FloatMatrix m) throws IOException {
      ByteBuffer b = header('F', m.rows(), m.cols(), Math.multiplyExact(4, m.data().length));
      for (float v : m.data()) {
        b.putFloat(v);
      }
      return append(key, b);
    }

    /** Writes one double matrix ({@code DM}) and returns the offset of its binary marker. */
    public long write(String key, DoubleMatrix m) throws IOException {
      ByteBuffer b = header('D', m.rows(), m.cols(), Math.multiplyExact(8, m.data().length));
      for (double v : m.data()) {
        b.putDouble(v);
      }
      return append(key, b);
    }

    /** A buffer holding {@code \0B?M } and the sizes, with room for {@code valueBytes} more. */
    private static ByteBuffer header(char type, int rows, int cols, int valueBytes) {
      ByteBuffer b =
          ByteBuffer.allocate(Math.addExact(2 + 3 + 10, valueBytes)).order(ByteOrder.LITTLE_ENDIAN);
      b.put((byte) 0).put((byte) 'B').put((byte) type).put((byte) 'M').put((byte) ' ');
      b.put((byte) 4).putInt(rows).put((byte) 4).putInt(cols);
      return b;
    }

    /** Writes {@code key }, then the filled buffer; records and returns the marker's offset. */
    private long append(String key, ByteBuffer b) throws IOException {
      byte[] k = (key + " ").getBytes(StandardCharsets.UTF_8);
      out.write(k);
      long offset = position + k.length;
      out.write(b.array());
      position = offset + b.capacity();
      offsets.put(key, offset);
      return offset;
    }

    /** The {@code key archive:offset} lines of what was written, in write order. */
    public List<ScpEntry> entries() {
      List<ScpEntry> out = new ArrayList<>();
      offsets.forEach((k, o) -> out.add(new ScpEntry(k, archive, o)));
      return out;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Writes a scp file (atomically) for the given entries. */
  public static void writeScp(Path scp, List<ScpEntry> entries) throws IOException {
    List<String> lines = new ArrayList<>();
    for (ScpEntry e : entries) {
      lines.add(e.key() + " " + e.archive() + ":" + e.offset());
    }
    KaldiTables.writeLinesAtomically(scp, lines);
  }

  /** Reads a scp file ({@code key path:offset} per line). */
  public static List<ScpEntry> readScp(Path scp) throws IOException, AsrInputException {
    List<ScpEntry> out = new ArrayList<>();
    for (TableLine l : KaldiTables.readLines(scp)) {
      if (l.key().isEmpty()) {
        continue;
      }
      int colon = l.rest().lastIndexOf(':');
      if (colon < 0) {
        throw AsrInputException.atLine(
            scp, l.lineNumber(), "expected 'key archive.ark:offset', got '" + l.rest() + "'");
      }
      try {
        out.add(
            new ScpEntry(
                l.key(),
                Path.of(l.rest().substring(0, colon)),
                Long.parseLong(l.rest().substring(colon + 1))));
      } catch (NumberFormatException e) {
        throw AsrInputException.atLine(
            scp, l.lineNumber(), "offset '" + l.rest().substring(colon + 1) + "' is not a number");
      }
    }
    return out;
  }

  /** Reads the matrix an scp entry points at. */
  public static FloatMatrix read(ScpEntry e) throws IOException, AsrInputException {
    return toFloat(readDouble(e));
  }

  /**
   * Reads every double matrix of an archive exactly (float matrices are widened), in file order.
   */
  public static Map<String, DoubleMatrix> readAllDouble(Path archive)
      throws IOException, AsrInputException {
    return readAll(archive, m -> m);
  }

  private static FloatMatrix toFloat(DoubleMatrix m) {
    float[] f = new float[m.data().length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) m.data()[i];
    }
    return new FloatMatrix(m.rows(), m.cols(), f);
  }

  /**
   * Reads the matrix an scp entry points at in double precision ({@code DM} exactly, {@code FM}
   * widened).
   */
  public static DoubleMatrix readDouble(ScpEntry e) throws IOException, AsrInputException {
    if (!Files.exists(e.archive())) {
      // Kaldi's convention: relative archive paths in an scp are read from the current directory.
      throw AsrInputException.inFile(
          e.archive(),
          "archive of '"
              + e.key()
              + "' does not exist"
              + (e.archive().isAbsolute()
                  ? ""
                  : "; relative paths in an scp are read from the current directory, so run"
                      + " from the directory the features were made in"));
    }
    try (FileChannel ch = FileChannel.open(e.archive(), StandardOpenOption.READ)) {
      if (e.offset() >= ch.size()) {
        throw AsrInputException.atByte(
            e.archive(),
            e.offset(),
            "offset of "
                + e.key()
                + " is past the end of the archive ("
                + ch.size()
                + " bytes); the scp does not belong to this archive");
      }
      ch.position(e.offset());
      return readMatrix(
          new DataInputStream(java.nio.channels.Channels.newInputStream(ch)),
          e.archive(),
          e.offset(),
          ch.size() - e.offset());
    }
  }

  /** Reads every matrix of an archive, in file order. */
  public static Map<String, FloatMatrix> readAll(Path archive)
      throws IOException, AsrInputException {
    return readAll(archive, KaldiArchive::toFloat);
  }

  /** Every matrix of an archive in file order, each converted as it is read. */
  private static <T> Map<String, T> readAll(Path archive, Function<DoubleMatrix, T> convert)
      throws IOException, AsrInputException {
    Map<String, T> out = new LinkedHashMap<>();
    long size = Files.size(archive);
    try (InputStream raw =
        new java.io.BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
      CountingInput in = new CountingInput(raw);
      while (true) {
        String key = readKey(in, archive);
        if (key == null) {
          break;
        }
        out.put(
            key,
            convert.apply(readMatrix(new DataInputStream(in), archive, in.count, size - in.count)));
      }
    }
    return out;
  }

  private static String readKey(CountingInput in, Path file) throws IOException, AsrInputException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != ' ') {
      sb.append((char) c);
    }
    if (c == -1) {
      if (sb.length() == 0 || sb.toString().isBlank()) {
        return null;
      }
      throw AsrInputException.atByte(file, in.count, "archive ends inside the key '" + sb + "'");
    }
    return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
        .strip();
  }

  /** Bytes of {@code \0B?M } and the two sizes. */
  private static final int HEADER_BYTES = 15;

  /** The largest matrix read (a Java array's limit, less a margin). */
  private static final long MAX_MATRIX_BYTES = Integer.MAX_VALUE - 16L;

  /**
   * Reads the matrix at {@code offset} of {@code file}.
   *
   * @param available the bytes of the file from {@code offset} on
   */
  private static DoubleMatrix readMatrix(DataInputStream in, Path file, long offset, long available)
      throws IOException, AsrInputException {
    try {
      byte[] head = new byte[5];
      in.readFully(head);
      if (head[0] != 0 || head[1] != 'B') {
        throw AsrInputException.atByte(
            file,
            offset,
            "not a binary Kaldi object (expected \\0B); text archives are not supported, convert with copy-feats ark,t:- ark:-");
      }
      String type = new String(head, 2, 3, StandardCharsets.US_ASCII);
      boolean isDouble;
      if (type.equals("FM ")) {
        isDouble = false;
      } else if (type.equals("DM ")) {
        isDouble = true;
      } else {
        throw AsrInputException.atByte(
            file,
            offset + 2,
            "unsupported matrix type '"
                + type.strip()
                + "' (FM and DM are supported; uncompress with copy-feats --compress=false)");
      }
      int rows = readInt(in, file, offset + 5);
      int cols = readInt(in, file, offset + 10);
      int width = isDouble ? 8 : 4;
      // sizes in long, checked against the bytes present before anything is allocated
      long n = rows < 0 || cols < 0 ? -1 : (long) rows * cols;
      if (n < 0 || n > Integer.MAX_VALUE || n * width > MAX_MATRIX_BYTES) {
        throw AsrInputException.atByte(
            file,
            offset + 5,
            "bad matrix size "
                + rows
                + " x "
                + cols
                + " (corrupt archive, or not written by Kaldi or asr)");
      }
      long bytes = n * width;
      long left = available - HEADER_BYTES;
      if (bytes > left) {
        throw AsrInputException.atByte(
            file,
            offset,
            "archive is truncated inside the matrix starting here: its "
                + rows
                + " x "
                + cols
                + " values need "
                + bytes
                + " bytes, "
                + Math.max(0, left)
                + " follow (or its size field is corrupt)");
      }
      byte[] raw = new byte[(int) bytes];
      in.readFully(raw);
      ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      double[] d = new double[(int) n];
      for (int i = 0; i < d.length; i++) {
        d[i] = isDouble ? b.getDouble() : b.getFloat();
      }
      return new DoubleMatrix(rows, cols, d);
    } catch (EOFException e) {
      throw AsrInputException.atByte(
          file, offset, "archive is truncated inside the matrix starting here");
    }
  }

  private static int readInt(DataInputStream in, Path file, long offset)
      throws IOException, AsrInputException {
    int size = in.readUnsignedByte();
    if (size != 4) {
      throw AsrInputException.atByte(
          file, offset, "expected a 4-byte integer size marker, got " + size);
    }
    byte[] b = new byte[4];
    in.readFully(b);
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  /** Counts bytes read, for error offsets. */
  private static final class CountingInput extends java.io.FilterInputStream {
    long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count++;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}

package org.asrnas.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that counts the bytes read and ends (EOF) at a limit, which may be moved: a file's
 * payload without what follows it (a checksummed file's trailer, a WAV file's chunks after 'data').
 * Mark and reset are not supported.
 */
public final class BoundedInputStream extends FilterInputStream {
  private long position;
  private long limit;

  /** Reads at most {@code limit} bytes of {@code in}. */
  public BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  /** Bytes read (or skipped) so far. */
  public long position() {
    return position;
  }

  /** The byte count at which the stream ends. */
  public long limit() {
    return limit;
  }

  /** Moves the end to {@code limit} bytes from the start. */
  public void setLimit(long limit) {
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    if (position >= limit) {
      return -1;
    }
    int c = super.read();
    if (c >= 0) {
      position++;
    }
    return c;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (position >= limit) {
      return -1;
    }
    int n = super.read(b, off, (int) Math.min(len, limit - position));
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = super.skip(Math.min(n, limit - position));
    position += s;
    return s;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}

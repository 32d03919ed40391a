package dev.pfsync.core.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body as it is read (after HttpClient's transparent gzip/deflate decoding, so a small
 * compressed bomb is bounded by what it inflates to): fails once more than {@code max} bytes have
 * arrived, and lets its {@link Exchange} say what a failed read means (the deadline, a stop).
 */
final class BoundedBody extends FilterInputStream {
  private final long max;
  private final Exchange exchange;
  private long count;
  private volatile boolean atEnd;

  BoundedBody(InputStream in, long max, Exchange exchange) {
    super(in);
    this.max = max;
    this.exchange = exchange;
  }

  @Override
  public int read() throws IOException {
    exchange.checkNotStopped(null);
    int b;
    try {
      b = in.read();
    } catch (IOException e) {
      throw exchange.explain(e);
    }
    counted(b < 0 ? -1 : 1);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    exchange.checkNotStopped(null);
    int n;
    try {
      n = in.read(buf, off, len);
    } catch (IOException e) {
      throw exchange.explain(e);
    }
    counted(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped;
    try {
      skipped = in.skip(n);
    } catch (IOException e) {
      throw exchange.explain(e);
    }
    counted(skipped);
    return skipped;
  }

  @Override
  public void close() {
    if (!atEnd) {
      exchange
          .drop(); // else closing the entity's stream would read the rest to reuse the connection
    }
    try {
      in.close();
    } catch (IOException e) {
      // a body closed before its end lost its connection on purpose (see Exchange#end)
    }
  }

  /** Whether the body was read to its end. */
  boolean atEnd() {
    return atEnd;
  }

  private void counted(long n) {
    if (n < 0) {
      atEnd = true;
      return;
    }
    count += n;
    if (count > max) {
      throw exchange.tooLong(max);
    }
  }
}

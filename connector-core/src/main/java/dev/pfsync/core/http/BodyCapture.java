package dev.pfsync.core.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A page body stream that keeps what messages and rejected records need: its first bytes (to quote
 * a body that is not a page), and the bytes from the start of the record being parsed, so a record
 * that is rejected can be kept exactly as the API sent it. Bytes before the current record are
 * dropped as parsing moves on, so memory stays at about one record plus the parser's read-ahead.
 */
final class BodyCapture extends FilterInputStream implements RawRecords {
  private static final int HEAD = 4096;
  // A record larger than this is not kept whole (the stored text says so).
  private static final int MAX_WINDOW = 2 * (1 << 20);

  private final byte[] head = new byte[HEAD];
  private int headLength;
  private byte[] window = new byte[1 << 16];
  private long windowStart; // stream offset of window[0]
  private int windowLength;
  private long keepFrom; // bytes before this offset are no longer needed
  private long offset; // bytes read so far

  BodyCapture(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      byte[] one = {(byte) b};
      kept(one, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      kept(buf, off, n);
    }
    return n;
  }

  private void kept(byte[] buf, int off, int n) {
    if (headLength < HEAD) {
      int copy = Math.min(n, HEAD - headLength);
      System.arraycopy(buf, off, head, headLength, copy);
      headLength += copy;
    }
    drop(keepFrom);
    if (windowLength + n > MAX_WINDOW) {
      // A record too large to keep: keep the newest bytes, the record's start is lost.
      drop(windowStart + windowLength + n - MAX_WINDOW);
    }
    int skip = Math.max(0, n - MAX_WINDOW); // only when one read alone exceeds the cap
    if (windowLength + n - skip > window.length) {
      int grown = Math.max(windowLength + n - skip, 2 * window.length);
      window = Arrays.copyOf(window, Math.min(grown, MAX_WINDOW));
    }
    System.arraycopy(buf, off + skip, window, windowLength, n - skip);
    windowLength += n - skip;
    windowStart += skip;
    offset += n;
  }

  /** Forgets the bytes before {@code to} (compacting the window). */
  private void drop(long to) {
    long drop = Math.min(to - windowStart, windowLength);
    if (drop <= 0) {
      return;
    }
    System.arraycopy(window, (int) drop, window, 0, windowLength - (int) drop);
    windowLength -= (int) drop;
    windowStart += drop;
  }

  @Override
  public void recordStarts(long at) {
    keepFrom = at;
  }

  @Override
  public String text(long from, long to) {
    if (from < windowStart || to > windowStart + windowLength || from > to) {
      return "(record of " + (to - from) + " bytes too large to keep)";
    }
    return new String(
        window, (int) (from - windowStart), (int) (to - from), StandardCharsets.UTF_8);
  }

  /** The first bytes read so far (at most 4 KiB). */
  byte[] head() {
    return Arrays.copyOf(head, headLength);
  }

  /** Bytes read so far. */
  long bytesRead() {
    return offset;
  }
}

package dev.pfsync.core.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** A body stream that keeps its first bytes, so a message about a bad page can quote them. */
final class HeadCapture extends FilterInputStream {
  private static final int KEEP = 4096;

  private final byte[] head = new byte[KEEP];
  private int kept;

  HeadCapture(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0 && kept < KEEP) {
      head[kept++] = (byte) b;
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0 && kept < KEEP) {
      int copy = Math.min(n, KEEP - kept);
      System.arraycopy(buf, off, head, kept, copy);
      kept += copy;
    }
    return n;
  }

  /** The first bytes read so far (at most 4 KiB). */
  byte[] bytes() {
    return Arrays.copyOf(head, kept);
  }
}

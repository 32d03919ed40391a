package dev.pfsync.mockapi.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pfsync.mockapi.data.IsoSeconds;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A growable byte buffer for JSON made of precomputed parts. Strings it escapes itself are written
 * exactly as {@link RowJson#FACTORY}'s generator writes them. Not thread-safe: one per response.
 */
final class JsonBuffer {
  private final char[] time = new char[40];
  private byte[] buf;
  private int length;

  JsonBuffer(int initialSize) {
    buf = new byte[initialSize];
  }

  int length() {
    return length;
  }

  /**
   * Sends the content to {@code out} in pieces of at most {@code piece} bytes and empties the
   * buffer.
   */
  void drainTo(OutputStream out, int piece) throws IOException {
    for (int at = 0; at < length; at += piece) {
      out.write(buf, at, Math.min(piece, length - at));
    }
    length = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, length);
  }

  void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, length, bytes.length);
    length += bytes.length;
  }

  /** A string value, quoted and escaped. */
  void string(String s) {
    int n = s.length();
    ensure(n + 2);
    byte[] b = buf;
    int p = length;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        raw(quoted(s)); // rare (ids are hex): let Jackson escape it
        return;
      }
      b[p++] = (byte) c;
    }
    b[p++] = '"';
    length = p;
  }

  /** A long in decimal, as {@link Long#toString(long)} writes it. */
  void decimal(long v) {
    if (v == Long.MIN_VALUE) {
      raw(escaped(Long.toString(v)));
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[length++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    int end = length + digits;
    for (int i = end - 1; i >= length; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length = end;
  }

  /** Epoch seconds as {@link IsoSeconds} text, unquoted (plain ASCII: nothing to escape). */
  void isoSeconds(long epochSecond) {
    int n = IsoSeconds.write(epochSecond, time);
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[length + i] = (byte) time[i];
    }
    length += n;
  }

  private void ensure(int more) {
    if (length + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
    }
  }

  /** {@code s} as Jackson writes a string value, quotes included. */
  static byte[] quoted(String s) {
    Bytes out = new Bytes(s.length() + 16);
    try (JsonGenerator g = RowJson.FACTORY.createGenerator(out)) {
      g.writeString(s);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot escape " + s, e);
    }
    return out.toByteArray();
  }

  /**
   * {@code s} as Jackson writes it inside a string value: its escaping works char by char, so the
   * escaped parts of a string concatenate to the escaped string.
   */
  static byte[] escaped(String s) {
    byte[] q = quoted(s);
    return Arrays.copyOfRange(q, 1, q.length - 1);
  }
}

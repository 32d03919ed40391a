package dev.pfsync.mockapi.http;

import java.io.ByteArrayOutputStream;

/** A byte buffer whose content is written out without the copy {@code toByteArray} makes. */
final class Bytes extends ByteArrayOutputStream {
  Bytes(int initialSize) {
    super(initialSize);
  }

  byte[] array() {
    return buf;
  }

  int length() {
    return count;
  }
}

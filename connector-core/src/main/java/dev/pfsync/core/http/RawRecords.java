package dev.pfsync.core.http;

import java.nio.charset.StandardCharsets;

/** The text of a page body by byte offsets, so a rejected record is kept as the API sent it. */
interface RawRecords {

  /** A record starts at this offset: bytes before it will not be asked for again. */
  void recordStarts(long offset);

  /** The body's bytes {@code [from, to)} as text. */
  String text(long from, long to);

  /** A body held whole in memory. */
  static RawRecords of(byte[] body) {
    return new RawRecords() {
      @Override
      public void recordStarts(long offset) {}

      @Override
      public String text(long from, long to) {
        if (from < 0 || to > body.length || from > to) {
          return "(record text not available)";
        }
        return new String(body, (int) from, (int) (to - from), StandardCharsets.UTF_8);
      }
    };
  }
}

package dev.pfsync.core.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip body of a few hundred KiB that inflates to {@code prefix}, {@code mebibytes} MiB of one
 * letter, then {@code suffix}. Built from one compressed MiB repeated (each after a full flush,
 * which resets the compressor, so every copy is the same bytes) rather than by compressing hundreds
 * of MiB in the test.
 */
final class GzipBomb {
  private GzipBomb() {}

  static byte[] of(String prefix, int mebibytes, String suffix) {
    byte[] mib = new byte[1 << 20];
    Arrays.fill(mib, (byte) 'a');
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] tail = suffix.getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    out.writeBytes(deflate(deflater, head, Deflater.FULL_FLUSH));
    byte[] block = deflate(deflater, mib, Deflater.FULL_FLUSH);
    for (int i = 0; i < mebibytes; i++) {
      out.writeBytes(block);
    }
    deflater.setInput(tail);
    deflater.finish();
    byte[] buf = new byte[64 * 1024];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(head);
    for (int i = 0; i < mebibytes; i++) {
      crc.update(mib);
    }
    crc.update(tail);
    long size = head.length + (long) mebibytes * mib.length + tail.length;
    ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    trailer.putInt((int) crc.getValue()).putInt((int) size);
    out.writeBytes(trailer.array());
    return out.toByteArray();
  }

  /** Compresses {@code input} and flushes it whole (a full flush also resets the compressor). */
  private static byte[] deflate(Deflater deflater, byte[] input, int flush) {
    deflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    int n;
    do {
      n = deflater.deflate(buf, 0, buf.length, flush);
      out.write(buf, 0, n);
    } while (n == buf.length || !deflater.needsInput());
    return out.toByteArray();
  }
}

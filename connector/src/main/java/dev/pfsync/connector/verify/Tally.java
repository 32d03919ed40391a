package dev.pfsync.connector.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Counts and checksums while merging. */
final class Tally {
  private final MessageDigest truthSha = sha256();
  private final MessageDigest destSha = sha256();
  private final List<String> examples = new ArrayList<>();
  private long truthRows;
  private long destRows;
  private long missing;
  private long extra;
  private long different;

  void missing(CanonicalRow t) {
    add(truthSha, t);
    truthRows++;
    missing++;
    example("missing " + t.text());
  }

  void extra(CanonicalRow d) {
    add(destSha, d);
    destRows++;
    extra++;
    example("extra " + d.text());
  }

  void both(CanonicalRow t, CanonicalRow d) {
    add(truthSha, t);
    add(destSha, d);
    truthRows++;
    destRows++;
    if (!t.text().equals(d.text())) {
      different++;
      example("source      " + t.text() + "\n    destination " + d.text());
    }
  }

  TruthComparison result(String table) {
    HexFormat hex = HexFormat.of();
    return new TruthComparison(
        table,
        truthRows,
        destRows,
        missing,
        extra,
        different,
        hex.formatHex(truthSha.digest()),
        hex.formatHex(destSha.digest()),
        examples);
  }

  private void example(String text) {
    if (examples.size() < TruthComparer.MAX_EXAMPLES) {
      examples.add(text);
    }
  }

  private static void add(MessageDigest sha, CanonicalRow row) {
    sha.update(row.text().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

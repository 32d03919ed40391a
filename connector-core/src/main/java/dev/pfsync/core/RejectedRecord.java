package dev.pfsync.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A source record that cannot be stored as it is: no key, a value that does not parse as its
 * declared type, or one the destination cannot hold. It is not loaded; it is kept, with the record
 * as the source sent it, in the same checkpoint as the rows read with it, and counted.
 *
 * @param table the table the record was read for
 * @param key the record's key as sent, if it could be read
 * @param field the field at fault, if one is (empty when the record as a whole is at fault)
 * @param reason why it was rejected, in words
 * @param record the record as JSON text (as the source sent it where the source could keep it)
 */
public record RejectedRecord(
    String table, Optional<String> key, Optional<String> field, String reason, String record) {
  /** Longest record text kept; a longer one is cut (and says so). */
  public static final int MAX_RECORD_CHARS = 1 << 20;

  public RejectedRecord {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(record, "record");
    if (record.length() > MAX_RECORD_CHARS) {
      record = record.substring(0, MAX_RECORD_CHARS) + "...(cut)";
    }
  }

  /** One line for logs and messages: the table, the key if known, the reason. */
  public String describe() {
    return "table "
        + table
        + ", "
        + key.map(k -> "key " + quote(k)).orElse("key unknown")
        + ": "
        + reason;
  }

  private static String quote(String s) {
    String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return "\"" + shown.replace("\0", "\\u0000") + "\"";
  }
}

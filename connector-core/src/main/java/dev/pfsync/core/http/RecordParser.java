package dev.pfsync.core.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.CursorFormat;
import dev.pfsync.core.FieldNames;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one element of a page's {@code data} array into a {@link Row}, or says why the record is
 * rejected (not an object, key or cursor missing or bad, a declared field of the wrong type), with
 * the record's text as the API sent it. It always consumes the whole element, so the page goes on
 * with the next one.
 */
final class RecordParser {

  /** What became of one record. */
  sealed interface Parsed permits Good, Rejected {}

  record Good(Row row) implements Parsed {}

  /** A record that is not loaded. */
  record Rejected(RejectedRecord record) implements Parsed {}

  private final TableBinding table;
  private final Values values;
  private final RawRecords raw;
  private final Map<String, ColumnType> declared = new HashMap<>();
  // Per position in a record, the field the last record had there: records repeat their fields in
  // the same order and Jackson interns names, so an identity check replaces the hash lookups.
  private Field[] fieldAt = new Field[16];
  private String[] names = new String[16];
  private Object[] scratch = new Object[16];
  private FieldNames shape; // the last record's names, shared by the rows that have them

  /** A field name and how its values are read ({@code type} null: not declared, inferred). */
  private record Field(String name, ColumnType type, boolean digitsAllowed) {}

  RecordParser(TableBinding table, Values values, RawRecords raw) {
    this.table = table;
    this.values = values;
    this.raw = raw;
    for (Column c : table.schema().columns()) {
      declared.put(c.name(), c.type());
    }
  }

  /** Reads the element at the parser's current token. */
  Parsed read(JsonParser p) throws IOException {
    JsonToken start = p.currentToken();
    if (start != JsonToken.START_OBJECT) {
      String text = values.rawJson(p);
      return rejected(
          Optional.empty(),
          Optional.empty(),
          "not a JSON object but a JSON " + Values.kind(start),
          text);
    }
    long from = p.currentTokenLocation().getByteOffset();
    raw.recordStarts(from);
    int n = 0;
    String rawKey = null;
    String badField = null;
    String reason = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (n == names.length) {
        fieldAt = Arrays.copyOf(fieldAt, 2 * n);
        names = Arrays.copyOf(names, 2 * n);
        scratch = Arrays.copyOf(scratch, 2 * n);
      }
      Field field = fieldAt[n];
      if (field == null || field.name() != name) {
        field = field(name);
        fieldAt[n] = field;
      }
      if (name.equals(table.keyField()) && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
        rawKey = p.getText();
      }
      Object value;
      try {
        value = value(p, field, t);
      } catch (BadValueException e) {
        value = null;
        if (reason == null) {
          badField = name;
          reason = e.getMessage();
        }
      }
      names[n] = name;
      scratch[n++] = value;
    }
    Row row = row(n);
    Optional<String> id = Optional.ofNullable(rawKey);
    Problem problem = keyAndCursorProblem(row.values(), badField, reason);
    if (problem != null) {
      long to = p.currentTokenLocation().getByteOffset() + 1;
      String text = from < 0 || to <= 0 ? "(record text not available)" : raw.text(from, to);
      return rejected(id, Optional.of(problem.field()), problem.reason(), text);
    }
    boolean deleted = table.deletedField().map(f -> row.get(f) != null).orElse(false);
    // A row's own map is not copied again: a tombstone costs one small object more.
    return new Good(deleted ? new Row(row.values(), true) : row);
  }

  private Rejected rejected(
      Optional<String> key, Optional<String> field, String reason, String text) {
    String why = field.map(f -> "field " + f + ": " + reason).orElse(reason);
    return new Rejected(new RejectedRecord(table.table(), key, field, why, text));
  }

  private Field field(String name) {
    boolean digitsAllowed =
        name.equals(table.keyField())
            || (name.equals(table.cursorField())
                && table.cursorFormat() == CursorFormat.EPOCH_MILLIS);
    return new Field(name, declared.get(name), digitsAllowed);
  }

  /** The record as a row (not deleted), over the last record's names when they are the same. */
  private Row row(int n) {
    Object[] copy = Arrays.copyOf(scratch, n);
    if (shape == null || !shape.sameAs(names, n)) {
      Optional<FieldNames> distinct = distinct(n);
      if (distinct.isEmpty()) {
        // A name given twice: the last value wins, at the first place, as JavaScript, Python and
        // Jackson read such objects.
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          map.put(names[i], copy[i]);
        }
        return new Row(map, false);
      }
      shape = distinct.get();
    }
    return Row.handOver(shape, copy, false);
  }

  private Optional<FieldNames> distinct(int n) {
    try {
      return Optional.of(FieldNames.of(names, n));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Object value(JsonParser p, Field field, JsonToken t)
      throws IOException, BadValueException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (field.type() == null) {
      return values.inferred(p);
    }
    return values.declared(p, field.type(), field.digitsAllowed());
  }

  /** Why a record is rejected, naming the field at fault. */
  private record Problem(String field, String reason) {}

  /** The first reason to reject: key, then cursor, then any field of the wrong type. */
  private Problem keyAndCursorProblem(Map<String, Object> row, String badField, String reason) {
    String key = table.keyField();
    String cursor = table.cursorField();
    if (key.equals(badField)) {
      return new Problem(key, reason);
    }
    if (!row.containsKey(key)) {
      return new Problem(key, "missing key field");
    }
    Object keyValue = row.get(key);
    if (keyValue == null) {
      return new Problem(key, "null key field");
    }
    if (keyValue instanceof String s && s.isBlank()) {
      return new Problem(key, "blank key field");
    }
    if (cursor.equals(badField)) {
      return new Problem(cursor, reason);
    }
    if (!row.containsKey(cursor)) {
      return new Problem(cursor, "missing cursor field");
    }
    if (row.get(cursor) == null) {
      return new Problem(cursor, "null cursor field");
    }
    return badField == null ? null : new Problem(badField, reason);
  }
}

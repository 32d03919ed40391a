package dev.pfsync.core.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.CursorFormat;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one element of a page's {@code data} array into a {@link Row}, or says why the record must
 * be skipped (not an object, key or cursor missing or bad, a declared field of the wrong type). It
 * always consumes the whole element, so the page goes on with the next one.
 */
final class RecordParser {

  /** What became of one record. */
  sealed interface Parsed permits Good, Skipped {}

  record Good(Row row) implements Parsed {}

  /** A record that is skipped, with its key as sent when it could be read. */
  record Skipped(Optional<String> id, String reason) implements Parsed {}

  private final TableBinding table;
  private final Values values;
  private final Map<String, ColumnType> declared = new HashMap<>();

  RecordParser(TableBinding table, Values values) {
    this.table = table;
    this.values = values;
    for (Column c : table.schema().columns()) {
      declared.put(c.name(), c.type());
    }
  }

  /** Reads the element at the parser's current token. */
  Parsed read(JsonParser p) throws IOException {
    JsonToken start = p.currentToken();
    if (start != JsonToken.START_OBJECT) {
      p.skipChildren();
      return new Skipped(Optional.empty(), "not a JSON object but a JSON " + Values.kind(start));
    }
    LinkedHashMap<String, Object> row = new LinkedHashMap<>();
    String rawKey = null;
    String reason = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals(table.keyField()) && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
        rawKey = p.getText();
      }
      try {
        row.put(name, value(p, name, t));
      } catch (BadValueException e) {
        row.put(name, null);
        if (reason == null) {
          reason = "field " + name + ": " + e.getMessage();
        }
      }
    }
    Optional<String> id = Optional.ofNullable(rawKey);
    String problem = keyAndCursorProblem(row, reason);
    if (problem != null) {
      return new Skipped(id, problem);
    }
    boolean deleted = table.deletedField().map(f -> row.get(f) != null).orElse(false);
    return new Good(Row.handOver(row, deleted));
  }

  private Object value(JsonParser p, String name, JsonToken t)
      throws IOException, BadValueException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    ColumnType type = declared.get(name);
    if (type == null) {
      return values.inferred(p);
    }
    boolean digitsAllowed =
        name.equals(table.keyField())
            || (name.equals(table.cursorField())
                && table.cursorFormat() == CursorFormat.EPOCH_MILLIS);
    return values.declared(p, type, digitsAllowed);
  }

  /** The first reason to skip: key, then cursor, then any field of the wrong type. */
  private String keyAndCursorProblem(Map<String, Object> row, String fieldProblem) {
    String key = table.keyField();
    String cursor = table.cursorField();
    if (!row.containsKey(key)) {
      return "missing key field " + key;
    }
    Object keyValue = row.get(key);
    if (keyValue == null) {
      return fieldProblem != null && fieldProblem.startsWith("field " + key + ":")
          ? fieldProblem
          : "null key field " + key;
    }
    if (keyValue instanceof String s && s.isBlank()) {
      return "blank key field " + key;
    }
    if (!row.containsKey(cursor)) {
      return "missing cursor field " + cursor;
    }
    if (row.get(cursor) == null && fieldProblem == null) {
      return "null cursor field " + cursor;
    }
    return fieldProblem;
  }
}

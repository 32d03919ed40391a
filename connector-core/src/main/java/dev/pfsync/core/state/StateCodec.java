package dev.pfsync.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.SyncMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the state JSON of DESIGN.md, version 1: {@code {"version":1,
 * "next_mode":"historical","tables":{"user":{"incremental":{"updated_since":..,"after_id":..},
 * "historical":{"limit":..,"window_end":..,"updated_since":..,"after_id":..},
 * "historical_complete":false}}}}. Instants are ISO-8601, keys are text or null.
 */
public final class StateCodec {
  /** The only state format version this code reads and writes. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StateCodec() {}

  /** The state as compact JSON. */
  public static String encode(SyncState state) {
    ObjectNode root = NODES.objectNode();
    root.put("version", VERSION);
    root.put("next_mode", state.nextMode().wireName());
    ObjectNode tables = root.putObject("tables");
    state.tables().forEach((name, t) -> tables.set(name, encodeTable(t)));
    return root.toString();
  }

  /**
   * Parses state JSON.
   *
   * @throws StateFormatException if it is malformed or of another version
   */
  public static SyncState decode(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StateFormatException("state is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new StateFormatException("state must be a JSON object");
    }
    JsonNode version = root.path("version");
    if (!version.isInt() || version.intValue() != VERSION) {
      throw new StateFormatException(
          "state version "
              + version
              + " is not supported (this pfsync reads version "
              + VERSION
              + "); reset the state or use the pfsync that wrote it");
    }
    try {
      SyncMode mode = SyncMode.fromWireName(text(root, "next_mode"));
      Map<String, TableState> tables = new LinkedHashMap<>();
      var fields = required(root, "tables").fields();
      while (fields.hasNext()) {
        var e = fields.next();
        tables.put(e.getKey(), decodeTable(e.getValue()));
      }
      return new SyncState(mode, tables);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new StateFormatException("state is malformed: " + e.getMessage(), e);
    }
  }

  private static ObjectNode encodeTable(TableState t) {
    ObjectNode node = NODES.objectNode();
    ObjectNode inc = node.putObject("incremental");
    putKeyset(inc, t.incremental());
    ObjectNode hist = node.putObject("historical");
    HistoricalCursor h = t.historical();
    hist.put("limit", h.limit().toString());
    hist.put("window_end", h.windowEnd().toString());
    putKeyset(hist, h.position());
    // Beyond DESIGN.md's four fields: the window's start, so --window may change between runs.
    h.start().ifPresent(start -> hist.put("window_start", start.toString()));
    node.put("historical_complete", t.historicalComplete());
    return node;
  }

  private static void putKeyset(ObjectNode node, Keyset k) {
    node.put("updated_since", k.since().toString());
    node.put("after_id", k.afterKey().orElse(null));
  }

  private static TableState decodeTable(JsonNode node) {
    Keyset inc = keyset(required(node, "incremental"));
    JsonNode hist = required(node, "historical");
    var cursor =
        new HistoricalCursor(
            Instant.parse(text(hist, "limit")),
            Instant.parse(text(hist, "window_end")),
            keyset(hist),
            hist.hasNonNull("window_start")
                ? Optional.of(Instant.parse(text(hist, "window_start")))
                : Optional.empty());
    JsonNode complete = required(node, "historical_complete");
    if (!complete.isBoolean()) {
      throw new IllegalArgumentException("historical_complete must be true or false");
    }
    return new TableState(inc, cursor, complete.booleanValue());
  }

  private static Keyset keyset(JsonNode node) {
    JsonNode after = node.path("after_id");
    Optional<String> key =
        after.isNull() || after.isMissingNode() ? Optional.empty() : Optional.of(after.asText());
    return new Keyset(Instant.parse(text(node, "updated_since")), key);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("field " + field + " must be a string");
    }
    return value.textValue();
  }
}

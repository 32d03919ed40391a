package dev.pfsync.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.SyncMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the state JSON (connector-core/README.md), version 1: {@code {"version":1,
 * "next_mode":"historical","tables":{"user":{"incremental":{"updated_since":..,"after_id":..},
 * "historical":{"limit":..,"window_end":..,"updated_since":..,"after_id":..},
 * "historical_complete":false}}}}, plus what it was written for: {@code
 * "destination":{"schema":..}, "source":{"base_url":..,"endpoints":{"user":"/v1/users"}},
 * "history_start":".."}. Instants are ISO-8601; keys are text or null, except a key holding NUL
 * (which PostgreSQL's jsonb cannot hold): {@code {"base64": <its UTF-8 bytes>}}.
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
    state.identity().ifPresent(id -> encodeIdentity(root, id));
    state.historyStart().ifPresent(h -> root.put("history_start", h));
    return root.toString();
  }

  private static void encodeIdentity(ObjectNode root, StateIdentity id) {
    id.schema().ifPresent(schema -> root.putObject("destination").put("schema", schema));
    ObjectNode source = root.putObject("source");
    id.source().ifPresent(url -> source.put("base_url", url));
    ObjectNode endpoints = source.putObject("endpoints");
    id.endpoints().forEach(endpoints::put);
  }

  private static Optional<StateIdentity> decodeIdentity(JsonNode root) {
    JsonNode destination = root.path("destination");
    JsonNode source = root.path("source");
    if (destination.isMissingNode() && source.isMissingNode()) {
      return Optional.empty();
    }
    Map<String, String> endpoints = new LinkedHashMap<>();
    var fields = source.path("endpoints").fields();
    while (fields.hasNext()) {
      var e = fields.next();
      endpoints.put(e.getKey(), e.getValue().asText());
    }
    return Optional.of(
        new StateIdentity(
            optionalText(destination, "schema"), optionalText(source, "base_url"), endpoints));
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
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
      return new SyncState(mode, tables, decodeIdentity(root), optionalText(root, "history_start"));
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
    // The window's start (docs/CONTRACTS.md, state JSON), so --window may change between runs.
    h.start().ifPresent(start -> hist.put("window_start", start.toString()));
    node.put("historical_complete", t.historicalComplete());
    return node;
  }

  private static void putKeyset(ObjectNode node, Keyset k) {
    node.put("updated_since", k.since().toString());
    Optional<String> key = k.afterKey();
    if (key.isPresent() && key.get().indexOf('\0') >= 0) {
      byte[] utf8 = key.get().getBytes(StandardCharsets.UTF_8);
      node.putObject("after_id").put("base64", Base64.getEncoder().encodeToString(utf8));
    } else {
      node.put("after_id", key.orElse(null));
    }
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
    Optional<String> key;
    if (after.isNull() || after.isMissingNode()) {
      key = Optional.empty();
    } else if (after.isObject()) {
      byte[] utf8 = Base64.getDecoder().decode(text(after, "base64"));
      key = Optional.of(new String(utf8, StandardCharsets.UTF_8));
    } else {
      key = Optional.of(after.asText());
    }
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

package dev.pfsync.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** One way to spoil one record (or the paging fields) of an otherwise valid users page. */
enum Corruption {
  CURSOR_WRONG_TYPE,
  FIELD_WRONG_TYPE,
  ID_WRONG_TYPE,
  MISSING_ID,
  MISSING_CURSOR,
  NOT_AN_OBJECT,
  DUPLICATE_ID,
  OUT_OF_WINDOW,
  HUGE_STRING,
  NUL_AND_CONTROL_CHARACTERS,
  DEEP_NESTING,
  HAS_MORE_ON_EMPTY_PAGE,
  NEXT_GOES_BACKWARD;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEEP = "\"__deep__\"";

  /** Whether a run that accepts this corruption may lose or change this many truth rows. */
  int rowsItMayCost() {
    return this == DUPLICATE_ID ? 2 : 1;
  }

  /** The page with this corruption applied to the record at a random index. */
  byte[] apply(byte[] body, Random random) {
    try {
      ObjectNode page = (ObjectNode) JSON.readTree(body);
      ArrayNode data = (ArrayNode) page.get("data");
      int n = data.size();
      if (n < 2) {
        return body;
      }
      int i = 1 + random.nextInt(n - 1);
      ObjectNode row = (ObjectNode) data.get(i);
      switch (this) {
        case CURSOR_WRONG_TYPE -> row.put("updatedAt", 1_700_000_000);
        case FIELD_WRONG_TYPE -> row.putObject("name").put("first", "x");
        case ID_WRONG_TYPE -> row.putArray("id").add(1).add(2);
        case MISSING_ID -> row.remove("id");
        case MISSING_CURSOR -> row.remove("updatedAt");
        case NOT_AN_OBJECT -> data.set(i, IntNode.valueOf(42));
        case DUPLICATE_ID -> row.put("id", data.get(i - 1).get("id").asText());
        case OUT_OF_WINDOW -> row.put("updatedAt", "2001-01-01T00:00:00Z");
        case HUGE_STRING -> row.put("name", "x".repeat(4 * 1024 * 1024));
        case NUL_AND_CONTROL_CHARACTERS -> row.put("name", "a\u0000b\u0001c\u001b[31m\n\t\r\u007f");
        case DEEP_NESTING -> row.put("company", "__deep__");
        case HAS_MORE_ON_EMPTY_PAGE -> {
          page.putArray("data");
          page.put("has_more", true);
        }
        case NEXT_GOES_BACKWARD -> {
          JsonNode next = page.get("next");
          if (next instanceof ObjectNode o) {
            o.put("updated_since", "2001-01-01T00:00:00Z");
          }
        }
      }
      String text = JSON.writeValueAsString(page);
      if (this == DEEP_NESTING) {
        text = text.replace(DEEP, "[".repeat(50_000) + "]".repeat(50_000));
      }
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

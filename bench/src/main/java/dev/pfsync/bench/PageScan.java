package dev.pfsync.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What one {@code /v1/users} page says, read without keeping its rows: how many there are, whether
 * more follow, and the keyset to ask from next.
 *
 * @param rows the objects in {@code data}
 * @param hasMore {@code has_more}
 * @param nextSince {@code next.updated_since}, if given
 * @param nextAfter {@code next.after_id}, if given
 */
record PageScan(
    long rows, boolean hasMore, Optional<String> nextSince, Optional<String> nextAfter) {
  private static final JsonFactory JSON = new JsonFactory();

  static PageScan of(InputStream page) throws IOException {
    long rows = 0;
    boolean more = false;
    String since = null;
    String after = null;
    try (JsonParser p = JSON.createParser(page)) {
      int depth = 0;
      String field = null; // the top-level field being read
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
          if (depth == 3 && "data".equals(field)) {
            rows++;
          }
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        } else if (t == JsonToken.FIELD_NAME) {
          field = depth == 1 ? p.currentName() : field;
          if (depth == 2 && "next".equals(field)) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("updated_since")) {
              since = p.getText();
            } else if (name.equals("after_id")) {
              after = p.getText();
            }
          }
        } else if (t == JsonToken.VALUE_TRUE && depth == 1 && "has_more".equals(field)) {
          more = true;
        }
      }
    }
    return new PageScan(rows, more, Optional.ofNullable(since), Optional.ofNullable(after));
  }
}

package dev.pfsync.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Users as plain values, read straight from the truth NDJSON and from the {@code "user"} table
 * (independently of TruthComparer), for tests that assert on rows themselves.
 *
 * @param id the key
 * @param name the name
 * @param email the email
 * @param address the address
 * @param company the company
 * @param job the job
 * @param createdAt createdAt
 * @param updatedAt updatedAt
 * @param deletedAt deletedAt, null unless a tombstone
 * @param deleted the tombstone mark ({@code _pfsync_deleted} on the destination side; {@code
 *     deletedAt != null} on the truth side)
 */
public record UserRows(
    String id,
    String name,
    String email,
    String address,
    String company,
    String job,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt,
    boolean deleted) {

  /** The truth's users by id, keeping those {@code filter} accepts. */
  public static Map<String, UserRows> truth(MockApi api, Predicate<UserRows> filter) {
    Map<String, UserRows> rows = new TreeMap<>();
    for (JsonNode n : api.truth("users")) {
      Instant deletedAt = instant(n.get("deletedAt"));
      UserRows u =
          new UserRows(
              n.get("id").asText(),
              n.get("name").asText(),
              n.get("email").asText(),
              n.get("address").asText(),
              n.get("company").asText(),
              n.get("job").asText(),
              instant(n.get("createdAt")),
              instant(n.get("updatedAt")),
              deletedAt,
              deletedAt != null);
      if (filter.test(u)) {
        rows.put(u.id(), u);
      }
    }
    return rows;
  }

  /** Every user of the truth by id. */
  public static Map<String, UserRows> truth(MockApi api) {
    return truth(api, u -> true);
  }

  /** The destination's {@code "user"} table by id. */
  public static Map<String, UserRows> destination(SyncTarget target) {
    Map<String, UserRows> rows = new TreeMap<>();
    List<Map<String, Object>> all = target.rows("user", "id");
    for (Map<String, Object> r : all) {
      UserRows u =
          new UserRows(
              (String) r.get("id"),
              (String) r.get("name"),
              (String) r.get("email"),
              (String) r.get("address"),
              (String) r.get("company"),
              (String) r.get("job"),
              instant(r.get("created_at")),
              instant(r.get("updated_at")),
              instant(r.get("deleted_at")),
              (Boolean) r.get("_pfsync_deleted"));
      rows.put(u.id(), u);
    }
    return rows;
  }

  private static Instant instant(JsonNode n) {
    return n == null || n.isNull() ? null : Instant.parse(n.asText());
  }

  private static Instant instant(Object jdbc) {
    if (jdbc == null) {
      return null;
    }
    if (jdbc instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (jdbc instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    throw new IllegalArgumentException("not a timestamp: " + jdbc.getClass());
  }
}

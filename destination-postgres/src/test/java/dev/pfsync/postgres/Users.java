package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.Destination;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.RowStream;
import dev.pfsync.core.TableChanges;
import dev.pfsync.core.TableSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The users table of the seed, and rows for it. */
public final class Users {
  public static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

  public static final TableSchema SCHEMA =
      new TableSchema(
          "user",
          List.of("id"),
          List.of(
              new Column("id", ColumnType.STRING),
              new Column("name", ColumnType.STRING),
              new Column("email", ColumnType.STRING),
              new Column("address", ColumnType.STRING),
              new Column("company", ColumnType.STRING),
              new Column("job", ColumnType.STRING),
              new Column("createdAt", ColumnType.UTC_DATETIME),
              new Column("updatedAt", ColumnType.UTC_DATETIME),
              new Column("deletedAt", ColumnType.UTC_DATETIME)),
          "updatedAt");

  private Users() {}

  /** A live user whose fields derive from its id and version time. */
  public static Row user(String id, String name, Instant updatedAt) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("name", name);
    v.put("email", id + "@example.com");
    v.put("address", "1 Main St");
    v.put("company", "Acme");
    v.put("job", "Engineer");
    v.put("createdAt", T0.minusSeconds(86_400));
    v.put("updatedAt", updatedAt);
    v.put("deletedAt", null);
    return new Row(v, false);
  }

  /** The tombstone of a user deleted at {@code at}. */
  public static Row tombstone(String id, String name, Instant at) {
    Map<String, Object> v = new LinkedHashMap<>(user(id, name, at).values());
    v.put("deletedAt", at);
    return new Row(v, true);
  }

  /** A checkpoint of users rows with a simple state. */
  public static Checkpoint checkpoint(String state, Row... rows) {
    return new Checkpoint(List.of(new TableChanges("user", List.of(rows))), state, List.of());
  }

  public static String state(int n) {
    return "{\"version\": 1, \"n\": " + n + "}";
  }

  /**
   * Applies {@code checkpoint} the way {@code streamed} says: as is, or (when it holds one table's
   * rows) row by row through {@link Destination#apply(String, RowStream, Function)}, the way the
   * sync engine hands pages over.
   */
  public static void apply(Destination destination, Checkpoint checkpoint, boolean streamed) {
    if (!streamed || checkpoint.changes().size() != 1) {
      destination.apply(checkpoint);
      return;
    }
    TableChanges changes = checkpoint.changes().get(0);
    Iterator<Row> rows = changes.rows().iterator();
    destination.apply(
        changes.table(),
        () -> rows.hasNext() ? rows.next() : null,
        unstorable -> {
          assertThat(rows.hasNext()).as("after() is called once every row was read").isFalse();
          // As the engine does: the rows the destination cannot store join the checkpoint's.
          List<RejectedRecord> rejected = new ArrayList<>(checkpoint.rejected());
          rejected.addAll(unstorable);
          return new Checkpoint(List.of(), checkpoint.stateJson(), rejected);
        });
  }
}

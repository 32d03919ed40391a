package dev.pfsync.core;

import java.util.List;
import java.util.Objects;

/**
 * The rows of one table in a {@link Checkpoint}: upserts, and tombstones ({@link Row#deleted()}),
 * which destinations keep and mark deleted.
 */
public record TableChanges(String table, List<Row> rows) {
  public TableChanges {
    Objects.requireNonNull(table, "table");
    rows = List.copyOf(rows);
  }
}

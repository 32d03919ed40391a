package dev.pfsync.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A destination in memory: applies each checkpoint atomically (rows and state, or nothing), upserts
 * newer-wins by the cursor column, keeps tombstones. Can be told to fail at a given checkpoint to
 * simulate a crash.
 */
public final class InMemoryDestination implements Destination {
  /** One recorded run. */
  public record Run(SyncMode mode, RunStatus status, Optional<String> message) {}

  private final Map<String, Map<String, Row>> tables = new HashMap<>();
  private final Map<String, TableSchema> schemas = new HashMap<>();
  private final List<Run> runs = new ArrayList<>();
  private Optional<String> state = Optional.empty();
  private final List<String> stateHistory = new ArrayList<>();
  private int checkpoints;
  private long skipped;
  private int failAt = -1;
  private SyncMode currentMode;

  /** Makes the {@code n}-th checkpoint from now (1 = the next) fail without applying anything. */
  public void failAtCheckpoint(int n) {
    failAt = checkpoints + n;
  }

  public void disarm() {
    failAt = -1;
  }

  @Override
  public Optional<String> open(String connectorId, List<TableSchema> declared) {
    for (TableSchema s : declared) {
      schemas.put(s.name(), s);
      tables.computeIfAbsent(s.name(), n -> new HashMap<>());
    }
    return state;
  }

  @Override
  public void startRun(SyncMode mode) {
    currentMode = mode;
    runs.add(new Run(mode, RunStatus.RUNNING, Optional.empty()));
  }

  @Override
  public void apply(Checkpoint checkpoint) {
    if (checkpoints + 1 == failAt) {
      throw new DestinationException("injected crash at checkpoint " + failAt);
    }
    checkpoints++;
    for (TableChanges changes : checkpoint.changes()) {
      TableSchema schema = schemas.get(changes.table());
      Map<String, Row> table = tables.get(changes.table());
      for (Row row : changes.rows()) {
        String key = String.valueOf(row.get(schema.primaryKey().get(0)));
        Row old = table.get(key);
        if (old == null || !cursor(schema, row).isBefore(cursor(schema, old))) {
          table.put(key, row);
        }
      }
    }
    state = Optional.of(checkpoint.stateJson());
    stateHistory.add(checkpoint.stateJson());
    skipped += checkpoint.rowsSkipped();
  }

  private static java.time.Instant cursor(TableSchema schema, Row row) {
    return (java.time.Instant) row.get(schema.cursorColumn());
  }

  @Override
  public Optional<String> reloadState() {
    return state;
  }

  @Override
  public void finishRun(RunStatus status, Optional<String> message) {
    runs.set(runs.size() - 1, new Run(currentMode, status, message));
  }

  @Override
  public void close() {}

  public Map<String, Row> rows(String table) {
    return Map.copyOf(tables.getOrDefault(table, Map.of()));
  }

  public Optional<String> state() {
    return state;
  }

  /** Every state applied, in order. */
  public List<String> stateHistory() {
    return List.copyOf(stateHistory);
  }

  public long skipped() {
    return skipped;
  }

  public int checkpoints() {
    return checkpoints;
  }

  public List<Run> runs() {
    return List.copyOf(runs);
  }
}

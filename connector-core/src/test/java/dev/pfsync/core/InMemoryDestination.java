package dev.pfsync.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A destination in memory: applies each checkpoint atomically (rows and state, or nothing), upserts
 * newer-wins by the cursor column, keeps tombstones and rejected records. Can be told to fail at a
 * given checkpoint to simulate a crash or a lost connection, and to refuse rows it "cannot hold".
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
  private final List<RejectedRecord> rejected = new ArrayList<>();
  private int failAt = -1;
  private boolean failAfterCommit;
  private boolean failUnavailable;
  private int unavailableReloads;
  private Predicate<Row> cannotHold = row -> false;
  private SyncMode currentMode;

  /** Makes the {@code n}-th checkpoint from now (1 = the next) fail without applying anything. */
  public void failAtCheckpoint(int n) {
    failAt = checkpoints + n;
  }

  /**
   * Makes the {@code n}-th checkpoint from now fail as a lost connection ({@link
   * DestinationUnavailableException}), after committing it if {@code committed}, and the next
   * {@code reloads} calls of {@link #reloadState()} fail the same way before it answers again.
   */
  public void loseConnectionAt(int n, boolean committed, int reloads) {
    failAt = checkpoints + n;
    failAfterCommit = committed;
    failUnavailable = true;
    unavailableReloads = reloads;
  }

  /** Rows matching {@code test} are not stored but handed back as rejected, as a database would. */
  public void cannotHold(Predicate<Row> test) {
    cannotHold = test;
  }

  public void disarm() {
    failAt = -1;
    failUnavailable = false;
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
  public Optional<String> reloadState() {
    if (unavailableReloads > 0) {
      unavailableReloads--;
      throw new DestinationUnavailableException("injected: still unreachable");
    }
    return state;
  }

  @Override
  public void apply(
      String table, RowStream rows, Function<List<RejectedRecord>, Checkpoint> after) {
    List<Row> kept = new ArrayList<>();
    List<RejectedRecord> refused = new ArrayList<>();
    for (Row row = rows.next(); row != null; row = rows.next()) {
      if (cannotHold.test(row)) {
        String key = String.valueOf(row.get(schemas.get(table).primaryKey().get(0)));
        refused.add(
            new RejectedRecord(
                table, Optional.of(key), Optional.empty(), "cannot hold", row.values().toString()));
      } else {
        kept.add(row);
      }
    }
    Checkpoint end = after.apply(refused);
    List<TableChanges> changes = new ArrayList<>();
    if (!kept.isEmpty()) {
      changes.add(new TableChanges(table, kept));
    }
    changes.addAll(end.changes());
    apply(new Checkpoint(changes, end.stateJson(), end.rejected()));
  }

  @Override
  public void apply(Checkpoint checkpoint) {
    if (checkpoints + 1 == failAt) {
      if (!failUnavailable) {
        throw new DestinationException("injected crash at checkpoint " + failAt);
      }
      failAt = -1;
      if (!failAfterCommit) {
        throw new DestinationUnavailableException("injected: connection lost before commit");
      }
      commit(checkpoint);
      throw new DestinationUnavailableException("injected: connection lost after commit");
    }
    commit(checkpoint);
  }

  private void commit(Checkpoint checkpoint) {
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
    rejected.addAll(checkpoint.rejected());
  }

  private static java.time.Instant cursor(TableSchema schema, Row row) {
    return (java.time.Instant) row.get(schema.cursorColumn());
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

  /** Every rejected record committed, in order. */
  public List<RejectedRecord> rejected() {
    return List.copyOf(rejected);
  }

  public int checkpoints() {
    return checkpoints;
  }

  public List<Run> runs() {
    return List.copyOf(runs);
  }
}

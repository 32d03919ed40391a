package dev.pfsync.core.state;

import dev.pfsync.core.SyncMode;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The whole PFS state of a connector: the mode of the next scheduled run and the cursors of each
 * table. Immutable; transitions return new values. Tables present in the state but no longer bound
 * are kept untouched, and ignored by the methods that take the bound table names.
 *
 * @param nextMode the mode of the next run (unless every bound table's history is complete)
 * @param tables state per table name, in insertion order
 * @param identity what the state was written for (empty in states written before it was recorded)
 * @param historyStart the history-start setting the table limits were resolved from, as written by
 *     {@link dev.pfsync.core.HistoryStart#setting()} (empty in older states)
 */
public record SyncState(
    SyncMode nextMode,
    Map<String, TableState> tables,
    Optional<StateIdentity> identity,
    Optional<String> historyStart) {
  public SyncState {
    Objects.requireNonNull(nextMode, "nextMode");
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(historyStart, "historyStart");
  }

  /** A state that records neither identity nor history-start. */
  public SyncState(SyncMode nextMode, Map<String, TableState> tables) {
    this(nextMode, tables, Optional.empty(), Optional.empty());
  }

  /** The state before the first run: no tables, the first run is incremental. */
  public static SyncState empty() {
    return new SyncState(SyncMode.INCREMENTAL, Map.of());
  }

  /** This state recording {@code identity}. */
  public SyncState withIdentity(StateIdentity identity) {
    return new SyncState(nextMode, tables, Optional.of(identity), historyStart);
  }

  /** This state recording the history-start setting its limits follow. */
  public SyncState withHistoryStart(String setting) {
    return new SyncState(nextMode, tables, identity, Optional.of(setting));
  }

  /** The state of a table. */
  public TableState table(String name) {
    TableState t = tables.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no state for table " + name);
    }
    return t;
  }

  /** This state with the table's state replaced. */
  public SyncState with(String name, TableState state) {
    var copy = new LinkedHashMap<>(tables);
    copy.put(name, state);
    return new SyncState(nextMode, copy, identity, historyStart);
  }

  /** This state with an initial state for each named table it does not know yet. */
  public SyncState withMissing(Collection<String> names, Supplier<TableState> initial) {
    SyncState s = this;
    for (String name : names) {
      if (!s.tables.containsKey(name)) {
        s = s.with(name, initial.get());
      }
    }
    return s;
  }

  /** Whether the backfill of every named table is complete. */
  public boolean historyComplete(Collection<String> names) {
    return names.stream().allMatch(n -> table(n).historicalComplete());
  }

  /** The mode of the next run: {@link #nextMode}, but incremental once history is complete. */
  public SyncMode runMode(Collection<String> names) {
    return historyComplete(names) ? SyncMode.INCREMENTAL : nextMode;
  }

  /** The state after a run in {@code ran} mode ended: the modes alternate. */
  public SyncState afterRun(SyncMode ran, Collection<String> names) {
    SyncMode next =
        ran == SyncMode.HISTORICAL || historyComplete(names)
            ? SyncMode.INCREMENTAL
            : SyncMode.HISTORICAL;
    return new SyncState(next, tables, identity, historyStart);
  }
}

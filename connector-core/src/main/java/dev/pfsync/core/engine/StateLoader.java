package dev.pfsync.core.engine;

import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.Destination;
import dev.pfsync.core.PageSource;
import dev.pfsync.core.SyncSettings;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.state.StateIdentity;
import dev.pfsync.core.state.SyncState;
import dev.pfsync.core.state.TableState;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the stored state into the one this process works from: refuses a state written for another
 * destination schema or source, applies a changed {@code --history-start} to every table, starts
 * the tables the state does not know yet, and records the identity and setting it now follows.
 */
final class StateLoader {
  private static final Logger LOG = LoggerFactory.getLogger(StateLoader.class);

  private final List<String> names;
  private final SyncSettings settings;
  private final Clock clock;
  private final StateIdentity identity;

  StateLoader(
      List<TableBinding> tables,
      PageSource source,
      Destination destination,
      SyncSettings settings,
      Clock clock) {
    this.names = tables.stream().map(TableBinding::table).toList();
    this.settings = settings;
    this.clock = clock;
    Map<String, String> endpoints = new LinkedHashMap<>();
    tables.forEach(t -> endpoints.put(t.table(), t.endpoint()));
    this.identity = new StateIdentity(destination.schema(), source.origin(), endpoints);
  }

  /**
   * The working state for {@code stored}.
   *
   * @throws ConfigurationException if {@code stored} was written for another schema or source
   */
  SyncState prepare(SyncState stored) {
    Optional<StateIdentity> was = stored.identity();
    was.flatMap(identity::mismatch)
        .ifPresent(
            difference -> {
              throw new ConfigurationException(
                  "connector '"
                      + settings.connectorId()
                      + "' has state written for "
                      + describe(was.get())
                      + ", not for "
                      + describe(identity)
                      + " ("
                      + difference
                      + "); use another --connector-id, or reset it to start over");
            });
    Instant now = clock.instant();
    SyncState state = withHistoryStart(stored, now);
    state =
        state.withMissing(
            names,
            () ->
                TableState.initial(
                    now, settings.recent(), settings.window(), settings.historyStart()));
    StateIdentity recorded = was.map(identity::mergedOver).orElse(identity);
    return state.withIdentity(recorded).withHistoryStart(settings.historyStart().setting());
  }

  /**
   * The state under this run's history-start. A setting other than the recorded one is resolved
   * now: earlier extends every table's backfill, later applies to windows not read yet. A state
   * that never recorded its setting is only ever extended: its "30d" resolved now would be later
   * than the limit it resolved to when it was created, and shrinking would drop windows nobody
   * asked to drop.
   */
  private SyncState withHistoryStart(SyncState stored, Instant now) {
    String setting = settings.historyStart().setting();
    Optional<String> recorded = stored.historyStart();
    if (recorded.isPresent() && recorded.get().equals(setting)) {
      return stored;
    }
    Instant limit = settings.historyStart().resolve(now);
    SyncState state = stored;
    for (String name : names) {
      TableState table = stored.tables().get(name);
      if (table == null) {
        continue;
      }
      if (recorded.isEmpty() && !limit.isBefore(table.historical().limit())) {
        continue;
      }
      TableState changed = table.withHistoryLimit(limit, settings.window());
      if (!changed.equals(table)) {
        LOG.info(
            "table {}: history-start {} (was {}): backfill limit {} -> {}{}",
            name,
            setting,
            recorded.orElse("not recorded"),
            table.historical().limit(),
            limit,
            table.historicalComplete() && !changed.historicalComplete()
                ? "; the backfill resumes"
                : "");
        state = state.with(name, changed);
      }
    }
    return state;
  }

  private static String describe(StateIdentity id) {
    return "schema "
        + id.schema().orElse("(unnamed)")
        + " and source "
        + id.source().orElse("(unnamed)");
  }
}

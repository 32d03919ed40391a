package dev.pfsync.core;

import dev.pfsync.core.paging.KeysetOrder;
import dev.pfsync.core.paging.RowKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory keyset-paged API over a mutable dataset, answering {@link PageRequest}s as
 * docs/CONTRACTS.md's {@code GET /v1/users} does: rows ordered by (cursor, key), strictly after
 * {@code from}, cursor before {@code before}, at most {@code limit}, {@code next} = the last row's
 * keyset. Optionally advances a clock on every fetch, to spend time budgets, and answers with its
 * own clock (as an API's {@code Date} header: whole seconds), possibly skewed from the connector's.
 */
public final class SimulatedSource implements PageSource {
  private final Map<String, Dataset> tables = new HashMap<>();
  private final List<Fetch> requests = new ArrayList<>();
  private TestClock clock;
  private Duration costPerFetch = Duration.ZERO;
  private Clock serverClock;
  private Duration skew = Duration.ZERO;

  private static final class Dataset {
    final TableBinding binding;
    final TreeMap<Keyset, Row> ordered;
    final Map<String, Keyset> byKey = new LinkedHashMap<>();

    Dataset(TableBinding binding) {
      this.binding = binding;
      this.ordered = new TreeMap<>(KeysetOrder.of(binding));
    }
  }

  public SimulatedSource(TableBinding... bindings) {
    for (TableBinding b : bindings) {
      tables.put(b.table(), new Dataset(b));
    }
  }

  /** Every fetch moves {@code clock} forward by {@code cost}. */
  public SimulatedSource costing(TestClock clock, Duration cost) {
    this.clock = clock;
    this.costPerFetch = cost;
    return this;
  }

  /** Answers with the time of {@code serverClock} (the connector's own clock in most tests). */
  public SimulatedSource clockedBy(Clock serverClock) {
    return clockedBy(serverClock, Duration.ZERO);
  }

  /** Answers with the time of {@code serverClock} plus {@code skew} (negative: behind). */
  public SimulatedSource clockedBy(Clock serverClock, Duration skew) {
    this.serverClock = serverClock;
    this.skew = skew;
    return this;
  }

  /** The source's own time now, in whole seconds as a Date header says it. */
  public Instant serverNow() {
    return serverClock.instant().plus(skew).truncatedTo(ChronoUnit.SECONDS);
  }

  /** Inserts or replaces (by key) a row: the source's current version of it. */
  public void put(String table, Row row) {
    Dataset d = tables.get(table);
    Keyset position = RowKeys.keysetOf(d.binding, row);
    Keyset old = d.byKey.put(position.afterKey().orElseThrow(), position);
    if (old != null) {
      d.ordered.remove(old);
    }
    d.ordered.put(position, row);
  }

  /** The current rows by key (tombstones included): the ground truth. */
  public Map<String, Row> truth(String table) {
    Dataset d = tables.get(table);
    var truth = new HashMap<String, Row>();
    d.byKey.forEach((key, position) -> truth.put(key, d.ordered.get(position)));
    return truth;
  }

  public List<String> keys(String table) {
    return List.copyOf(tables.get(table).byKey.keySet());
  }

  public Row row(String table, String key) {
    Dataset d = tables.get(table);
    return d.ordered.get(d.byKey.get(key));
  }

  /** One request as received. */
  public record Fetch(String table, PageRequest request) {}

  public List<Fetch> requests() {
    return List.copyOf(requests);
  }

  @Override
  public synchronized Page fetch(TableBinding table, PageRequest request) {
    requests.add(new Fetch(table.table(), request));
    if (clock != null) {
      clock.advance(costPerFetch);
    }
    Dataset d = tables.get(table.table());
    var rows = new ArrayList<Row>();
    boolean hasMore = false;
    for (var e : d.ordered.tailMap(request.from(), false).entrySet()) {
      if (request.before().isPresent() && !e.getKey().since().isBefore(request.before().get())) {
        break;
      }
      if (rows.size() == request.limit()) {
        hasMore = true;
        break;
      }
      rows.add(e.getValue());
    }
    Optional<Keyset> next =
        rows.isEmpty()
            ? Optional.empty()
            : Optional.of(RowKeys.keysetOf(d.binding, rows.get(rows.size() - 1)));
    Optional<Instant> serverTime =
        serverClock == null ? Optional.empty() : Optional.of(serverNow());
    return new Page(rows, hasMore, next, List.of(), serverTime);
  }
}

package dev.pfsync.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stored state was written for: the destination schema and the source (its base URL and the
 * endpoint of each table). Cursors are positions in one source written to one schema; read against
 * another, they would skip or repeat rows silently, so a mismatch stops the sync.
 *
 * @param schema the destination schema of the data tables, if the destination names one
 * @param source the source's base URL, if the source has one
 * @param endpoints the endpoint of each table, by table name
 */
public record StateIdentity(
    Optional<String> schema, Optional<String> source, Map<String, String> endpoints) {
  public StateIdentity {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(source, "source");
    endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
  }

  /**
   * How this identity (the current run's) differs from {@code stored}, in words, if it does. Tables
   * that only one side knows are not a difference: a table may be added to a connector.
   */
  public Optional<String> mismatch(StateIdentity stored) {
    List<String> differences = new ArrayList<>();
    differs("schema", stored.schema, schema, differences);
    differs("source", stored.source, source, differences);
    for (Map.Entry<String, String> e : endpoints.entrySet()) {
      String was = stored.endpoints.get(e.getKey());
      if (was != null && !was.equals(e.getValue())) {
        differences.add(
            "table " + e.getKey() + " endpoint " + was + " (stored) vs " + e.getValue() + " (now)");
      }
    }
    return differences.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", differences));
  }

  private static void differs(
      String what, Optional<String> stored, Optional<String> now, List<String> out) {
    if (stored.isPresent() && now.isPresent() && !stored.equals(now)) {
      out.add(what + " " + stored.get() + " (stored) vs " + now.get() + " (now)");
    }
  }

  /** This identity, keeping what {@code stored} knows that this one does not (tables not bound). */
  public StateIdentity mergedOver(StateIdentity stored) {
    Map<String, String> all = new LinkedHashMap<>(stored.endpoints);
    all.putAll(endpoints);
    return new StateIdentity(schema.or(stored::schema), source.or(stored::source), all);
  }
}

package dev.pfsync.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a stored state claims has been read, checked against what is stored. For a dataset that does
 * not change, the users whose key lies inside the state's read ranges must be exactly the stored
 * users: a covered user missing means the state points past committed data (a loss on the next
 * run), a stored user outside the ranges means rows were committed without their state.
 *
 * <p>The read ranges (docs/CONTRACTS.md's state JSON, connector-core's cursors): the incremental
 * cursor says every key up to it from the start point is read; the historical cursor says {@code
 * [window_end, start point)} is read and, inside the current window {@code [max(limit, window_end -
 * window), window_end)}, every key up to its position. Together: keys in {@code [window_end,
 * incremental]} and keys in {@code [window_start, historical position]} (once the backfill is
 * complete: {@code [limit, incremental]}).
 */
final class Coverage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Coverage() {}

  /** The ids of {@code truth} that {@code state} claims are read. */
  static Set<String> claimed(Optional<String> state, List<UserKey> truth, Duration window) {
    Set<String> ids = new HashSet<>();
    if (state.isEmpty()) {
      return ids;
    }
    JsonNode user = parse(state.get()).path("tables").path("user");
    if (user.isMissingNode()) {
      return ids;
    }
    JsonNode inc = user.get("incremental");
    JsonNode hist = user.get("historical");
    Instant limit = Instant.parse(hist.get("limit").asText());
    Instant windowEnd = Instant.parse(hist.get("window_end").asText());
    boolean complete = user.get("historical_complete").asBoolean();
    Instant windowStart = windowEnd.minus(window).isAfter(limit) ? windowEnd.minus(window) : limit;
    for (UserKey k : truth) {
      boolean byIncremental = !k.updatedAt().isBefore(complete ? limit : windowEnd) && upTo(k, inc);
      boolean byHistorical = !complete && !k.updatedAt().isBefore(windowStart) && upTo(k, hist);
      if (byIncremental || byHistorical) {
        ids.add(k.id());
      }
    }
    return ids;
  }

  /** {@link #mismatch(Optional, List, Duration, Map)} on one consistent snapshot. */
  static Optional<String> mismatch(Store.Snapshot snapshot, List<UserKey> truth, Duration window) {
    return mismatch(snapshot.state(), truth, window, snapshot.rows());
  }

  /**
   * Compares the claim with the stored rows; empty when they agree, else what is wrong, with a few
   * examples.
   */
  static Optional<String> mismatch(
      Optional<String> state, List<UserKey> truth, Duration window, Map<String, UserKey> stored) {
    Set<String> claimed = claimed(state, truth, window);
    List<String> pastCommitted =
        claimed.stream().filter(id -> !stored.containsKey(id)).limit(3).toList();
    long pastCount = claimed.stream().filter(id -> !stored.containsKey(id)).count();
    long beyondCount = stored.keySet().stream().filter(id -> !claimed.contains(id)).count();
    List<String> beyond =
        stored.keySet().stream().filter(id -> !claimed.contains(id)).limit(3).toList();
    if (pastCount == 0 && beyondCount == 0) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "state claims %d users, %d stored; %d claimed but not stored (state past committed"
                + " data) e.g. %s; %d stored but not claimed e.g. %s; state %s",
            claimed.size(), stored.size(), pastCount, pastCommitted, beyondCount, beyond, state));
  }

  /** Whether {@code k} is at or before the keyset {@code {updated_since, after_id}}. */
  private static boolean upTo(UserKey k, JsonNode keyset) {
    Instant since = Instant.parse(keyset.get("updated_since").asText());
    JsonNode after = keyset.get("after_id");
    int c = k.updatedAt().compareTo(since);
    if (after == null || after.isNull()) {
      return c < 0; // Keyset.from(since): rows at `since` come next
    }
    return c < 0 || (c == 0 && k.id().compareTo(after.asText()) <= 0);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("state is not JSON: " + json, e);
    }
  }
}

package dev.pfsync.mockapi.http;

import dev.pfsync.mockapi.data.User;
import dev.pfsync.mockapi.data.ValuePools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user version's JSON object, rendered once: a page is then mostly byte copies, so the source
 * answers a 1,000-row page in a fraction of the time rendering takes. A user version is immutable
 * and its JSON depends only on its fields (and the dataset's pools), so equal versions share an
 * entry and no invalidation is needed; versions replaced by mutations just stop being asked for.
 * The cache is emptied when it reaches its bound, which keeps it within a quarter of the heap.
 */
final class UserJsonCache {
  private static final long BYTES_PER_ENTRY = 450; // rendered row + map entry, measured ~400

  private final ValuePools pools;
  private final int maxEntries;
  private final ConcurrentHashMap<User, byte[]> rendered = new ConcurrentHashMap<>();

  UserJsonCache(ValuePools pools, int datasetSize) {
    this(pools, datasetSize, Runtime.getRuntime().maxMemory());
  }

  UserJsonCache(ValuePools pools, int datasetSize, long maxHeap) {
    this.pools = pools;
    long byHeap = maxHeap / 4 / BYTES_PER_ENTRY;
    this.maxEntries = (int) Math.max(1, Math.min(2L * datasetSize + 1024, byHeap));
  }

  /** The user's JSON object, as {@link RowJson#user} writes it. */
  byte[] json(User u) {
    byte[] json = rendered.get(u);
    if (json == null) {
      json = render(u);
      if (rendered.size() >= maxEntries) {
        rendered.clear();
      }
      rendered.put(u, json);
    }
    return json;
  }

  int size() {
    return rendered.size();
  }

  private byte[] render(User u) {
    Bytes out = new Bytes(400);
    try (var g = RowJson.FACTORY.createGenerator(out)) {
      new RowJson(pools).user(g, u);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Arrays.copyOf(out.array(), out.length());
  }
}

package dev.pfsync.core;

import java.util.Objects;

/**
 * Names of a keyset-paged endpoint's query parameters (and of the fields of its {@code next}
 * object, which use the same names as {@code since} and {@code after}).
 *
 * @param since inclusive lower bound of the cursor field ({@code updated_since})
 * @param after key of the last row read; with it the bound is strict on (cursor, key) ({@code
 *     after_id})
 * @param before exclusive upper bound of the cursor field ({@code updated_before})
 * @param limit page size ({@code limit})
 */
public record QueryParams(String since, String after, String before, String limit) {
  public QueryParams {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(limit, "limit");
  }
}

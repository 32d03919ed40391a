package dev.pfsync.mockapi.http;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The validated query string of one request: every mistake becomes a 400 naming the parameter. */
final class Query {
  static final int MAX_LIMIT = 10_000;
  static final int DEFAULT_LIMIT = 1_000;

  private final Map<String, List<String>> params;

  private Query(Map<String, List<String>> params) {
    this.params = params;
  }

  /** Rejects parameters outside {@code allowed}, parameters given twice and bad encodings. */
  static Query of(Context ctx, Set<String> allowed) {
    Map<String, List<String>> params = parse(ctx.queryString());
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw ApiException.badRequest(
            e.getKey(), "unknown parameter '" + e.getKey() + "'; allowed: " + sorted(allowed));
      }
      if (e.getValue().size() > 1) {
        throw ApiException.badRequest(e.getKey(), e.getKey() + " given more than once");
      }
    }
    return new Query(params);
  }

  /**
   * Decodes the raw query string ourselves: the server's own parser silently drops a pair it cannot
   * decode, which would turn {@code updated_before=...%} into "no upper bound".
   */
  static Map<String, List<String>> parse(String query) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName, rawName);
      String value = eq < 0 ? "" : decode(name, pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String name, String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(name, name + " is not validly percent-encoded");
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  boolean has(String name) {
    return params.containsKey(name);
  }

  Optional<String> string(String name) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get(0).isEmpty()) {
      throw ApiException.badRequest(name, name + " must not be empty");
    }
    return Optional.of(v.get(0));
  }

  Optional<Instant> instant(String name) {
    return string(name).map(v -> parseInstant(name, v));
  }

  static Instant parseInstant(String name, String v) {
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name, name + " must be an ISO-8601 instant like 2026-11-20T08:00:00Z, got '" + v + "'");
    }
  }

  Optional<Long> integer(String name) {
    return string(name)
        .map(
            v -> {
              try {
                return Long.parseLong(v);
              } catch (NumberFormatException e) {
                throw ApiException.badRequest(name, name + " must be an integer, got '" + v + "'");
              }
            });
  }

  int limit() {
    long limit = integer("limit").orElse((long) DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest(
          "limit", "limit must be within 1.." + MAX_LIMIT + ", got " + limit);
    }
    return (int) limit;
  }

  static ApiException required(String name) {
    return ApiException.badRequest(name, name + " is required");
  }
}

package dev.pfsync.mockapi.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The injected fault set of {@code PUT /admin/faults}. Omitted fields are 0; an {@code
 * error_status} of 0 means 503.
 */
record Faults(
    double errorRate,
    int errorStatus,
    int retryAfterS,
    double rateLimitRps,
    int latencyMs,
    double malformedRate,
    double resetRate) {

  static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0, 0);
  private static final Set<String> FIELDS =
      Set.of(
          "error_rate",
          "error_status",
          "retry_after_s",
          "rate_limit_rps",
          "latency_ms",
          "malformed_rate",
          "reset_rate");

  int effectiveErrorStatus() {
    return errorStatus == 0 ? 503 : errorStatus;
  }

  /** Parses a PUT body; every mistake is a 400 naming the field. */
  static Faults parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("body", "body must be a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!FIELDS.contains(e.getKey())) {
        throw ApiException.badRequest(e.getKey(), "unknown field '" + e.getKey() + "'");
      }
      if (!e.getValue().isNumber()) {
        throw ApiException.badRequest(e.getKey(), e.getKey() + " must be a number");
      }
    }
    int status = integer(body, "error_status", 0, 599);
    if (status != 0 && status < 400) {
      throw ApiException.badRequest("error_status", "error_status must be 0 or within 400..599");
    }
    return new Faults(
        rate(body, "error_rate"),
        status,
        integer(body, "retry_after_s", 0, 3600),
        number(body, "rate_limit_rps", 0, 1_000_000),
        integer(body, "latency_ms", 0, 60_000),
        rate(body, "malformed_rate"),
        rate(body, "reset_rate"));
  }

  private static double rate(JsonNode body, String name) {
    return number(body, name, 0, 1);
  }

  private static double number(JsonNode body, String name, double min, double max) {
    double v = body.path(name).asDouble(0);
    if (!(v >= min && v <= max)) {
      throw ApiException.badRequest(name, name + " must be within " + min + ".." + max);
    }
    return v;
  }

  private static int integer(JsonNode body, String name, int min, int max) {
    JsonNode n = body.path(name);
    if (!n.isMissingNode() && !(n.isIntegralNumber() || n.asDouble() == Math.rint(n.asDouble()))) {
      throw ApiException.badRequest(name, name + " must be an integer");
    }
    return (int) number(body, name, min, max);
  }

  void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("error_rate", errorRate);
    g.writeNumberField("error_status", errorStatus);
    g.writeNumberField("retry_after_s", retryAfterS);
    g.writeNumberField("rate_limit_rps", rateLimitRps);
    g.writeNumberField("latency_ms", latencyMs);
    g.writeNumberField("malformed_rate", malformedRate);
    g.writeNumberField("reset_rate", resetRate);
    g.writeEndObject();
  }
}

package dev.pfsync.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What the API said about a rejected request: the {@code error} and {@code param} fields of its
 * JSON body, or the start of the body when it is not such JSON.
 */
final class ApiError {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final int MAX_TEXT = 200;

  private ApiError() {}

  static String describe(byte[] body, Redactor redactor) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node != null && node.isObject() && node.hasNonNull("error")) {
        // Redact before cutting: a token straddling the cut would otherwise leak its start.
        String text = "\"" + cut(redactor.apply(node.get("error").asText())) + "\"";
        if (node.hasNonNull("param")) {
          text += " (param " + cut(redactor.apply(node.get("param").asText())) + ")";
        }
        return text;
      }
    } catch (IOException e) {
      // not JSON: show the raw start below
    }
    return "body: " + PageParser.excerpt(body, redactor);
  }

  private static String cut(String s) {
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "..." : s;
  }
}

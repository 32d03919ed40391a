package dev.pfsync.core.http;

import java.util.Optional;

/**
 * Scrubs the bearer token from text that came from the API (error bodies, body excerpts), in case
 * the API echoes it back: the token must never reach a log or an exception message.
 */
record Redactor(Optional<String> secret) {
  static final Redactor NONE = new Redactor(Optional.empty());

  String apply(String text) {
    return secret.map(s -> text.replace(s, "<redacted>")).orElse(text);
  }
}

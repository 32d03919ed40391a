package dev.pfsync.connector.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Quiet by default (warnings only); {@code --verbose} shows pfsync's debug detail. */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    if (LoggerFactory.getLogger("dev.pfsync") instanceof Logger pfsync) {
      pfsync.setLevel(verbose ? Level.DEBUG : Level.WARN);
    }
  }
}

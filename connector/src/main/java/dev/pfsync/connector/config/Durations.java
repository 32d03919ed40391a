package dev.pfsync.connector.config;

import dev.pfsync.core.ConfigurationException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as the CLI writes them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 6h},
 * {@code 1d}, {@code 1h30m}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** Parses {@code text}; the error names the setting. */
  public static Duration parse(String setting, String text) {
    String t = text.trim();
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    try {
      while (m.find() && m.start() == end) {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  default -> Duration.ofDays(n);
                });
        end = m.end();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigurationException(setting + ": too large a duration");
    }
    if (end == 0 || end != t.length()) {
      // The value is not echoed: a secret given to the wrong flag must not reach a terminal or log.
      throw new ConfigurationException(
          setting + ": not a duration (write e.g. 500ms, 30s, 10m, 6h, 1d)");
    }
    return total;
  }

  /** Formats a duration the way {@link #parse} reads it, largest units first. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    if (days > 0) sb.append(days).append('d');
    if (d.toHoursPart() > 0) sb.append(d.toHoursPart()).append('h');
    if (d.toMinutesPart() > 0) sb.append(d.toMinutesPart()).append('m');
    if (d.toSecondsPart() > 0) sb.append(d.toSecondsPart()).append('s');
    if (d.toMillisPart() > 0) sb.append(d.toMillisPart()).append("ms");
    return sb.toString();
  }
}

package dev.pfsync.mockapi;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as flags write them: an optional sign, then days, hours, minutes, seconds and
 * milliseconds in that order, each at most once ({@code -60s}, {@code +2m}, {@code -1h30m}, {@code
 * 500ms}, {@code 1d12h}); a bare {@code 0} is zero.
 */
final class DurationFlag {
  private static final Pattern FORM =
      Pattern.compile(
          "([+-])?(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?"
              + "(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");
  private static final long[] UNIT_MS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
  private static final String[] UNIT = {"d", "h", "m", "s", "ms"};

  private DurationFlag() {}

  /**
   * @throws IllegalArgumentException naming {@code flag} if {@code value} is not such a duration
   */
  static Duration parse(String flag, String value) {
    String v = value.trim();
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = FORM.matcher(v);
    boolean anyUnit = false;
    long ms = 0;
    if (m.matches()) {
      for (int unit = 0; unit < UNIT_MS.length; unit++) {
        String digits = m.group(unit + 2);
        if (digits != null) {
          anyUnit = true;
          ms += Long.parseLong(digits) * UNIT_MS[unit];
        }
      }
    }
    if (!anyUnit) {
      throw new IllegalArgumentException(
          flag + " must be a duration like -60s, 90s, 1m, -1h30m or 500ms, got '" + value + "'");
    }
    return Duration.ofMillis("-".equals(m.group(1)) ? -ms : ms);
  }

  /** The shortest spelling {@link #parse} reads back, signed unless zero: {@code -1m30s}. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long ms = Math.abs(d.toMillis());
    StringBuilder out = new StringBuilder(d.isNegative() ? "-" : "+");
    for (int unit = 0; unit < UNIT_MS.length; unit++) {
      long n = ms / UNIT_MS[unit];
      ms %= UNIT_MS[unit];
      if (n > 0) {
        out.append(n).append(UNIT[unit]);
      }
    }
    return out.toString();
  }
}

package dev.pfsync.postgres.internal;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The range of PostgreSQL's {@code numeric}: at most 131,072 digits before the decimal point and
 * 16,383 after. Checked from a number's digit counts alone, so that {@code 1e999999999} is refused
 * without ever being written out (its plain text would be a gigabyte).
 */
final class NumericLimits {
  static final long MAX_DIGITS_BEFORE_POINT = 131_072;
  static final long MAX_DIGITS_AFTER_POINT = 16_383;

  private NumericLimits() {}

  /**
   * Why {@code d} cannot be stored as a numeric (nor, sensibly, as text), if it cannot. Zero has no
   * digits before the point whatever its exponent; its digits after the point still count, as
   * PostgreSQL keeps them as the display scale.
   */
  static Optional<String> problem(BigDecimal d) {
    // precision() and scale() are cheap: the unscaled value of 1e999999999 is just 1.
    long before = d.signum() == 0 ? 0 : (long) d.precision() - d.scale();
    return problem(before, Math.max(0, d.scale()));
  }

  /** Why a number with these digit counts cannot be stored as a numeric, if it cannot. */
  static Optional<String> problem(long digitsBeforePoint, long digitsAfterPoint) {
    if (digitsBeforePoint > MAX_DIGITS_BEFORE_POINT) {
      return Optional.of(
          "a number with "
              + digitsBeforePoint
              + " digits before the decimal point; PostgreSQL numeric holds at most "
              + MAX_DIGITS_BEFORE_POINT);
    }
    if (digitsAfterPoint > MAX_DIGITS_AFTER_POINT) {
      return Optional.of(
          "a number with "
              + digitsAfterPoint
              + " digits after the decimal point; PostgreSQL numeric holds at most "
              + MAX_DIGITS_AFTER_POINT);
    }
    return Optional.empty();
  }
}

package dev.pfsync.postgres.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Whether PostgreSQL can hold one value in a column of a given type, judged without encoding it:
 * the part of {@link RowCheck} that looks at values rather than names.
 */
final class ValueCheck {
  private static final long MIN_SECOND = LocalDate.of(1, 1, 1).toEpochDay() * 86_400;
  private static final long END_SECOND = (LocalDate.of(9999, 12, 31).toEpochDay() + 1) * 86_400;

  private ValueCheck() {}

  /**
   * Why {@code value} cannot be stored, if it cannot.
   *
   * @param type the column's type (as the value would create it if there is no column yet); null if
   *     pfsync does not create columns of that type
   * @param key whether the column is part of the primary key
   */
  static Optional<String> problem(Object value, PgType type, boolean key) {
    if (value instanceof String s) {
      if (key && s.indexOf('\0') >= 0) {
        // Elsewhere NUL is stripped; in a key that could merge two records into one row.
        return Optional.of("a key holding NUL, which PostgreSQL text cannot hold");
      }
      return type == PgType.JSONB ? JsonText.problem(s) : Optional.empty();
    }
    if (value instanceof BigDecimal d) {
      return NumericLimits.problem(d); // in any column: text would be just as absurdly long
    }
    boolean dateColumn =
        type == PgType.TIMESTAMPTZ || type == PgType.TIMESTAMP || type == PgType.DATE;
    if (dateColumn && !inYears(value)) {
      return Optional.of(
          value + " is outside the years 1 to 9999 that a " + type.sql() + " column takes");
    }
    return Optional.empty();
  }

  /** Years 1 to 9999: PostgreSQL reads no other year in the ISO form the text COPY writes. */
  private static boolean inYears(Object value) {
    if (value instanceof Instant t) {
      return t.getEpochSecond() >= MIN_SECOND && t.getEpochSecond() < END_SECOND;
    }
    int year;
    if (value instanceof LocalDateTime t) {
      year = t.getYear();
    } else if (value instanceof LocalDate d) {
      year = d.getYear();
    } else {
      return true; // another type: the encoder says whether it fits
    }
    return year >= 1 && year <= 9999;
  }
}

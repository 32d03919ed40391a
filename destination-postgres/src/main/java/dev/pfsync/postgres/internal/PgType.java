package dev.pfsync.postgres.internal;

import dev.pfsync.core.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/** The PostgreSQL column types pfsync creates, by declared type or by the Java value seen. */
public enum PgType {
  TEXT("text", "text"),
  TIMESTAMPTZ("timestamptz", "timestamptz"),
  INTEGER("integer", "int4"),
  BIGINT("bigint", "int8"),
  BOOLEAN("boolean", "bool"),
  DOUBLE("double precision", "float8"),
  NUMERIC("numeric", "numeric"),
  DATE("date", "date"),
  TIMESTAMP("timestamp", "timestamp"),
  JSONB("jsonb", "jsonb"),
  BYTEA("bytea", "bytea");

  private final String sql;
  private final String typname;

  PgType(String sql, String typname) {
    this.sql = sql;
    this.typname = typname;
  }

  /** The name used in DDL ({@code double precision}). */
  public String sql() {
    return sql;
  }

  /** The name in {@code pg_type.typname} ({@code float8}), as read back from the catalog. */
  public String typname() {
    return typname;
  }

  public static PgType of(ColumnType type) {
    return switch (type) {
      case STRING -> TEXT;
      case UTC_DATETIME -> TIMESTAMPTZ;
      case INT -> INTEGER;
      case LONG -> BIGINT;
      case BOOLEAN -> BOOLEAN;
      case DOUBLE -> DOUBLE;
      case DECIMAL -> NUMERIC;
      case NAIVE_DATE -> DATE;
      case NAIVE_DATETIME -> TIMESTAMP;
      case JSON -> JSONB;
      case BINARY -> BYTEA;
    };
  }

  /** The type with this {@code pg_type.typname}, if pfsync creates such columns. */
  public static Optional<PgType> ofTypname(String typname) {
    for (PgType t : values()) {
      if (t.typname.equals(typname)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type of a column added for an undeclared field, inferred from one of its values. */
  public static Optional<PgType> inferFrom(Object value) {
    if (value instanceof String) {
      return Optional.of(TEXT);
    } else if (value instanceof Long) {
      return Optional.of(BIGINT);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return Optional.of(INTEGER);
    } else if (value instanceof Double || value instanceof Float) {
      return Optional.of(DOUBLE);
    } else if (value instanceof Boolean) {
      return Optional.of(BOOLEAN);
    } else if (value instanceof BigDecimal) {
      return Optional.of(NUMERIC);
    } else if (value instanceof Instant) {
      return Optional.of(TIMESTAMPTZ);
    } else if (value instanceof LocalDate) {
      return Optional.of(DATE);
    } else if (value instanceof LocalDateTime) {
      return Optional.of(TIMESTAMP);
    } else if (value instanceof byte[]) {
      return Optional.of(BYTEA);
    }
    return Optional.empty();
  }

  /** The type of two values of one field: integers widen to bigint, other mixes become text. */
  public PgType merge(PgType other) {
    if (this == other) {
      return this;
    }
    if ((this == INTEGER || this == BIGINT) && (other == INTEGER || other == BIGINT)) {
      return BIGINT;
    }
    return TEXT;
  }
}

package dev.pfsync.core;

/**
 * Declared type of a column, as in the Fivetran Connector SDK.
 *
 * <p>Each type fixes the Java type that a {@link Row} holds for it, so sources and destinations
 * agree without looking at each other: {@code STRING}: String, {@code UTC_DATETIME}: Instant,
 * {@code INT}: Integer, {@code LONG}: Long, {@code BOOLEAN}: Boolean, {@code DOUBLE}: Double,
 * {@code DECIMAL}: BigDecimal, {@code NAIVE_DATE}: LocalDate, {@code NAIVE_DATETIME}:
 * LocalDateTime, {@code JSON}: String holding JSON text, {@code BINARY}: byte[].
 */
public enum ColumnType {
  STRING,
  UTC_DATETIME,
  INT,
  LONG,
  BOOLEAN,
  DOUBLE,
  DECIMAL,
  NAIVE_DATE,
  NAIVE_DATETIME,
  JSON,
  BINARY
}

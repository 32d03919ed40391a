package dev.pfsync.postgres.internal;

import dev.pfsync.core.FieldNames;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a row can be stored as it is in one table, checked before anything of it is encoded: a
 * value PostgreSQL would refuse would otherwise fail the whole checkpoint, and every later run at
 * the same page. Such a row becomes a {@link RejectedRecord} instead. Refused: a key that is
 * missing or holds NUL; a field whose column name is empty, longer than 63 bytes, holds NUL or
 * starts with {@code _pfsync_}; two fields of the row that map to one column; invalid JSON (or JSON
 * holding NUL) for a jsonb column; a timestamp or date outside the years 1 to 9999 for a date/time
 * column; a decimal beyond numeric's range, whatever its column. A field whose value is null is
 * absent and never a reason. Not thread-safe.
 */
final class RowCheck {
  private static final String RESERVED = "_pfsync_";

  private final String table;
  private final Map<String, String> typnames;
  private final List<String> keyColumns;
  private final List<String> keyFields;
  private final Map<String, String> columnOfField = new HashMap<>();
  // Worked out once per shape of rows (their FieldNames, same names in order), per field position:
  private FieldNames shape;
  private String[] columnAt;
  private String[] nameProblemAt;
  private boolean[] existsAt; // whether the column exists; if not, its type comes from the value
  private PgType[] typeAt; // of the existing column; null if pfsync does not create such columns
  private int[] sameColumnAt; // the previous position mapping to the same column, or -1
  private boolean[] keyFieldAt;
  private int[][] keyAt; // per key column, the positions that map to it

  /** The rows that can be stored, and the rejected records of the others. */
  record Split(List<Row> valid, List<RejectedRecord> rejected) {}

  /**
   * @param model the table as it is; columns not in it are checked as the value would create them
   */
  RowCheck(TableModel model) {
    this.table = model.declared().name();
    this.typnames = model.columns();
    this.keyColumns = model.keyColumns();
    this.keyFields = model.declared().primaryKey();
  }

  /** Splits {@code rows}; {@code valid} is {@code rows} itself when nothing is rejected. */
  Split split(List<Row> rows) {
    List<Row> valid = null;
    List<RejectedRecord> rejected = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Optional<RejectedRecord> r = check(rows.get(i));
      if (r.isPresent()) {
        if (valid == null) {
          valid = new ArrayList<>(rows.subList(0, i));
        }
        rejected.add(r.get());
      } else if (valid != null) {
        valid.add(rows.get(i));
      }
    }
    return new Split(valid == null ? rows : valid, rejected);
  }

  /** The rejected record of {@code row}, if it cannot be stored as it is. */
  Optional<RejectedRecord> check(Row row) {
    if (row.fieldNames() != shape) {
      if (sameNames(row.fieldNames(), shape)) {
        shape = row.fieldNames(); // rows built from maps: equal names, other instances
      } else {
        learn(row.fieldNames());
      }
    }
    for (int k = 0; k < keyAt.length; k++) {
      if (keyValue(row, k) == null) {
        return reject(row, keyFields.get(k), "no value for key column " + keyColumns.get(k));
      }
    }
    for (int i = 0; i < columnAt.length; i++) {
      Object value = row.value(i);
      if (value == null) {
        continue;
      }
      String why = problem(row, i, value);
      if (why != null) {
        return reject(row, shape.get(i), why);
      }
    }
    return Optional.empty();
  }

  private String problem(Row row, int i, Object value) {
    if (nameProblemAt[i] != null) {
      return nameProblemAt[i];
    }
    for (int j = sameColumnAt[i]; j >= 0; j = sameColumnAt[j]) {
      if (row.value(j) != null) {
        return "fields "
            + shape.get(j)
            + " and "
            + shape.get(i)
            + " both map to column "
            + columnAt[i];
      }
    }
    PgType type = existsAt[i] ? typeAt[i] : PgType.inferFrom(value).orElse(null);
    return ValueCheck.problem(value, type, keyFieldAt[i]).orElse(null);
  }

  private Optional<RejectedRecord> reject(Row row, String field, String why) {
    // JSON-typed values go into the record as they are, unless they are not JSON at all.
    String record =
        RecordJson.of(
            row,
            i ->
                existsAt[i]
                    && typeAt[i] == PgType.JSONB
                    && JsonText.wellFormed((String) row.value(i)));
    return Optional.of(
        new RejectedRecord(
            table, key(row), Optional.of(field), "field " + field + ": " + why, record));
  }

  /** The key as text; several key columns as a JSON array of their values. */
  private Optional<String> key(Row row) {
    if (keyAt.length == 1) {
      return Optional.ofNullable(keyValue(row, 0)).map(RecordJson::text);
    }
    StringBuilder out = new StringBuilder("[");
    for (int k = 0; k < keyAt.length; k++) {
      out.append(k == 0 ? "" : ",");
      RecordJson.value(out, keyValue(row, k));
    }
    return Optional.of(out.append(']').toString());
  }

  private Object keyValue(Row row, int k) {
    for (int i : keyAt[k]) {
      if (row.value(i) != null) {
        return row.value(i);
      }
    }
    return null;
  }

  private void learn(FieldNames names) {
    int n = names.size();
    columnAt = new String[n];
    nameProblemAt = new String[n];
    existsAt = new boolean[n];
    typeAt = new PgType[n];
    sameColumnAt = new int[n];
    keyFieldAt = new boolean[n];
    List<List<Integer>> keys = new ArrayList<>();
    keyColumns.forEach(k -> keys.add(new ArrayList<>()));
    Map<String, Integer> lastOfColumn = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String column = columnOfField.computeIfAbsent(names.get(i), Identifiers::snakeCase);
      columnAt[i] = column;
      nameProblemAt[i] = nameProblem(column);
      String typname = typnames.get(column);
      existsAt[i] = typname != null;
      typeAt[i] = typname == null ? null : PgType.ofTypname(typname).orElse(null);
      Integer previous = lastOfColumn.put(column, i);
      sameColumnAt[i] = previous == null ? -1 : previous;
      int k = keyColumns.indexOf(column);
      keyFieldAt[i] = k >= 0;
      if (k >= 0) {
        keys.get(k).add(i);
      }
    }
    keyAt =
        keys.stream()
            .map(p -> p.stream().mapToInt(Integer::intValue).toArray())
            .toArray(int[][]::new);
    shape = names;
  }

  /** Whether two shapes hold the same names in the same order. */
  static boolean sameNames(FieldNames a, FieldNames b) {
    if (b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String nameProblem(String column) {
    Optional<String> problem = Identifiers.problem(column);
    if (problem.isPresent()) {
      return "column name \"" + column + "\" cannot be used: " + problem.get();
    }
    if (column.startsWith(RESERVED)) {
      return "column name "
          + column
          + " starts with "
          + RESERVED
          + ", kept for pfsync's own columns";
    }
    return null;
  }
}

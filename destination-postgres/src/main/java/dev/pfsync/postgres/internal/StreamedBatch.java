package dev.pfsync.postgres.internal;

import dev.pfsync.core.DestinationException;
import dev.pfsync.core.FieldNames;
import dev.pfsync.core.Row;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.copy.CopyIn;

/**
 * The rows of one batch on {@link TableWriter}'s streaming fast path: checks that each row fits the
 * table as it is (every non-null field has a column, added columns need no widening, its key is
 * present and new in the batch) and encodes it for a binary COPY into the table (which PostgreSQL
 * reads with less work than text: no timestamps or numbers to parse). A row that does not fit is
 * refused and encodes nothing; the writer then takes the general path with the whole batch.
 */
final class StreamedBatch {
  private static final int NO_COLUMN = -1;

  private final TableWriter writer;
  private final List<String> columns;
  private final Map<String, Integer> columnOfField = new HashMap<>();
  private final String[] fieldOfColumn;
  private final PgType[] addedType; // the stored type of added columns; null for declared ones
  private final int[] keyIndexes;
  private final Set<Object> keys = new HashSet<>(4096); // a page of 1,000 rows, never resized
  private final Object[] values;
  private final CopyBinary binary;
  private FieldNames shape; // of the last row, and where its fields go
  private int[] columnAt;
  private long rows;
  private long deleted;

  /**
   * A batch for the table as {@code model} describes it, if the table can take the binary COPY of
   * the streaming path: only columns of the types pfsync creates.
   */
  static Optional<StreamedBatch> of(TableWriter writer, TableModel model) {
    return copyTypes(model).map(types -> new StreamedBatch(writer, model, types));
  }

  private StreamedBatch(TableWriter writer, TableModel model, PgType[] types) {
    this.writer = writer;
    this.columns = new ArrayList<>(model.columns().keySet());
    this.fieldOfColumn = new String[columns.size()];
    this.addedType = new PgType[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      if (!writer.isDeclaredColumn(columns.get(i))) {
        addedType[i] = types[i];
      }
    }
    this.keyIndexes = model.keyColumns().stream().mapToInt(columns::indexOf).toArray();
    this.values = new Object[columns.size()];
    this.binary = new CopyBinary(types);
    binary.header();
  }

  /** The types of the COPY columns (the data columns, then the deleted flag), if all are known. */
  private static Optional<PgType[]> copyTypes(TableModel model) {
    PgType[] types = new PgType[model.columns().size() + 1];
    int i = 0;
    for (String typname : model.columns().values()) {
      Optional<PgType> type = PgType.ofTypname(typname);
      if (type.isEmpty()) {
        return Optional.empty();
      }
      types[i++] = type.get();
    }
    types[i] = PgType.BOOLEAN;
    return CopyBinary.supports(types) ? Optional.of(types) : Optional.empty();
  }

  /** The data columns, in the order rows are encoded. */
  List<String> columns() {
    return columns;
  }

  /** Encodes {@code row} if it fits; false (and nothing encoded) if not. */
  boolean add(Row row) {
    if (row.fieldNames() != shape) {
      shape = row.fieldNames();
      columnAt = columnsOf(shape);
    }
    if (columnAt == null) {
      return false; // two fields for one column: the general path says so
    }
    Arrays.fill(values, null);
    for (int i = 0; i < columnAt.length; i++) {
      int index = columnAt[i];
      Object value = row.value(i);
      if (index == NO_COLUMN) {
        if (value != null) {
          return false; // a new column is needed
        }
        continue;
      }
      if (value != null && addedType[index] != null && !fits(addedType[index], value)) {
        return false; // the added column must be widened first
      }
      values[index] = value;
    }
    if (!newKey()) {
      return false;
    }
    try {
      binary.startRow(values.length + 1);
      for (Object value : values) {
        binary.field(value);
      }
      binary.field(row.deleted());
      binary.endRow();
    } catch (DestinationException e) {
      // A value binary COPY cannot take as the text path would (say, a year past 9999): let the
      // general path write it, or fail, exactly as it always did. This COPY is abandoned.
      return false;
    }
    rows++;
    if (row.deleted()) {
      deleted++;
    }
    return true;
  }

  /**
   * The column of each field of rows with these names ({@link #NO_COLUMN} if none), or null if two
   * fields of the batch map to one column.
   */
  private int[] columnsOf(FieldNames names) {
    int[] at = new int[names.size()];
    for (int i = 0; i < at.length; i++) {
      String field = names.get(i);
      Integer index = columnOfField.get(field);
      if (index == null) {
        index = writer.columnIndex(field, columns);
        columnOfField.put(field, index);
      }
      at[i] = index;
      if (index == NO_COLUMN) {
        continue;
      }
      String claimed = fieldOfColumn[index];
      if (claimed == null) {
        fieldOfColumn[index] = field;
      } else if (!claimed.equals(field)) {
        return null;
      }
    }
    return at;
  }

  private boolean newKey() {
    Object key;
    if (keyIndexes.length == 1) {
      key = values[keyIndexes[0]];
      if (key == null) {
        return false;
      }
    } else {
      List<Object> parts = new ArrayList<>(keyIndexes.length);
      for (int k : keyIndexes) {
        if (values[k] == null) {
          return false;
        }
        parts.add(values[k]);
      }
      key = parts;
    }
    // byte[] keys compare by identity here: a duplicate then shows as a unique violation.
    return keys.add(key);
  }

  private static boolean fits(PgType stored, Object value) {
    Optional<PgType> type = PgType.inferFrom(value);
    return type.isPresent() && stored.merge(type.get()) == stored;
  }

  /** Bytes encoded and not yet sent. */
  int buffered() {
    return binary.size();
  }

  /** Sends the encoded bytes (with the end-of-data trailer if {@code last}) and forgets them. */
  void sendTo(CopyIn copyIn, boolean last) throws SQLException {
    if (last) {
      binary.trailer();
    }
    if (binary.size() > 0) {
      copyIn.writeToCopy(binary.array(), 0, binary.size());
      binary.reset();
    }
  }

  long rows() {
    return rows;
  }

  long deleted() {
    return deleted;
  }

  long nulsStripped() {
    return binary.nulsStripped();
  }
}

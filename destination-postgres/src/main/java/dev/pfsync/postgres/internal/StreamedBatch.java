package dev.pfsync.postgres.internal;

import dev.pfsync.core.DestinationException;
import dev.pfsync.core.FieldNames;
import dev.pfsync.core.RejectedRecord;
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
 * The rows of one batch on {@link TableWriter}'s streaming fast path: checks that each row can be
 * stored ({@link RowCheck}: a row that cannot is rejected, and the batch goes on), that it fits the
 * table as it is (every non-null field has a column, added columns need no widening, its key is new
 * in the batch) and encodes it for a binary COPY into the table (which PostgreSQL reads with less
 * work than text: no timestamps or numbers to parse). A row that does not fit is refused and
 * encodes nothing; the writer then takes the general path with the whole batch.
 */
final class StreamedBatch {
  private static final int NO_COLUMN = -1;

  private final TableWriter writer;
  private final List<String> columns;
  private final Map<String, Integer> columnOfField = new HashMap<>();
  private final PgType[] addedType; // the stored type of added columns; null for declared ones
  private final int[] keyIndexes;
  private final Set<Object> keys = new HashSet<>(4096); // a page of 1,000 rows, never resized
  private final Object[] values;
  private final CopyBinary binary;
  private final RowCheck check;
  private final List<RejectedRecord> rejected = new ArrayList<>();
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
    this.addedType = new PgType[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      if (!writer.isDeclaredColumn(columns.get(i))) {
        addedType[i] = types[i];
      }
    }
    this.keyIndexes = model.keyColumns().stream().mapToInt(columns::indexOf).toArray();
    this.values = new Object[columns.size()];
    this.binary = new CopyBinary(types);
    this.check = new RowCheck(model);
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

  /**
   * Encodes {@code row} if it fits, or keeps its rejected record if it cannot be stored; false (and
   * nothing encoded) if it does not fit.
   */
  boolean add(Row row) {
    Optional<RejectedRecord> refused = check.check(row);
    if (refused.isPresent()) {
      rejected.add(refused.get());
      return true;
    }
    if (row.fieldNames() != shape) {
      shape = row.fieldNames();
      columnAt = columnsOf(shape);
    }
    Arrays.fill(values, null);
    for (int i = 0; i < columnAt.length; i++) {
      int index = columnAt[i];
      Object value = row.value(i);
      if (value == null) {
        continue; // absent: another field of the same column may hold its value
      }
      if (index == NO_COLUMN) {
        return false; // a new column is needed
      }
      if (addedType[index] != null && !fits(addedType[index], value)) {
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
      // A value binary COPY cannot take as the text path would (say, a Long beyond an integer
      // column): let the general path write it, or fail, exactly as it always did.
      return false;
    }
    rows++;
    if (row.deleted()) {
      deleted++;
    }
    return true;
  }

  /**
   * The column of each field of rows with these names ({@link #NO_COLUMN} if none). Two fields may
   * share one: {@link RowCheck} lets at most one of them hold a value in a row.
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
    }
    return at;
  }

  /** Whether the row's key (RowCheck made sure it has one) is new in the batch. */
  private boolean newKey() {
    Object key;
    if (keyIndexes.length == 1) {
      key = values[keyIndexes[0]];
    } else {
      List<Object> parts = new ArrayList<>(keyIndexes.length);
      for (int k : keyIndexes) {
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

  /** The records of the rows that cannot be stored, in order. */
  List<RejectedRecord> rejected() {
    return rejected;
  }
}

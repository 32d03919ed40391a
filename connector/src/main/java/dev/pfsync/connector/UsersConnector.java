package dev.pfsync.connector;

import dev.pfsync.core.Column;
import dev.pfsync.core.ColumnType;
import dev.pfsync.core.CursorFormat;
import dev.pfsync.core.QueryParams;
import dev.pfsync.core.TableBinding;
import dev.pfsync.core.TableSchema;
import java.util.List;
import java.util.Optional;

/** The seed's users connector: the {@code USER} table bound to {@code GET /v1/users}. */
public final class UsersConnector {
  private UsersConnector() {}

  /** The {@code user} table: the seed's columns plus {@code deletedAt} for tombstones. */
  public static final TableSchema USER =
      new TableSchema(
          "user",
          List.of("id"),
          List.of(
              new Column("id", ColumnType.STRING),
              new Column("name", ColumnType.STRING),
              new Column("email", ColumnType.STRING),
              new Column("address", ColumnType.STRING),
              new Column("company", ColumnType.STRING),
              new Column("job", ColumnType.STRING),
              new Column("createdAt", ColumnType.UTC_DATETIME),
              new Column("updatedAt", ColumnType.UTC_DATETIME),
              new Column("deletedAt", ColumnType.UTC_DATETIME)),
          "updatedAt");

  /** How {@code /v1/users} pages: keyset on (updatedAt, id). */
  public static final TableBinding USERS =
      new TableBinding(
          USER,
          "/v1/users",
          "id",
          "updatedAt",
          CursorFormat.ISO_INSTANT,
          new QueryParams("updated_since", "after_id", "updated_before", "limit"),
          Optional.of("deletedAt"));

  /** Every table this connector syncs. */
  public static List<TableBinding> tables() {
    return List.of(USERS);
  }
}

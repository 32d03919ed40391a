package dev.pfsync.postgres;

import dev.pfsync.postgres.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test queries returning plain values, for assertions. */
public final class Db {
  private Db() {}

  public static List<Map<String, Object>> query(String sql, Object... params) {
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnName(i), rs.getObject(i));
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public static Object value(String sql, Object... params) {
    List<Map<String, Object>> rows = query(sql, params);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  public static long count(String sql, Object... params) {
    return ((Number) value(sql, params)).longValue();
  }

  /** column name to {@code format_type} of a table. */
  public static Map<String, String> columnTypes(String schema, String table) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map<String, Object> r :
        query(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a"
                + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            schema,
            table)) {
      out.put((String) r.get("attname"), (String) r.get("t"));
    }
    return out;
  }
}

package dev.pfsync.postgres.internal;

import dev.pfsync.core.DestinationException;
import dev.pfsync.postgres.PostgresConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Migrates the {@code _pfsync} metadata schema with Flyway, whose history table lives there too.
 * Flyway serializes concurrent migrations itself, with a transaction-scoped advisory lock (which a
 * transaction pooler cannot leak onto another client's server connection); the one step it does not
 * serialize, a first-time set-up racing another process's, is retried.
 *
 * <p>When the history already holds exactly the migrations this build ships, with their checksums,
 * Flyway is not started at all: loading and running it took a quarter of a second, a fifth of a
 * whole incremental run that finds nothing new. Anything else (a fresh database, a pending or an
 * edited migration, a failed one) goes through Flyway as before.
 */
public final class Migrations {
  public static final String SCHEMA = "_pfsync";
  public static final String LOCATION = "classpath:dev/pfsync/postgres/migration";

  /**
   * Every versioned migration under {@link #LOCATION} and Flyway's checksum of it. A new or changed
   * file must be listed here (MigrationsTest fails otherwise), or a database migrated by an older
   * build would look up to date.
   */
  static final Map<String, Integer> SHIPPED = Map.of("1", -1927492189, "3", -1175101302);

  private Migrations() {}

  /**
   * Applies pending migrations; a no-op when up to date. Returns how many ran.
   *
   * @param c an open connection to the same database, in auto-commit mode, used to check whether
   *     anything is pending
   */
  public static int migrate(PostgresConfig config, Connection c) {
    try {
      if (SHIPPED.equals(applied(c))) {
        return 0;
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("read the migration history of schema " + SCHEMA, e);
    }
    for (int attempt = 1; ; attempt++) {
      boolean fresh = !historyExists(c);
      try {
        return flyway(config).migrate().migrationsExecuted;
      } catch (FlywayException e) {
        // Flyway checks that a schema without history is empty, then creates the history: another
        // process may create it in between. Its history exists now, and a new attempt waits on
        // Flyway's lock instead.
        if (attempt < FIRST_SETUP_ATTEMPTS && fresh && historyExists(c)) {
          pause(attempt);
          continue;
        }
        throw translate(e);
      }
    }
  }

  private static final int FIRST_SETUP_ATTEMPTS = 3;

  private static Flyway flyway(PostgresConfig config) {
    FluentConfiguration fluent =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(new ConfigDataSource(config))
            .schemas(SCHEMA)
            .locations(LOCATION);
    // Flyway's default, set so that it stays so: a session lock would outlive the transaction.
    fluent
        .getPluginRegister()
        .getExact(PostgreSQLConfigurationExtension.class)
        .setTransactionalLock(true);
    return fluent.load();
  }

  private static RuntimeException translate(FlywayException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return SqlErrors.translate("migrate schema " + SCHEMA, sql);
      }
    }
    return new DestinationException("migrate schema " + SCHEMA + " failed: " + e.getMessage(), e);
  }

  private static boolean historyExists(Connection c) {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT to_regclass('" + SCHEMA + ".flyway_schema_history') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw SqlErrors.translate("read the migration history of schema " + SCHEMA, e);
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException("interrupted while migrating schema " + SCHEMA, e);
    }
  }

  /**
   * The versioned migrations recorded in the history with their checksums; a failed one maps to
   * null, so the history never equals {@link #SHIPPED} then. Empty without a history table.
   */
  static Map<String, Integer> applied(Connection c) throws SQLException {
    Map<String, Integer> applied = new HashMap<>();
    if (!historyExists(c)) {
      return applied;
    }
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version, checksum, success FROM "
                    + SCHEMA
                    + ".flyway_schema_history WHERE version IS NOT NULL")) {
      while (rs.next()) {
        int checksum = rs.getInt(2);
        boolean known = !rs.wasNull() && rs.getBoolean(3);
        applied.put(rs.getString(1), known ? checksum : null);
      }
    }
    return applied;
  }
}

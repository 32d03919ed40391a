package dev.pfsync.postgres.internal;

import dev.pfsync.core.DestinationException;
import dev.pfsync.postgres.PostgresConfig;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the {@code _pfsync} metadata schema with Flyway, whose history table lives there too.
 * Callers hold {@link RunLock#lockDdl} so that first-time migrations of concurrent processes (and
 * Flyway's creation of the schema) never race.
 */
public final class Migrations {
  public static final String SCHEMA = "_pfsync";
  public static final String LOCATION = "classpath:dev/pfsync/postgres/migration";

  private Migrations() {}

  /** Applies pending migrations; a no-op when up to date. Returns how many ran. */
  public static int migrate(PostgresConfig config) {
    try {
      MigrateResult result =
          Flyway.configure(Migrations.class.getClassLoader())
              .dataSource(config.jdbcUrl(), config.user(), config.password().orElse(null))
              .schemas(SCHEMA)
              .locations(LOCATION)
              .load()
              .migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof SQLException sql) {
          throw SqlErrors.translate("migrate schema " + SCHEMA, sql);
        }
      }
      throw new DestinationException("migrate schema " + SCHEMA + " failed: " + e.getMessage(), e);
    }
  }
}

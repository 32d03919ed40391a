package dev.pfsync.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.DestinationException;
import dev.pfsync.postgres.PostgresConfig;
import dev.pfsync.postgres.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check that skips Flyway when the history holds exactly the shipped migrations: it must know
 * every migration file, and anything else must still go through Flyway. Each test has its own
 * database, since the history lives in the database-wide {@code _pfsync} schema.
 */
class MigrationsFastPathTest {
  private final TestDatabase server = TestDatabase.get();
  private String database;
  private TestDatabase db;
  private PostgresConfig config;

  @BeforeEach
  void freshDatabase() {
    database = "pfsync_fast_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    server.execute("CREATE DATABASE " + database);
    db = server.withDatabase(database);
    config = db.config("s");
  }

  @AfterEach
  void dropDatabase() {
    server.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  @Test
  void shipped_lists_every_migration_file_with_the_checksum_flyway_records() throws Exception {
    Path dir = Path.of(Migrations.class.getResource("/dev/pfsync/postgres/migration").toURI());
    Set<String> versions;
    try (Stream<Path> files = Files.list(dir)) {
      versions =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.matches("V\\d+__.*\\.sql"))
              .map(n -> n.substring(1, n.indexOf("__")))
              .collect(Collectors.toSet());
    }
    assertThat(Migrations.SHIPPED.keySet()).isEqualTo(versions);

    try (Connection c = db.connect()) {
      assertThat(Migrations.applied(c)).isEmpty();
      assertThat(Migrations.migrate(config, c)).isEqualTo(versions.size()); // by Flyway
      assertThat(Migrations.applied(c)).isEqualTo(Migrations.SHIPPED);
      // The fast path: Flyway (which would connect to this unreachable URL and fail) is not run.
      PostgresConfig unreachable =
          new TestDatabase("jdbc:postgresql://127.0.0.1:1/nowhere", "nobody", Optional.empty())
              .config("s");
      assertThat(Migrations.migrate(unreachable, c)).isZero();
    }
  }

  @Test
  void an_edited_or_failed_migration_in_the_history_still_goes_through_flyway() throws Exception {
    try (Connection c = db.connect()) {
      Migrations.migrate(config, c);
      db.execute(
          "UPDATE _pfsync.flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
      // Not up to date for the fast path: Flyway runs and refuses the edited migration.
      assertThatThrownBy(() -> Migrations.migrate(config, c))
          .isInstanceOf(DestinationException.class)
          .hasMessageContaining("checksum");

      db.execute(
          "UPDATE _pfsync.flyway_schema_history SET checksum = checksum - 1, success = false"
              + " WHERE version = '1'");
      assertThat(Migrations.applied(c)).containsEntry("1", null);
      assertThatThrownBy(() -> Migrations.migrate(config, c))
          .isInstanceOf(DestinationException.class)
          .hasMessageContaining("failed");
    }
  }
}

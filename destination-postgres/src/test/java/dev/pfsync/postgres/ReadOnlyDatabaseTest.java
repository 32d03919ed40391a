package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConfigurationException;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOnlyDatabaseTest {
  private final TestDatabase db =
      TestDatabase.get().withParameters("options=-c%20default_transaction_read_only%3Don");

  @Test
  void opening_a_read_only_database_fails_as_configuration_in_one_line_naming_it() {
    String schema = db.freshSchema("readonly");
    try (PostgresDestination d = new PostgresDestination(db.config(schema))) {
      assertThatThrownBy(() -> d.open(db.connectorId("ro"), List.of(Users.SCHEMA)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("is read-only")
          .hasMessageContaining("point --jdbc-url at the primary")
          .hasMessageContaining("database " + Db.value("SELECT current_database()"))
          .message()
          .doesNotContain("\n");
    }
    assertThat(Db.value("SELECT to_regnamespace(?)::text", schema)).isNull();
  }
}

package dev.pfsync.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.postgres.PostgresConfig;
import dev.pfsync.postgres.PostgresDestination;
import dev.pfsync.postgres.Users;
import dev.pfsync.postgres.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class ConnectionsTest {
  private final TestDatabase db = TestDatabase.get();

  @Test
  void every_connection_gets_pooler_safe_defaults_and_bounded_waits() {
    Properties p =
        Connections.properties(
            PostgresConfig.of("jdbc:postgresql://db:5432/app", "u", "s"), 10, 300);

    assertThat(p)
        .containsEntry("prepareThreshold", "0")
        .containsEntry("tcpKeepAlive", "true")
        .containsEntry("connectTimeout", "10")
        .containsEntry("socketTimeout", "300")
        .containsEntry("ApplicationName", "pfsync")
        .containsEntry("user", "u")
        .doesNotContainKey("targetServerType");
  }

  @Test
  void a_url_with_several_hosts_goes_to_the_primary() {
    Properties p =
        Connections.properties(
            PostgresConfig.of("jdbc:postgresql://h1:5432,h2:5433/app", "u", "s"), 10, 300);

    assertThat(p).containsEntry("targetServerType", "primary");
  }

  @Test
  void a_parameter_in_the_url_wins_over_the_default() throws Exception {
    String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?");
    PostgresConfig config =
        new PostgresConfig(
            url + "ApplicationName=mine&prepareThreshold=3", db.user(), db.password(), "s");
    try (Connection c = Connections.open(config);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('application_name')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("mine");
      assertThat(c.unwrap(PGConnection.class).getPrepareThreshold()).isEqualTo(3);
    }
    try (Connection c = Connections.open(db.config("s"))) {
      assertThat(c.unwrap(PGConnection.class).getPrepareThreshold()).isZero();
    }
  }

  @Test
  void a_url_naming_the_same_server_twice_connects() throws Exception {
    String url = db.jdbcUrl().replaceFirst("//([^/]+)/", "//$1,$1/");
    assertThat(url).contains(",");
    try (Connection c = Connections.open(new PostgresConfig(url, db.user(), db.password(), "s"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT NOT pg_is_in_recovery()")) {
      rs.next();
      assertThat(rs.getBoolean(1)).isTrue();
    }
    String schema = db.freshSchema("multihost");
    try (PostgresDestination d =
        new PostgresDestination(new PostgresConfig(url, db.user(), db.password(), schema))) {
      d.open(db.connectorId("multihost"), List.of(Users.SCHEMA));
      d.apply(Users.checkpoint(Users.state(1), Users.user("a", "Ann", Users.T0)));
      assertThat(d.reloadState()).isPresent();
    }
  }
}

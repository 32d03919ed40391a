package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.RetriableException;
import dev.pfsync.postgres.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final String SECRET = "s3cr3t-Pa55-word";
  private final TestDatabase db = TestDatabase.get();

  private static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void an_unreachable_server_is_retriable_and_never_shows_the_password() {
    PostgresConfig config =
        new PostgresConfig(
            "jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2",
            "postgres",
            Optional.of(SECRET),
            "secrets");
    PostgresDestination d = new PostgresDestination(config);

    Throwable open = catchThrowable(() -> d.open("users", List.of(Users.SCHEMA)));
    Throwable check = catchThrowable(d::check);
    Throwable state = catchThrowable(() -> d.readState("users"));

    for (Throwable t : List.of(open, check, state)) {
      assertThat(t).isInstanceOf(RetriableException.class).hasMessageContaining("08001");
      assertThat(everything(t)).doesNotContain(SECRET);
    }
  }

  @Test
  void a_missing_database_is_a_configuration_error_without_the_password() {
    PostgresConfig config = db.withDatabase("pfsync_missing_db").config("secrets");
    PostgresConfig withSecret =
        new PostgresConfig(config.jdbcUrl(), config.user(), Optional.of(SECRET), "secrets");

    Throwable t = catchThrowable(() -> new PostgresDestination(withSecret).check());

    assertThat(t).isInstanceOf(ConfigurationException.class);
    assertThat(everything(t)).doesNotContain(SECRET);
  }

  @Test
  void a_failing_apply_does_not_show_the_password() {
    PostgresConfig config = db.config(db.freshSchema("secrets"));
    PostgresConfig withSecret =
        new PostgresConfig(config.jdbcUrl(), config.user(), Optional.of(SECRET), config.schema());
    try (PostgresDestination d = new PostgresDestination(withSecret)) {
      d.open(db.connectorId("secrets"), List.of(Users.SCHEMA));
      Throwable t =
          catchThrowable(
              () -> d.apply(Users.checkpoint("not json", Users.user("a", "A", Users.T0))));

      assertThat(t).isNotNull();
      assertThat(everything(t)).doesNotContain(SECRET);
      assertThat(withSecret.toString()).doesNotContain(SECRET).contains("password=****");
    }
  }
}

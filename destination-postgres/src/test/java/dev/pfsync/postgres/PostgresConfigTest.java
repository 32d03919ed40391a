package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConfigurationException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresConfigTest {
  private static final String URL = "jdbc:postgresql://localhost:5432/postgres";

  @Test
  void a_valid_config_keeps_its_fields_and_redacts_the_password() {
    PostgresConfig config = new PostgresConfig(URL, "app", Optional.of("hunter2"), "pfsync_users");

    assertThat(config.password()).hasValue("hunter2");
    assertThat(config.toString())
        .isEqualTo(
            "PostgresConfig[jdbcUrl="
                + URL
                + ", user=app, password=****, schema=pfsync_users, lease=PT30S]");
    assertThat(PostgresConfig.of(URL, "app", "s").toString()).contains("password=<none>");
  }

  @Test
  void the_lease_defaults_to_30s_and_must_be_at_least_a_second() {
    assertThat(PostgresConfig.of(URL, "app", "s").lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(new PostgresConfig(URL, "app", Optional.empty(), "s", Duration.ofSeconds(1)).lease())
        .isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(
            () -> new PostgresConfig(URL, "app", Optional.empty(), "s", Duration.ofMillis(500)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("lease must be at least 1s, got: 500ms");
  }

  @Test
  void a_url_of_another_database_kind_is_refused_naming_the_field() {
    assertThatThrownBy(() -> PostgresConfig.of("jdbc:mysql://x/db", "app", "s"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("jdbcUrl must start with jdbc:postgresql:");
  }

  @Test
  void a_url_carrying_a_password_is_refused_without_repeating_it() {
    assertThatThrownBy(() -> PostgresConfig.of(URL + "?user=a&password=hunter2", "app", "s"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("jdbcUrl must not contain a password")
        .hasMessageNotContaining("hunter2");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "jdbc:postgresql://app:hunter2@db:5432/x",
        "jdbc:postgresql://db:5432/x?sslpassword=hunter2",
        "jdbc:postgresql://db:5432/x?ssl=true&PASSWORD=hunter2"
      })
  void user_info_and_any_password_parameter_are_refused_without_repeating_them(String url) {
    assertThatThrownBy(() -> PostgresConfig.of(url, "app", "s"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("must not contain a password")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void blank_user_and_bad_schemas_are_refused() {
    assertThatThrownBy(() -> PostgresConfig.of(URL, " ", "s")).hasMessageStartingWith("user");
    for (String bad :
        new String[] {"", " ", "a-b", "1abc", "x\"y", "pg_mine", "_pfsync", "a".repeat(64)}) {
      assertThatThrownBy(() -> PostgresConfig.of(URL, "app", bad))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("schema");
    }
    assertThat(PostgresConfig.of(URL, "app", "Mixed_Case9").schema()).isEqualTo("Mixed_Case9");
  }
}

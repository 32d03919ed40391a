package dev.pfsync.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.DestinationException;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void source_names_become_snake_case() {
    assertThat(Identifiers.snakeCase("updatedAt")).isEqualTo("updated_at");
    assertThat(Identifiers.snakeCase("order_id")).isEqualTo("order_id");
    assertThat(Identifiers.snakeCase("user")).isEqualTo("user");
    assertThat(Identifiers.snakeCase("UserName")).isEqualTo("user_name");
    assertThat(Identifiers.snakeCase("HTTPStatusCode")).isEqualTo("http_status_code");
    assertThat(Identifiers.snakeCase("userID")).isEqualTo("user_id");
    assertThat(Identifiers.snakeCase("address2Line")).isEqualTo("address2_line");
    assertThat(Identifiers.snakeCase("already_Snake")).isEqualTo("already_snake");
    assertThat(Identifiers.snakeCase("a\"b")).isEqualTo("a\"b");
  }

  @Test
  void identifiers_are_always_quoted_with_quotes_doubled() {
    assertThat(Identifiers.quote("user")).isEqualTo("\"user\"");
    assertThat(Identifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(Identifiers.qualified("s", "order")).isEqualTo("\"s\".\"order\"");
  }

  @Test
  void identifiers_that_postgres_would_truncate_or_reject_fail() {
    assertThatThrownBy(() -> Identifiers.quote("x".repeat(64)))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("63 bytes");
    assertThatThrownBy(() -> Identifiers.quote("")).isInstanceOf(DestinationException.class);
    assertThatThrownBy(() -> Identifiers.quote("a\0b")).isInstanceOf(DestinationException.class);
    assertThat(Identifiers.quote("x".repeat(63))).hasSize(65);
  }

  @Test
  void the_63_byte_limit_counts_utf8_bytes_not_characters() {
    assertThat(Identifiers.problem("é".repeat(31))).isEmpty(); // 62 bytes
    assertThat(Identifiers.problem("é".repeat(32))).hasValue("it is longer than 63 bytes");
    assertThat(Identifiers.problem("")).hasValue("it is empty");
    assertThat(Identifiers.problem("a\0b")).hasValue("it holds a NUL character");
  }
}

package dev.pfsync.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.DestinationException;
import dev.pfsync.core.DestinationUnavailableException;
import dev.pfsync.core.RetriableException;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
  @Test
  void a_dead_connection_or_a_lost_race_makes_the_destination_unavailable() {
    for (String state :
        new String[] {"08006", "08003", "57P01", "57P03", "57P05", "40001", "40P01"}) {
      assertThat(SqlErrors.translate("x", new SQLException("m", state)))
          .as(state)
          .isInstanceOf(DestinationUnavailableException.class);
    }
    assertThat(SqlErrors.translate("x", new SQLException("m", null, new IOException("reset"))))
        .isInstanceOf(DestinationUnavailableException.class);
  }

  @Test
  void a_busy_lock_is_retriable_but_leaves_the_connection_usable() {
    assertThat(SqlErrors.translate("x", new SQLException("m", "55P03")))
        .isInstanceOf(RetriableException.class)
        .isNotInstanceOf(DestinationUnavailableException.class);
  }

  @Test
  void a_write_refused_as_read_only_is_a_configuration_error() {
    assertThat(SqlErrors.translate("x", new SQLException("read-only", "25006")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("x failed: read-only (SQLState 25006)");
    assertThat(SqlErrors.translate("x", new SQLException("m", "22P02")))
        .isExactlyInstanceOf(DestinationException.class);
  }
}

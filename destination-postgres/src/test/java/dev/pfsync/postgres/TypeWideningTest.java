package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.Row;
import dev.pfsync.core.SyncMode;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An undeclared field whose values change type between checkpoints must not block the sync. */
class TypeWideningTest {
  private final TestDatabase db = TestDatabase.get();
  private String schema;
  private PostgresDestination destination;

  @BeforeEach
  void setUp() {
    schema = db.freshSchema("widen");
    destination = new PostgresDestination(db.config(schema));
    destination.open(db.connectorId("widen"), List.of(Users.SCHEMA));
    destination.startRun(SyncMode.INCREMENTAL);
  }

  @AfterEach
  void tearDown() {
    destination.close();
  }

  private static Row withScore(String id, Object score) {
    Map<String, Object> v = new LinkedHashMap<>(Users.user(id, id, Users.T0).values());
    v.put("score", score);
    return new Row(v, false);
  }

  private String columnType() {
    return (String)
        Db.query(
                "SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                    + schema
                    + "' AND table_name = 'user' AND column_name = 'score'")
            .get(0)
            .get("data_type");
  }

  /** Whether checkpoints go through the streaming apply ({@code Streamed} subclass). */
  boolean streamed() {
    return false;
  }

  private void apply(Checkpoint checkpoint) {
    Users.apply(destination, checkpoint, streamed());
  }

  @Test
  void integers_then_decimals_widen_the_column_to_text_keeping_earlier_values() {
    apply(Users.checkpoint("{\"n\":1}", withScore("a", 3L)));
    assertThat(columnType()).isEqualTo("bigint");
    apply(Users.checkpoint("{\"n\":2}", withScore("b", 3.5)));
    assertThat(columnType()).isEqualTo("text");
    assertThat(
            Db.query("SELECT id, score FROM \"" + schema + "\".\"user\" ORDER BY id").stream()
                .map(r -> r.get("score"))
                .toList())
        .containsExactly("3", "3.5");
  }

  @Test
  void int_then_long_widens_to_bigint() {
    apply(Users.checkpoint("{\"n\":1}", withScore("a", 3)));
    assertThat(columnType()).isEqualTo("integer");
    apply(Users.checkpoint("{\"n\":2}", withScore("b", 5_000_000_000L)));
    assertThat(columnType()).isEqualTo("bigint");
  }
}

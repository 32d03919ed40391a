package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.postgres.internal.Migrations;
import dev.pfsync.postgres.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  private final TestDatabase db = TestDatabase.get();

  @Test
  void migrating_twice_is_a_no_op_and_history_lives_in_the_metadata_schema() throws Exception {
    PostgresConfig config = db.config(db.freshSchema("mig"));
    try (var c = db.connect()) {
      Migrations.migrate(config, c);

      assertThat(Migrations.migrate(config, c)).isZero();
    }
    assertThat(
            Db.count(
                "SELECT count(*) FROM _pfsync.flyway_schema_history"
                    + " WHERE version = '1' AND success"))
        .isEqualTo(1);
  }

  @Test
  void concurrent_first_time_opens_in_a_fresh_database_both_succeed() throws Exception {
    String database = "pfsync_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    db.execute("CREATE DATABASE " + database);
    try {
      TestDatabase fresh = db.withDatabase(database);
      PostgresConfig config = fresh.config("shared_schema");
      ExecutorService pool = Executors.newFixedThreadPool(3);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String connector = "c" + i;
        Callable<Boolean> open =
            () -> {
              start.await();
              try (PostgresDestination d = new PostgresDestination(config)) {
                return d.open(connector, List.of(Users.SCHEMA)).isEmpty();
              }
            };
        results.add(pool.submit(open));
      }
      start.countDown();
      for (Future<Boolean> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
      }
      pool.shutdown();

      try (var c = fresh.connect();
          var st = c.createStatement();
          var rs =
              st.executeQuery(
                  "SELECT (SELECT count(*) FROM _pfsync.flyway_schema_history WHERE success),"
                      + " to_regclass('shared_schema.\"user\"') IS NOT NULL")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3); // the schema creation marker, V1 and V3
        assertThat(rs.getBoolean(2)).isTrue();
      }
    } finally {
      db.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}

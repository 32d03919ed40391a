package dev.pfsync.postgres;

import static dev.pfsync.postgres.Users.T0;
import static dev.pfsync.postgres.Users.checkpoint;
import static dev.pfsync.postgres.Users.state;
import static dev.pfsync.postgres.Users.tombstone;
import static dev.pfsync.postgres.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Checkpoint;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.RowStream;
import dev.pfsync.core.SyncMode;
import dev.pfsync.core.TableChanges;
import dev.pfsync.postgres.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What only the streaming {@code apply(table, rows, after)} does: rows go to PostgreSQL while the
 * page is still being read, yet nothing is visible or kept unless the stream and {@code after} both
 * end well; a batch that cannot stay on the streamed COPY ends as the general path would.
 */
@Timeout(value = 45, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamedCheckpointTest {
  private final TestDatabase db = TestDatabase.get();
  private String schema;
  private String connector;
  private PostgresDestination destination;
  private Connection observer;

  @BeforeEach
  void setUp() throws SQLException {
    schema = db.freshSchema("streamed");
    connector = db.connectorId("streamed");
    destination = new PostgresDestination(db.config(schema));
    destination.open(connector, List.of(Users.SCHEMA));
    observer = db.connect(); // auto-commit, read committed: sees only committed work
  }

  @AfterEach
  void tearDown() throws Exception {
    observer.close();
    // Bounded: a test that timed out may have left the destination's connection stuck in a COPY.
    CompletableFuture.runAsync(destination::close).get(10, TimeUnit.SECONDS);
  }

  static String id(int i) {
    return String.format("u%05d", i);
  }

  static Row streamedUser(int i) {
    return user(id(i), "streamed-" + i, T0.plusSeconds(60));
  }

  /**
   * Rows {@code row(0) .. row(count - 1)}, then the end; {@code before.accept(i)} runs before row
   * {@code i} is handed out ({@code i == count}: before the end is). Keeps returning null after the
   * end.
   */
  static final class Rows implements RowStream {
    private final int count;
    private final IntFunction<Row> row;
    private final IntConsumer before;
    private int next;

    Rows(int count, IntFunction<Row> row, IntConsumer before) {
      this.count = count;
      this.row = row;
      this.before = before;
    }

    Rows(int count, IntFunction<Row> row) {
      this(count, row, i -> {});
    }

    @Override
    public Row next() {
      if (next > count) {
        return null;
      }
      before.accept(next);
      return next < count ? row.apply(next++) : endNow();
    }

    private Row endNow() {
      next++;
      return null;
    }

    boolean ended() {
      return next > count;
    }
  }

  /** The checkpoint {@code after} returns once {@code rows} ended (and fails if it has not). */
  static Function<List<RejectedRecord>, Checkpoint> after(Rows rows, String state, long skipped) {
    return unstorable -> {
      assertThat(rows.ended()).as("after() is called once every row was read").isTrue();
      return new Checkpoint(List.of(), state, Rejected.some(skipped));
    };
  }

  /** The destination's session as the observer sees it, while it runs a statement on our table. */
  record Backend(int pid, String state, String query, long tuplesCopied) {}

  private Optional<Backend> writerBackend() {
    String sql =
        "SELECT a.pid, a.state, a.query, coalesce(p.tuples_processed, 0) AS tuples"
            + " FROM pg_stat_activity a LEFT JOIN pg_stat_progress_copy p ON p.pid = a.pid"
            + " WHERE a.application_name = 'pfsync' AND a.pid <> pg_backend_pid()"
            + " AND position(? IN a.query) > 0";
    try (PreparedStatement st = observer.prepareStatement(sql)) {
      st.setString(1, "\"" + schema + "\".\"user\"");
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Backend b =
            new Backend(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong("tuples"));
        assertThat(rs.next()).as("one session writes " + schema).isFalse();
        return Optional.of(b);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Asserts that the destination is in the middle of a COPY into the table that has already taken
   * at least {@code tuples} rows (the server may lag behind the socket a little: wait for it).
   */
  private void assertCopyUnderway(long tuples) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    Optional<Backend> seen = writerBackend();
    while (seen.map(b -> b.tuplesCopied() < tuples).orElse(true) && System.nanoTime() < deadline) {
      sleep(20);
      seen = writerBackend();
    }
    assertThat(seen).as("the destination's session on " + schema).isPresent();
    Backend b = seen.get();
    assertThat(b.query()).startsWith("COPY ").contains("FROM STDIN");
    assertThat(b.state()).isEqualTo("active");
    assertThat(b.tuplesCopied())
        .as("rows COPY has taken while the stream is still being read")
        .isGreaterThanOrEqualTo(tuples);
  }

  /**
   * Asserts that the destination's COPY into the table is no longer running (the server failed it),
   * waiting a little for the server to get there.
   */
  private void assertCopyFailed() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (copyRunning() && System.nanoTime() < deadline) {
      sleep(20);
    }
    assertThat(copyRunning()).as("the destination still runs its COPY into " + schema).isFalse();
  }

  private boolean copyRunning() {
    return writerBackend().filter(b -> "active".equals(b.state())).isPresent();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long committedRows() {
    return observed("SELECT count(*) FROM \"" + schema + "\".\"user\"");
  }

  private Optional<String> committedState() {
    try (PreparedStatement st =
        observer.prepareStatement("SELECT state::text FROM _pfsync.state WHERE connector_id = ?")) {
      st.setString(1, connector);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private long observed(String sql) {
    try (PreparedStatement st = observer.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private Map<String, Object> run() {
    return Db.query(
            "SELECT rows_upserted, rows_deleted, rows_skipped FROM _pfsync.runs"
                + " WHERE connector_id = ? ORDER BY id DESC LIMIT 1",
            connector)
        .get(0);
  }

  private List<Map<String, Object>> users(String inSchema) {
    return Db.query(
        "SELECT id, name, email, created_at, updated_at, deleted_at, _pfsync_deleted FROM \""
            + inSchema
            + "\".\"user\" ORDER BY id");
  }

  private Map<String, Object> stored(String id) {
    List<Map<String, Object>> rows =
        Db.query(
            "SELECT name, updated_at, _pfsync_deleted FROM \""
                + schema
                + "\".\"user\" WHERE id = ?",
            id);
    assertThat(rows).as("user " + id).hasSize(1);
    return rows.get(0);
  }

  @Test
  void rows_reach_the_database_while_the_stream_is_read_and_show_only_at_the_commit() {
    destination.startRun(SyncMode.HISTORICAL);
    Rows rows =
        new Rows(
            4_000,
            StreamedCheckpointTest::streamedUser,
            i -> {
              if (i == 3_000) {
                assertCopyUnderway(1_000);
                assertThat(committedRows()).as("rows visible before the commit").isZero();
                assertThat(committedState()).as("state before the commit").isEmpty();
              }
            });

    destination.apply("user", rows, after(rows, state(1), 0));

    assertThat(committedRows()).isEqualTo(4_000);
    assertThat(committedState()).hasValue("{\"n\": 1, \"version\": 1}");
    assertThat(run()).containsEntry("rows_upserted", 4_000L).containsEntry("rows_deleted", 0L);
    assertThat(Db.query("SELECT name FROM \"" + schema + "\".\"user\" WHERE id = ?", id(3_999)))
        .containsExactly(Map.of("name", "streamed-3999"));
  }

  @Test
  void a_stream_that_fails_midway_commits_nothing_and_the_next_checkpoint_lands() {
    destination.apply(checkpoint(state(1), user("a", "Ann", T0)));
    destination.startRun(SyncMode.INCREMENTAL);
    ProtocolViolationException broken =
        new ProtocolViolationException("table user: the API broke the page protocol");
    Rows rows =
        new Rows(
            3_000,
            StreamedCheckpointTest::streamedUser,
            i -> {
              if (i == 1_500) {
                assertCopyUnderway(500);
                throw broken;
              }
            });

    assertThatThrownBy(
            () ->
                destination.apply(
                    "user",
                    rows,
                    unstorable -> {
                      throw new AssertionError("after() called for a broken stream");
                    }))
        .isSameAs(broken);

    assertThat(users(schema)).extracting(r -> r.get("id")).containsExactly("a");
    assertThat(committedState()).hasValue("{\"n\": 1, \"version\": 1}");
    assertThat(run()).containsEntry("rows_upserted", 0L).containsEntry("rows_skipped", 0L);

    Rows next = new Rows(10, StreamedCheckpointTest::streamedUser);
    destination.apply("user", next, after(next, state(2), 0));

    assertThat(committedRows()).isEqualTo(11);
    assertThat(committedState()).hasValue("{\"n\": 2, \"version\": 1}");
    assertThat(run()).containsEntry("rows_upserted", 10L);
  }

  @Test
  void an_after_that_fails_commits_nothing_and_its_exception_propagates() {
    destination.apply(checkpoint(state(1), user("a", "Ann", T0)));
    destination.startRun(SyncMode.INCREMENTAL);
    IllegalStateException failed = new IllegalStateException("state could not be encoded");
    Rows rows = new Rows(2_000, StreamedCheckpointTest::streamedUser);

    assertThatThrownBy(
            () ->
                destination.apply(
                    "user",
                    rows,
                    unstorable -> {
                      assertThat(rows.ended()).isTrue();
                      throw failed;
                    }))
        .isSameAs(failed);

    assertThat(users(schema)).extracting(r -> r.get("id")).containsExactly("a");
    assertThat(committedState()).hasValue("{\"n\": 1, \"version\": 1}");
    assertThat(run()).containsEntry("rows_upserted", 0L);

    Rows again = new Rows(2_000, StreamedCheckpointTest::streamedUser);
    destination.apply("user", again, after(again, state(2), 0));
    assertThat(committedRows()).isEqualTo(2_001);
    assertThat(committedState()).hasValue("{\"n\": 2, \"version\": 1}");
  }

  /**
   * Rows in the conflicting checkpoints: enough that the server fails the COPY at the conflict (row
   * 2,000; PostgreSQL notices it only when it flushes its COPY buffer, up to 1,000 rows later) long
   * before the stream ends.
   */
  static final int CONFLICTED = 5_000;

  /** Users 2,000..2,100 stored before: even ones older than the stream's, odd ones newer. */
  private static Checkpoint preApplied() {
    List<Row> rows = new ArrayList<>();
    for (int i = 2_000; i <= 2_100; i++) {
      rows.add(
          i % 2 == 0
              ? user(id(i), "older-" + i, T0)
              : user(id(i), "newer-" + i, T0.plusSeconds(3_600)));
    }
    return new Checkpoint(List.of(new TableChanges("user", rows)), state(1), List.of());
  }

  private static Row conflicting(int i) {
    return i % 1_000 == 999 ? tombstone(id(i), "gone-" + i, T0.plusSeconds(60)) : streamedUser(i);
  }

  @Test
  void a_conflict_found_midstream_ends_as_the_general_path_and_counts_each_row_once() {
    destination.apply(preApplied());
    destination.startRun(SyncMode.HISTORICAL);
    Rows rows =
        new Rows(
            CONFLICTED,
            StreamedCheckpointTest::conflicting,
            i -> {
              if (i == 1_500) {
                assertCopyUnderway(500); // the conflict (at row 2,000) is yet to come
              } else if (i == 4_500) {
                assertCopyFailed(); // the server met it; the rest of the page is still unread
              }
            });

    destination.apply("user", rows, after(rows, state(2), 0));

    assertThat(stored(id(2_000))).containsEntry("name", "streamed-2000");
    assertThat(stored(id(2_001))).containsEntry("name", "newer-2001");
    assertThat(stored(id(2_100))).containsEntry("name", "streamed-2100");
    assertThat(stored(id(1_999))).containsEntry("name", "gone-1999");
    assertThat(stored(id(4_998))).containsEntry("name", "streamed-4998");
    assertThat(committedRows()).isEqualTo(CONFLICTED);
    assertThat(committedState()).hasValue("{\"n\": 2, \"version\": 1}");
    assertThat(run())
        .containsEntry("rows_upserted", CONFLICTED - 5L)
        .containsEntry("rows_deleted", 5L)
        .containsEntry("rows_skipped", 0L);

    // The same checkpoints through the general (whole-checkpoint) apply, in another schema.
    String general = db.freshSchema("general");
    try (PostgresDestination other = new PostgresDestination(db.config(general))) {
      other.open(db.connectorId("general"), List.of(Users.SCHEMA));
      other.apply(preApplied());
      List<Row> all = new ArrayList<>();
      for (int i = 0; i < CONFLICTED; i++) {
        all.add(conflicting(i));
      }
      other.apply(new Checkpoint(List.of(new TableChanges("user", all)), state(2), List.of()));
    }
    assertThat(users(schema)).isEqualTo(users(general));
  }

  @Test
  void a_stream_that_fails_after_the_server_met_a_conflict_commits_nothing() {
    destination.apply(preApplied());
    ProtocolViolationException broken = new ProtocolViolationException("rows out of order");
    Rows rows =
        new Rows(
            CONFLICTED,
            StreamedCheckpointTest::streamedUser,
            i -> {
              if (i == 1_500) {
                assertCopyUnderway(500);
              } else if (i == 4_500) {
                assertCopyFailed();
                throw broken;
              }
            });

    assertThatThrownBy(() -> destination.apply("user", rows, after(rows, state(2), 0)))
        .isSameAs(broken);

    assertThat(committedRows()).isEqualTo(101);
    assertThat(stored(id(2_000))).containsEntry("name", "older-2000");
    assertThat(committedState()).hasValue("{\"n\": 1, \"version\": 1}");

    Rows next = new Rows(CONFLICTED, StreamedCheckpointTest::streamedUser);
    destination.apply("user", next, after(next, state(2), 0));
    assertThat(committedRows()).isEqualTo(CONFLICTED);
    assertThat(stored(id(2_000))).containsEntry("name", "streamed-2000");
    assertThat(stored(id(2_001))).containsEntry("name", "newer-2001");
    assertThat(committedState()).hasValue("{\"n\": 2, \"version\": 1}");
  }

  @Test
  void a_key_repeated_in_one_streamed_batch_keeps_its_newest_version() {
    destination.startRun(SyncMode.INCREMENTAL);
    Rows rows =
        new Rows(
            3_000,
            i ->
                switch (i) {
                  case 2_500 -> user(id(10), "newer-again", T0.plusSeconds(120));
                  case 2_600 -> user(id(20), "older-again", T0);
                  default -> streamedUser(i);
                },
            i -> {
              if (i == 2_000) {
                assertCopyUnderway(500);
              }
            });

    destination.apply("user", rows, after(rows, state(1), 0));

    assertThat(stored(id(10))).containsEntry("name", "newer-again");
    assertThat(stored(id(20))).containsEntry("name", "streamed-20");
    assertThat(committedRows()).isEqualTo(2_998);
    assertThat(Db.count("SELECT count(*) FROM \"" + schema + "\".\"user\" WHERE id = ?", id(10)))
        .isEqualTo(1);
    assertThat(committedState()).hasValue("{\"n\": 1, \"version\": 1}");
    assertThat(run()).containsEntry("rows_upserted", 3_000L);
  }

  @Test
  void a_field_first_seen_midstream_becomes_a_column_and_every_row_is_kept() {
    Rows rows =
        new Rows(
            3_000,
            i -> {
              Row row = streamedUser(i);
              if (i < 1_000) {
                return row;
              }
              Map<String, Object> values = new LinkedHashMap<>(row.values());
              values.put("loginCount", (long) i);
              return new Row(values, false);
            },
            i -> {
              if (i == 999) {
                assertCopyUnderway(200);
              }
            });

    destination.apply("user", rows, after(rows, state(1), 0));

    assertThat(Db.columnTypes(schema, "user")).containsEntry("login_count", "bigint");
    assertThat(committedRows()).isEqualTo(3_000);
    assertThat(
            Db.count(
                "SELECT count(*) FROM \""
                    + schema
                    + "\".\"user\" WHERE login_count IS NULL AND id < ?",
                id(1_000)))
        .isEqualTo(1_000);
    assertThat(
            Db.count(
                "SELECT count(*) FROM \""
                    + schema
                    + "\".\"user\" WHERE login_count = substr(id, 2)::bigint AND id >= ?",
                id(1_000)))
        .isEqualTo(2_000);
    String one = "SELECT name, login_count FROM \"" + schema + "\".\"user\" WHERE id = ?";
    assertThat(Db.query(one, id(999)))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("name", "streamed-999")
                    .containsEntry("login_count", null));
    assertThat(Db.query(one, id(1_000)))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("name", "streamed-1000")
                    .containsEntry("login_count", 1_000L));
    assertThat(committedState()).hasValue("{\"n\": 1, \"version\": 1}");
  }

  @Test
  void an_empty_stream_moves_only_the_state() {
    destination.apply(checkpoint(state(1), user("a", "Ann", T0)));
    List<Map<String, Object>> before = users(schema);
    destination.startRun(SyncMode.INCREMENTAL);
    Rows rows = new Rows(0, i -> user("never", "never", T0));

    destination.apply("user", rows, after(rows, state(2), 0));

    assertThat(users(schema)).isEqualTo(before);
    assertThat(committedState()).hasValue("{\"n\": 2, \"version\": 1}");
    assertThat(run())
        .containsEntry("rows_upserted", 0L)
        .containsEntry("rows_deleted", 0L)
        .containsEntry("rows_skipped", 0L);
  }

  @Test
  void the_skipped_count_of_the_after_checkpoint_is_recorded() {
    destination.startRun(SyncMode.INCREMENTAL);
    Rows first = new Rows(5, StreamedCheckpointTest::streamedUser);
    destination.apply("user", first, after(first, state(1), 7));
    Rows empty = new Rows(0, StreamedCheckpointTest::streamedUser);
    destination.apply("user", empty, after(empty, state(2), 3));

    assertThat(run())
        .containsEntry("rows_upserted", 5L)
        .containsEntry("rows_deleted", 0L)
        .containsEntry("rows_skipped", 10L);
    assertThat(committedState()).hasValue("{\"n\": 2, \"version\": 1}");
  }
}

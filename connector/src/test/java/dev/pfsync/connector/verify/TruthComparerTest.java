package dev.pfsync.connector.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pfsync.connector.UsersConnector;
import dev.pfsync.postgres.testing.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The oracle of the end-to-end tests must itself catch every kind of difference. */
class TruthComparerTest {
  private static final String A =
      "{\"id\":\"a1\",\"name\":\"Ann\",\"email\":\"ann@x.io\",\"address\":\"1 St\",\"company\":\"C\","
          + "\"job\":\"J\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-02-01T00:00:00Z\","
          + "\"deletedAt\":null}";
  private static final String B =
      "{\"id\":\"b2\",\"name\":\"Bob\",\"email\":\"bob@x.io\",\"address\":\"2 St\",\"company\":\"C\","
          + "\"job\":\"J\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-02-02T00:00:00Z\","
          + "\"deletedAt\":\"2026-02-02T00:00:00Z\"}";

  private final TestDatabase db = TestDatabase.get();
  private final AtomicReference<String> truth = new AtomicReference<>("");
  private HttpServer server;
  private String schema;
  private Connection connection;

  @BeforeEach
  void start() throws IOException, SQLException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/admin/truth",
        ex -> {
          byte[] body = truth.get().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    schema = db.freshSchema("truth");
    connection = db.connect();
    db.execute("CREATE SCHEMA \"" + schema + "\"");
    db.execute(
        "CREATE TABLE \""
            + schema
            + "\".\"user\" (id text primary key, name text, email text, address text,"
            + " company text, job text, created_at timestamptz, updated_at timestamptz,"
            + " deleted_at timestamptz, _pfsync_synced_at timestamptz, _pfsync_deleted boolean)");
  }

  @AfterEach
  void stop() throws SQLException {
    server.stop(0);
    connection.close();
  }

  private TruthComparison compare() {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/admin/truth");
    return TruthComparer.compare(url, UsersConnector.USERS, connection, schema);
  }

  private void insert(String id, String name, String updatedAt, String deletedAt, boolean deleted) {
    db.execute(
        "INSERT INTO \""
            + schema
            + "\".\"user\" VALUES ('"
            + id
            + "','"
            + name
            + "','"
            + name.toLowerCase()
            + "@x.io','"
            + (id.equals("a1") ? "1 St" : "2 St")
            + "','C','J','2026-01-01T00:00:00Z','"
            + updatedAt
            + "',"
            + (deletedAt == null ? "NULL" : "'" + deletedAt + "'")
            + ", now(), "
            + deleted
            + ")");
  }

  @Test
  void equal_sides_match_with_equal_checksums() {
    truth.set(A + "\n" + B + "\n");
    insert("a1", "Ann", "2026-02-01T00:00:00Z", null, false);
    insert("b2", "Bob", "2026-02-02T00:00:00Z", "2026-02-02T00:00:00Z", true);
    TruthComparison r = compare();
    assertThat(r.matches()).as(r.examples().toString()).isTrue();
    assertThat(r.truthRows()).isEqualTo(2);
    assertThat(r.truthChecksum()).isEqualTo(r.destinationChecksum());
  }

  @Test
  void a_missing_row_an_extra_row_and_a_different_value_are_each_counted() {
    truth.set(A + "\n" + B + "\n");
    insert("a1", "Anne", "2026-02-01T00:00:00Z", null, false); // different name
    insert("c3", "Cy", "2026-02-01T00:00:00Z", null, false); // not in the source; b2 missing
    TruthComparison r = compare();
    assertThat(r.matches()).isFalse();
    assertThat(r.missing()).isEqualTo(1);
    assertThat(r.extra()).isEqualTo(1);
    assertThat(r.different()).isEqualTo(1);
    assertThat(r.examples()).anyMatch(e -> e.contains("Anne"));
  }

  @Test
  void a_tombstone_not_marked_deleted_is_a_difference() {
    truth.set(B + "\n");
    insert("b2", "Bob", "2026-02-02T00:00:00Z", "2026-02-02T00:00:00Z", false);
    TruthComparison r = compare();
    assertThat(r.different()).isEqualTo(1);
    assertThat(r.matches()).isFalse();
  }
}

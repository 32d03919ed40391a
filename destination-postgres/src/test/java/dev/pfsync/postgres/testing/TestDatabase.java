package dev.pfsync.postgres.testing;

import dev.pfsync.postgres.PostgresConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL that tests use, chosen once per JVM: {@code PFSYNC_TEST_JDBC_URL} if set (user and
 * password from {@code PFSYNC_TEST_DB_USER} / {@code PFSYNC_TEST_DB_PASSWORD}, default {@code
 * postgres} / none); else a Testcontainers {@code postgres:15-alpine} where Docker answers; else
 * {@code jdbc:postgresql://localhost:5432/postgres} as {@code postgres}.
 *
 * <p>Every test class takes its own {@link #freshSchema} and unique {@link #connectorId}s; both are
 * removed when the JVM exits.
 */
public record TestDatabase(String jdbcUrl, String user, Optional<String> password) {

  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?");
  private static final Pattern ADDRESS =
      Pattern.compile("jdbc:postgresql://([^:/,]+)(?::(\\d+))?/([^?]*)(\\?.*)?");
  private static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();
  private static final List<String> CONNECTORS = new CopyOnWriteArrayList<>();
  private static TestDatabase instance;

  /** The database of this test JVM. */
  public static synchronized TestDatabase get() {
    if (instance == null) {
      instance = choose();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::cleanUp, "test-db-cleanup"));
    }
    return instance;
  }

  private static TestDatabase choose() {
    String url = System.getenv("PFSYNC_TEST_JDBC_URL");
    if (url != null && !url.isBlank()) {
      return new TestDatabase(
          url,
          Optional.ofNullable(System.getenv("PFSYNC_TEST_DB_USER")).orElse("postgres"),
          Optional.ofNullable(System.getenv("PFSYNC_TEST_DB_PASSWORD")));
    }
    if (dockerAvailable()) {
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
      container.start();
      return new TestDatabase(
          container.getJdbcUrl(), container.getUsername(), Optional.of(container.getPassword()));
    }
    return new TestDatabase(
        "jdbc:postgresql://localhost:5432/postgres", "postgres", Optional.empty());
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** A new schema name, unique to this call (the destination creates it; cleaned up at exit). */
  public String freshSchema(String prefix) {
    String name =
        prefix.toLowerCase(Locale.ROOT)
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    SCHEMAS.add(name);
    return name;
  }

  /** A new connector id, unique to this call (its state and runs are removed at exit). */
  public String connectorId(String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    CONNECTORS.add(id);
    return id;
  }

  /** A destination config for {@code schema} in this database. */
  public PostgresConfig config(String schema) {
    return new PostgresConfig(jdbcUrl, user, password, schema);
  }

  /** The same server, another database (which must exist). */
  public TestDatabase withDatabase(String database) {
    Matcher m = URL.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalStateException("cannot change the database of " + jdbcUrl);
    }
    String params = m.group(3) == null ? "" : m.group(3);
    return new TestDatabase(m.group(1) + database + params, user, password);
  }

  /** The server's host name (a URL with one host). */
  public String host() {
    return address().group(1);
  }

  /** The server's port (a URL with one host). */
  public int port() {
    Matcher m = address();
    return m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
  }

  /** The database's name. */
  public String database() {
    return address().group(3);
  }

  /** The same database reached at another address (a proxy, a pooler). */
  public TestDatabase withAddress(String host, int port) {
    Matcher m = address();
    String params = m.group(4) == null ? "" : m.group(4);
    return new TestDatabase(
        "jdbc:postgresql://" + host + ":" + port + "/" + m.group(3) + params, user, password);
  }

  private Matcher address() {
    Matcher m = ADDRESS.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalStateException("not a one-host URL: " + jdbcUrl);
    }
    return m;
  }

  /** The same database with {@code params} ({@code a=1&b=2}, URL-encoded) added to the URL. */
  public TestDatabase withParameters(String params) {
    return new TestDatabase(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + params, user, password);
  }

  /** A new connection (auto-commit) for assertions. */
  public Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    password.ifPresent(p -> props.setProperty("password", p));
    return DriverManager.getConnection(jdbcUrl, props);
  }

  /** Runs statements in auto-commit mode. */
  public void execute(String... sql) {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void cleanUp() {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String schema : SCHEMAS) {
        st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      }
      try (var del = c.prepareStatement("DELETE FROM _pfsync.state WHERE connector_id = ?");
          var runs = c.prepareStatement("DELETE FROM _pfsync.runs WHERE connector_id = ?");
          var leases = c.prepareStatement("DELETE FROM _pfsync.leases WHERE connector_id = ?")) {
        for (String id : CONNECTORS) {
          del.setString(1, id);
          del.executeUpdate();
          runs.setString(1, id);
          runs.executeUpdate();
          leases.setString(1, id);
          leases.executeUpdate();
        }
      }
    } catch (SQLException | RuntimeException e) {
      // Best effort: the database may already be gone (a stopped container).
    }
  }
}

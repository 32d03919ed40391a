package dev.pfsync.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time of the PostgreSQL backends of one client, found by their {@code application_name}
 * (other clients share the server). Sampled while the client runs: a backend's time is read from
 * /proc while it lives, and the largest value seen is kept once it has ended.
 */
final class Backends {
  private final String applicationName;
  private final Map<Long, Double> cpuByPid = new LinkedHashMap<>();

  Backends(String applicationName) {
    this.applicationName = applicationName;
  }

  /** Finds the client's current backends and reads the CPU time of every one seen so far. */
  void sample(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE application_name = '"
                    + applicationName
                    + "'")) {
      while (rs.next()) {
        cpuByPid.put(rs.getLong(1), 0.0);
      }
    }
    cpuByPid.replaceAll((pid, cpu) -> Math.max(cpu, Proc.cpuSeconds(pid)));
  }

  /** CPU seconds of all the backends seen. */
  double cpuSeconds() {
    return cpuByPid.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /**
   * CPU seconds of the backends named {@code applicationName} while {@code p} runs (50 ms polls).
   */
  static double whileAlive(Database db, Process p, String applicationName)
      throws SQLException, InterruptedException {
    Backends backends = new Backends(applicationName);
    try (Connection c = db.connect()) {
      while (p.isAlive()) {
        backends.sample(c);
        Thread.sleep(50);
      }
    }
    return backends.cpuSeconds();
  }
}

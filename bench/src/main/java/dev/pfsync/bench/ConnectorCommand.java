package dev.pfsync.bench;

import java.util.ArrayList;
import java.util.List;

/** The command lines that run {@code connector/target/connector.jar} against a benchmark's API. */
final class ConnectorCommand {
  /** The connector's {@code application_name}, to find its backends. */
  static final String APP = "pfsync_bench_connector";

  private ConnectorCommand() {}

  /**
   * {@code java ... -jar connector.jar <command> <flags>}: the bench's schema and connector id, a
   * history-start two days before the dataset's oldest row, the tuning's page size and window.
   */
  static List<String> of(
      BenchOptions options,
      Tuning tuning,
      Database db,
      String apiUrl,
      int apiDays,
      List<String> command) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "java",
                "-Xmx" + options.connectorXmx(),
                "-Dpfsync.prefetch=" + options.prefetch()));
    cmd.addAll(tuning.jvmFlags());
    cmd.addAll(List.of("-jar", "connector/target/connector.jar"));
    cmd.addAll(command);
    cmd.addAll(
        List.of(
            "--api-url",
            apiUrl,
            "--jdbc-url",
            jdbcUrl(db.jdbcUrl(), tuning),
            "--db-user",
            db.user(),
            "--schema",
            Database.SCHEMA,
            "--connector-id",
            Database.CONNECTOR_ID,
            "--history-start",
            (apiDays + 2) + "d",
            "--page-size",
            Integer.toString(tuning.pageSize())));
    tuning.window().ifPresent(w -> cmd.addAll(List.of("--window", w)));
    return cmd;
  }

  /** The connector's JDBC URL: tagged with {@link #APP}, and with the tuning's options. */
  static String jdbcUrl(String base, Tuning tuning) {
    return base
        + (base.contains("?") ? "&" : "?")
        + "ApplicationName="
        + APP
        + tuning.jdbcOptions().map(o -> "&" + o).orElse("");
  }
}

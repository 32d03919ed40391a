package dev.pfsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectorCommandTest {
  private final Database db =
      new Database(
          "jdbc:postgresql://127.0.0.1:5432/postgres",
          "127.0.0.1",
          "5432",
          "bench",
          "postgres",
          null);

  @Test
  void a_default_sync_runs_the_jar_with_the_bench_schema_and_a_history_past_the_oldest_row() {
    List<String> cmd =
        ConnectorCommand.of(
            BenchOptions.defaults(),
            Tuning.defaults(1000),
            db,
            "http://127.0.0.1:4000",
            365,
            List.of("sync", "--until-complete"));

    assertThat(String.join(" ", cmd))
        .isEqualTo(
            "java -Xmx128m -Dpfsync.prefetch=false -jar connector/target/connector.jar sync"
                + " --until-complete --api-url http://127.0.0.1:4000 --jdbc-url"
                + " jdbc:postgresql://127.0.0.1:5432/postgres?ApplicationName=pfsync_bench_connector"
                + " --db-user bench --schema pfsync_bench --connector-id pfsync_bench"
                + " --history-start 367d --page-size 1000");
  }

  @Test
  void a_tuned_sync_adds_the_knobs_of_the_readme() {
    List<String> cmd =
        ConnectorCommand.of(
            BenchOptions.parse("--prefetch"),
            Tuning.tuned(Optional.of("7d")),
            db,
            "http://127.0.0.1:4000",
            30,
            List.of("sync"));

    assertThat(cmd)
        .startsWith("java", "-Xmx128m", "-Dpfsync.prefetch=true", "-XX:+UseSerialGC", "-jar")
        .containsSequence("--page-size", "10000")
        .containsSequence("--window", "7d")
        .contains(
            "jdbc:postgresql://127.0.0.1:5432/postgres?ApplicationName=pfsync_bench_connector"
                + "&options=-c%20synchronous_commit%3Doff");
  }

  @Test
  void a_jdbc_url_with_parameters_gets_the_application_name_appended() {
    assertThat(
            ConnectorCommand.jdbcUrl("jdbc:postgresql://h/db?sslmode=disable", Tuning.defaults(1)))
        .isEqualTo("jdbc:postgresql://h/db?sslmode=disable&ApplicationName=pfsync_bench_connector");
  }

  @Test
  void the_merge_baseline_updates_every_column_but_the_key_and_only_with_newer_versions() {
    String script = Psql.mergeScript(Path.of("/tmp/truth.csv"));

    assertThat(script)
        .contains("\\copy pfsync_bench_base.stage (" + Psql.COLUMNS + ") FROM '/tmp/truth.csv'")
        .contains("ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,")
        .doesNotContain("id = EXCLUDED.id")
        .contains("WHERE copy_target.updated_at <= EXCLUDED.updated_at;");
  }
}

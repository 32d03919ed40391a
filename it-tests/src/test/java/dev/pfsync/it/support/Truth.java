package dev.pfsync.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.connector.verify.TruthComparer;
import dev.pfsync.connector.verify.TruthComparison;
import dev.pfsync.core.TableBinding;
import java.sql.Connection;
import java.sql.SQLException;

/** The destination compared with the mock API's {@code /admin/truth}, through TruthComparer. */
public final class Truth {
  private Truth() {}

  /** Compares {@code binding}'s table in {@code target} with the truth of {@code resource}. */
  public static TruthComparison compare(
      MockApi api, String resource, TableBinding binding, SyncTarget target) {
    try (Connection c = target.db().connect()) {
      return TruthComparer.compare(api.truthUri(resource), binding, c, target.schema());
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Asserts the table equals the truth exactly: every row, column and tombstone mark. */
  public static void assertExact(
      MockApi api, String resource, TableBinding binding, SyncTarget target) {
    TruthComparison result = compare(api, resource, binding, target);
    assertThat(result.matches())
        .as("%s%n    %s", result.describe(binding), String.join("\n    ", result.examples()))
        .isTrue();
  }
}

package dev.pfsync.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark 3: the time until the most recent day is in PostgreSQL, from the connector's start, for
 * histories of growing length at the same rows per day. Priority-First Sync keeps it flat; an
 * oldest-first sync would need the full sync time, shown beside it.
 */
final class FreshnessBenchmark {
  private final BenchContext ctx;

  FreshnessBenchmark(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** Freshness of one dataset. */
  private record Result(int days, double freshSeconds) {}

  void run() throws Exception {
    List<Result> results = new ArrayList<>();
    for (int days : ctx.options().freshDays()) {
      results.add(measure(days));
    }
    if (results.size() >= 2) {
      Result first = results.get(0);
      Result last = results.get(results.size() - 1);
      ctx.report()
          .add(
              "   freshness " + last.days() + "d / " + first.days() + "d",
              "",
              "",
              Format.ratio(last.freshSeconds() / first.freshSeconds()),
              "<= 1.5");
    }
  }

  private Result measure(int days) throws Exception {
    long n = (long) days * ctx.options().freshRowsPerDay();
    try (MockApiProcess api = ctx.startApi(n, days)) {
      Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
      long fresh = Truth.countSince(api, from);
      SyncRun r =
          ctx.connector()
              .sync(
                  api,
                  ctx.defaults(),
                  Optional.of(new Connector.Freshness(from, fresh)),
                  "--until-complete");
      ctx.connector().check(r, n);
      ctx.report()
          .add(
              "3. freshness, " + days + " days (" + Format.count(n) + " rows)",
              Format.secs(r.freshSeconds()) + " (" + Format.count(fresh) + " rows)",
              "oldest-first (full sync): " + Format.secs(r.seconds()),
              "",
              "peak RSS " + Format.mb(r.peakRssKb()));
      return new Result(days, r.freshSeconds());
    }
  }
}

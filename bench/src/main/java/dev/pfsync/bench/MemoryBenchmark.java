package dev.pfsync.bench;

import java.util.Optional;

/** Benchmark 4 on the small dataset: the connector's peak memory does not grow with the rows. */
final class MemoryBenchmark {
  private final BenchContext ctx;

  MemoryBenchmark(BenchContext ctx) {
    this.ctx = ctx;
  }

  void run() throws Exception {
    BenchOptions o = ctx.options();
    try (MockApiProcess api = ctx.startApi(o.smallUsers(), o.days())) {
      SyncRun small =
          ctx.connector().sync(api, ctx.defaults(), Optional.empty(), "--until-complete");
      ctx.connector().check(small, o.smallUsers());
      ctx.report()
          .add(
              "4. memory, " + Format.count(o.smallUsers()) + " rows",
              "peak RSS " + Format.mb(small.peakRssKb()),
              "-Xmx" + o.connectorXmx(),
              String.format("%s rows/s", Format.count((long) (o.smallUsers() / small.seconds()))),
              "");
    }
  }
}

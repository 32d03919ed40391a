package dev.pfsync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A page whose stream breaks off mid-body is read again whole; the broken read leaves nothing. */
class InterruptedPageTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void a_page_cut_mid_body_is_read_again_and_the_sync_is_exact() {
    TestClock clock = new TestClock(NOW);
    InMemoryDestination destination = new InMemoryDestination();
    AtomicInteger rowsApplied = new AtomicInteger();
    Destination counting =
        new ForwardingDestination(destination) {
          @Override
          public void apply(Checkpoint checkpoint) {
            super.apply(checkpoint);
            checkpoint.changes().forEach(c -> rowsApplied.addAndGet(c.rows().size()));
          }
        };
    SimulatedSource data = new SimulatedSource(Bindings.users()).clockedBy(clock);
    Datasets.users(data, new Random(11), 300, NOW.minus(Duration.ofDays(3)), NOW, 0);
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger wholeFetches = new AtomicInteger();
    PageSource cutting =
        new PageSource() {
          @Override
          public Page fetch(TableBinding table, PageRequest request) {
            wholeFetches.incrementAndGet();
            return data.fetch(table, request);
          }

          @Override
          public PageStream open(TableBinding table, PageRequest request) {
            PageStream page = PageStream.of(data.fetch(table, request));
            if (opened.incrementAndGet() % 3 != 0) {
              return page;
            }
            // Every third page: hand out a few rows, then lose the connection.
            AtomicInteger handed = new AtomicInteger();
            return new PageStream() {
              @Override
              public Row next() {
                if (handed.incrementAndGet() > 3) {
                  throw new PageInterruptedException(
                      "connection lost mid-body", new IOException("reset"));
                }
                return page.next();
              }

              @Override
              public PageEnd end() {
                return page.end();
              }
            };
          }
        };
    SyncSettings settings =
        new SyncSettings(
            "users",
            10,
            Duration.ofDays(1),
            Duration.ofDays(1),
            new HistoryStart.Ago(Duration.ofDays(4)),
            Duration.ofHours(1),
            Duration.ZERO,
            Duration.ofSeconds(2));
    SyncEngine engine =
        new SyncEngine(
            List.of(Bindings.users()),
            cutting,
            counting,
            settings,
            clock,
            new ProgressListener() {});

    RunSummary summary = engine.runUntilComplete(Duration.ofHours(1));

    assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(wholeFetches.get()).as("pages read again whole").isPositive();
    assertThat(destination.rows("user")).isEqualTo(data.truth("user"));
    long counted = summary.tables().stream().mapToLong(t -> t.upserted() + t.deleted()).sum();
    assertThat(counted)
        .as("rows counted once, however often their page was read")
        .isEqualTo(rowsApplied.get());
  }
}

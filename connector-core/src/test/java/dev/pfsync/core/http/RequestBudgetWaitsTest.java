package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.SyncStoppedException;
import dev.pfsync.core.http.RequestBudget.Outcome;
import dev.pfsync.core.http.RequestBudget.Permit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The budget's waits between real threads, in real time. */
class RequestBudgetWaitsTest {
  static final Duration LONG = Duration.ofMinutes(5);

  final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void shutdown() {
    threads.shutdownNow();
  }

  static RequestBudget budget(int ceiling) {
    return new RequestBudget(OptionalDouble.empty(), ceiling, Ticker.SYSTEM, Clock.systemUTC());
  }

  static void awaitWaiting(RequestBudget budget, int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (budget.waiting() < n) {
      assertThat(System.nanoTime() - until).as("%d waiting", n).isNegative();
      Thread.sleep(5);
    }
  }

  @Test
  void waiters_get_a_free_slot_in_the_order_they_came() throws Exception {
    RequestBudget budget = budget(1);
    Permit held = budget.acquire("first", LONG);
    List<Integer> served = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> waiters = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int me = i;
      waiters.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  Permit p = budget.acquire("waiter " + me, LONG);
                  served.add(me);
                  p.release(Outcome.SUCCESS);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              },
              threads));
      awaitWaiting(budget, i + 1); // queued before the next one comes
    }

    held.release(Outcome.SUCCESS);

    CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    assertThat(served).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void a_stop_ends_a_wait_for_a_slot_at_once() throws Exception {
    RequestBudget budget = budget(1);
    budget.acquire("first", LONG);
    CompletableFuture<Permit> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return budget.acquire("table user: GET /v1/users", LONG);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            threads);
    awaitWaiting(budget, 1);

    long start = System.nanoTime();
    budget.stop();

    Throwable thrown = failure(waiting);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(thrown)
        .isInstanceOf(SyncStoppedException.class)
        .hasMessage("table user: GET /v1/users: stopped (waiting for the request budget)");
    assertThat(budget.waiting()).isZero();
  }

  @Test
  void a_stop_ends_a_retry_after_pause_at_once() throws Exception {
    RequestBudget budget = budget(4);
    budget.pause(Duration.ofMinutes(2));
    CompletableFuture<Permit> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return budget.acquire("paused", LONG);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            threads);
    awaitWaiting(budget, 1);

    budget.stop();

    assertThat(failure(waiting)).isInstanceOf(SyncStoppedException.class);
  }

  @Test
  void an_interrupted_waiter_leaves_the_queue() throws Exception {
    RequestBudget budget = budget(1);
    Permit held = budget.acquire("first", LONG);
    List<Throwable> thrown = new CopyOnWriteArrayList<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                budget.acquire("interrupted", LONG);
              } catch (InterruptedException e) {
                thrown.add(e);
              }
            });
    waiter.start();
    awaitWaiting(budget, 1);

    waiter.interrupt();
    waiter.join(5_000);

    assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
    assertThat(budget.waiting()).isZero();
    held.release(Outcome.SUCCESS);
    assertThat(budget.acquire("next", Duration.ofSeconds(1))).isNotNull();
  }

  static Throwable failure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(1, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the wait ended normally");
  }
}

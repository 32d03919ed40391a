package dev.pfsync.core.http;

import static dev.pfsync.core.http.StubApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One {@link HttpPageSource} shared by many threads against a real HTTP stub: what the API sees of
 * the request budget. Timings have wide margins: the build machine is shared.
 */
class SharedBudgetTest {
  final StubApi api;
  final ExecutorService threads = Executors.newCachedThreadPool();
  final long start = System.nanoTime();
  final long startWall = System.currentTimeMillis();

  /** The changes of the limit on requests in flight, as logged. */
  final ListAppender<ILoggingEvent> limitLog = new ListAppender<>();

  /** When each request reached the stub, and how many (itself included) it was processing then. */
  final List<long[]> arrivals = new CopyOnWriteArrayList<>();

  final AtomicInteger processing = new AtomicInteger();

  SharedBudgetTest() throws IOException {
    api = new StubApi();
    limitLog.start();
    limitLogger().addAppender(limitLog);
  }

  @AfterEach
  void stop() {
    limitLogger().detachAppender(limitLog);
    threads.shutdownNow();
    api.close();
  }

  static Logger limitLogger() {
    return (Logger) LoggerFactory.getLogger(InFlightLimit.class);
  }

  List<String> limitChanges() {
    return limitLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** The limit on requests in flight, averaged over time from {@code fromMillis} to the end. */
  double meanLimit(long fromMillis, int ceiling) {
    int limit = ceiling;
    long at = fromMillis;
    double sum = 0;
    for (ILoggingEvent e : limitLog.list) {
      long t = e.getTimeStamp() - startWall;
      if (t > at) {
        sum += (double) limit * (t - at);
        at = t;
      }
      Matcher m = LIMIT.matcher(e.getFormattedMessage());
      if (m.find()) {
        limit = Integer.parseInt(m.group(1));
      }
    }
    long end = millis();
    return (sum + (double) limit * (end - at)) / (end - fromMillis);
  }

  static final Pattern LIMIT = Pattern.compile("limited to (\\d+)");

  HttpSourceConfig.Builder config() {
    return HttpSourceConfig.builder(api.baseUrl())
        .maxRetries(20)
        .backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
  }

  long millis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /**
   * A stub that takes {@code millis} per request and answers 429 (no Retry-After) to a request that
   * arrives while {@code tooMany} holds for the number being processed, itself included.
   */
  StubApi.Responder limited(long millis, LongPredicate tooMany) {
    return ex -> {
      int n = processing.incrementAndGet();
      arrivals.add(new long[] {millis(), n});
      boolean refused = tooMany.test(n);
      try {
        if (!refused) {
          Thread.sleep(millis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        processing.decrementAndGet(); // before answering: the client may send the next at once
      }
      answer(ex, refused);
    };
  }

  static void answer(HttpExchange ex, boolean refused) throws IOException {
    if (refused) {
      json(429, "{\"error\": \"too many requests\"}").respond(ex);
    } else {
      json(200, HttpPageSourceTest.USERS_PAGE).respond(ex);
    }
  }

  /** {@code n} threads fetching pages through {@code source} for {@code duration}. */
  void fetchFrom(HttpPageSource source, int n, Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      running.add(
          threads.submit(
              () -> {
                while (System.nanoTime() < end) {
                  source.fetch(Bindings.users(), HttpPageSourceTest.FIRST);
                }
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get(duration.toSeconds() + 30, TimeUnit.SECONDS); // a failed fetch fails the test here
    }
  }

  /** The requests that arrived from {@code fromMillis} to {@code toMillis} after the first. */
  List<long[]> arrivedBetween(long fromMillis, long toMillis) {
    long first = arrivals.get(0)[0];
    return arrivals.stream()
        .filter(a -> a[0] - first >= fromMillis && a[0] - first < toMillis)
        .toList();
  }

  @Test
  void eight_threads_with_max_rps_20_send_at_most_about_20_requests_a_second() throws Exception {
    api.then(limited(0, n -> false));

    try (HttpPageSource source = new HttpPageSource(config().maxRequestsPerSecond(20).build())) {
      fetchFrom(source, 8, Duration.ofSeconds(3));
    }

    int total = arrivals.size();
    long elapsed = arrivals.get(total - 1)[0] - arrivals.get(0)[0];
    // Any 1.5 s holds at most the bucket's 2 + 30; a slow start must not add up to a burst.
    int steady = arrivedBetween(1_000, 2_500).size();
    int busiest = 0;
    for (long[] a : arrivals) {
      long from = a[0];
      busiest =
          Math.max(
              busiest,
              (int) arrivals.stream().filter(b -> b[0] >= from && b[0] < from + 1_000).count());
    }
    System.out.printf(
        "max-rps 20, 8 threads: %d requests in %d ms, %d in [1 s, 2.5 s) after the first,"
            + " at most %d within a second%n",
        total, elapsed, steady, busiest);
    // Measured at the stub: the first requests, opening connections, may arrive up to ~0.25 s
    // after they left the bucket. A second's worth of burst would show ~40 within a second.
    assertThat(total).isLessThanOrEqualTo(2 + (int) (20 * (elapsed + 250) / 1000.0) + 1);
    assertThat(steady).isBetween(24, 36);
    assertThat(busiest).isLessThanOrEqualTo(26);
  }

  @Test
  void sixteen_threads_against_an_api_allowing_3_at_once_converge_to_3_with_few_429s()
      throws Exception {
    api.then(limited(20, n -> n > 3));

    try (HttpPageSource source = new HttpPageSource(config().maxConcurrentRequests(16).build())) {
      fetchFrom(source, 16, Duration.ofSeconds(3));
    }

    List<long[]> late = arrivedBetween(1_500, 3_000);
    long refused = arrivals.stream().filter(a -> a[1] > 3).count();
    long refusedLate = late.stream().filter(a -> a[1] > 3).count();
    double concurrency = late.stream().mapToLong(a -> a[1]).average().orElse(0);
    double limit = meanLimit(arrivals.get(0)[0] + 1_500, 16);
    System.out.printf(
        "16 threads, API allowing 3: %d requests, %d answered 429 (%.1f%%); after 1.5 s:"
            + " %d requests, %d 429s (%.1f%%), limit %.2f on average, %.2f processing on"
            + " arrival%n",
        arrivals.size(),
        refused,
        100.0 * refused / arrivals.size(),
        late.size(),
        refusedLate,
        100.0 * refusedLate / late.size(),
        limit,
        concurrency);
    assertThat(limit).as("the limit on requests in flight, on average").isBetween(2.0, 5.0);
    assertThat(concurrency).as("requests processing when one arrives").isBetween(1.2, 4.0);
    assertThat(late).extracting(a -> a[1]).allMatch(n -> n <= 6);
    assertThat(refused).as("429s of all requests").isLessThan(arrivals.size() * 12 / 100);
  }

  @Test
  void a_retry_after_answered_to_one_thread_pauses_them_all() throws Exception {
    AtomicInteger count = new AtomicInteger();
    List<Long> answered429 = new CopyOnWriteArrayList<>();
    api.then(
        ex -> {
          arrivals.add(new long[] {millis(), 0});
          if (count.incrementAndGet() == 8) {
            answered429.add(millis());
            json(429, "{\"error\": \"slow down\"}", "Retry-After", "2").respond(ex);
          } else {
            json(200, HttpPageSourceTest.USERS_PAGE).respond(ex);
          }
        });

    try (HttpPageSource source = new HttpPageSource(config().build())) {
      fetchFrom(source, 4, Duration.ofSeconds(3));
    }

    long t = answered429.get(0) - arrivals.get(0)[0];
    // Requests already sent when the 429 left the stub may still arrive just after it.
    List<long[]> during = arrivedBetween(t + 250, t + 1_950);
    List<long[]> after = arrivedBetween(t + 1_950, t + 3_000);
    System.out.printf(
        "Retry-After 2: %d requests before it, %d within 250 ms after it, %d during the pause,"
            + " %d after it, the first at +%d ms%n",
        arrivedBetween(0, t).size(),
        arrivedBetween(t + 1, t + 250).size(),
        during.size(),
        after.size(),
        after.isEmpty() ? -1 : after.get(0)[0] - arrivals.get(0)[0] - t);
    assertThat(during).as("requests during the pause").isEmpty();
    assertThat(after).as("requests after the pause").isNotEmpty();
  }

  @Test
  void the_limit_grows_back_to_the_ceiling_once_429s_stop() throws Exception {
    // 429 above 2 at once for the first 30 requests, then never.
    AtomicInteger count = new AtomicInteger();
    // 50 ms a request: the stub sees most of each request's time in flight, not the client's.
    StubApi.Responder limited = limited(50, n -> n > 2);
    StubApi.Responder free = limited(50, n -> false);
    api.then(ex -> (count.incrementAndGet() <= 30 ? limited : free).respond(ex));

    try (HttpPageSource source = new HttpPageSource(config().maxConcurrentRequests(8).build())) {
      fetchFrom(source, 8, Duration.ofMillis(3_500));
    }

    List<String> changes = limitChanges();
    List<long[]> early = arrivals.subList(0, 30);
    List<long[]> late = arrivals.subList(arrivals.size() - 40, arrivals.size());
    System.out.printf(
        "%d 429s in the first 30 requests, then %d requests; limit changes: %s%n",
        early.stream().filter(a -> a[1] > 2).count(), arrivals.size() - 30, changes);
    assertThat(changes).contains("HTTP 429: requests in flight limited to 4 (was 8)");
    assertThat(changes.get(changes.size() - 1)).isEqualTo("requests in flight limited to 8 of 8");
    assertThat(late).as("the last 40 requests").allMatch(a -> a[1] <= 8);
    assertThat(late.stream().mapToLong(a -> a[1]).max().orElse(0))
        .as("most at once at the end, 2 at most while 429s came")
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void twenty_requests_at_once_each_get_a_connection_when_twenty_are_allowed() throws Exception {
    CountDownLatch all = new CountDownLatch(20);
    AtomicInteger widest = new AtomicInteger();
    api.then(
        ex -> {
          int n = processing.incrementAndGet();
          widest.accumulateAndGet(n, Math::max);
          all.countDown();
          try {
            all.await(5, TimeUnit.SECONDS); // answers once all twenty are here, or in 5 s
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          processing.decrementAndGet();
          json(200, HttpPageSourceTest.USERS_PAGE).respond(ex);
        });

    try (HttpPageSource source =
        new HttpPageSource(config().maxConcurrentRequests(20).maxRetries(0).build())) {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        running.add(threads.submit(() -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST)));
      }
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
    }

    assertThat(widest.get()).as("requests the API saw at once").isEqualTo(20);
  }
}

package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pfsync.core.RetriableException;
import dev.pfsync.core.SyncStoppedException;
import dev.pfsync.core.http.RequestBudget.Outcome;
import dev.pfsync.core.http.RequestBudget.Permit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The budget's arithmetic, on a fake clock: rates, the AIMD limit, pauses, the wait bound. */
class RequestBudgetTest {
  static final Duration LONG = Duration.ofMinutes(5);
  static final String WHERE = "table user: GET /v1/users";

  final FakeTicker ticker = new FakeTicker();
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  RequestBudgetTest() {
    logged.start();
    logger(RequestBudget.class).addAppender(logged);
    logger(InFlightLimit.class).addAppender(logged);
  }

  @AfterEach
  void detach() {
    logger(RequestBudget.class).detachAppender(logged);
    logger(InFlightLimit.class).detachAppender(logged);
  }

  static Logger logger(Class<?> type) {
    return (Logger) LoggerFactory.getLogger(type);
  }

  RequestBudget budget(double rps, int ceiling) {
    return new RequestBudget(
        rps > 0 ? OptionalDouble.of(rps) : OptionalDouble.empty(),
        ceiling,
        ticker,
        Clock.systemUTC());
  }

  static Permit take(RequestBudget budget) throws InterruptedException {
    return budget.acquire(WHERE, LONG);
  }

  /** Sends and completes one request; returns how long it waited for the budget. */
  Duration send(RequestBudget budget, Outcome outcome) throws InterruptedException {
    Duration before = ticker.waited();
    take(budget).release(outcome);
    return ticker.waited().minus(before);
  }

  List<String> messages() {
    return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void sends_a_tenth_of_a_seconds_worth_at_once_then_one_request_every_one_over_the_rate()
      throws InterruptedException {
    RequestBudget budget = budget(40, 16);

    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      waits.add(send(budget, Outcome.SUCCESS));
    }

    Duration step = Duration.ofMillis(25);
    assertThat(waits)
        .containsExactly(
            Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, step, step, step);
  }

  @Test
  void a_rate_below_ten_saves_up_a_single_request() throws InterruptedException {
    RequestBudget budget = budget(4, 16);

    assertThat(send(budget, Outcome.SUCCESS)).isZero();
    assertThat(send(budget, Outcome.SUCCESS)).isEqualTo(Duration.ofMillis(250));
    assertThat(send(budget, Outcome.SUCCESS)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void a_source_slow_to_start_never_sends_much_more_than_its_rate_within_a_second()
      throws InterruptedException {
    RequestBudget budget = budget(20, 16);
    ticker.advance(Duration.ofSeconds(3)); // idle: the bucket is as full as it gets

    Duration before = ticker.waited();
    int sent = 0;
    while (ticker.waited().minus(before).compareTo(Duration.ofSeconds(1)) < 0) {
      send(budget, Outcome.SUCCESS);
      sent++;
    }

    assertThat(sent).as("requests within one second").isEqualTo(2 + 20);
  }

  @Test
  void a_rate_below_one_lets_one_request_go_then_waits_for_the_next_token()
      throws InterruptedException {
    RequestBudget budget = budget(0.5, 16);

    assertThat(send(budget, Outcome.SUCCESS)).isZero();
    assertThat(send(budget, Outcome.SUCCESS)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void an_idle_budget_saves_up_at_most_a_tenth_of_a_seconds_worth() throws InterruptedException {
    RequestBudget budget = budget(30, 16);
    for (int i = 0; i < 5; i++) {
      send(budget, Outcome.SUCCESS);
    }

    ticker.advance(Duration.ofSeconds(10));

    for (int i = 0; i < 3; i++) {
      assertThat(send(budget, Outcome.SUCCESS)).isZero();
    }
    assertThat(send(budget, Outcome.SUCCESS).toNanos()).isCloseTo(33_333_334L, within(1L));
  }

  @Test
  void without_a_rate_requests_go_at_once_up_to_the_limit() throws InterruptedException {
    RequestBudget budget = budget(0, 3);

    for (int i = 0; i < 3; i++) {
      take(budget);
    }

    assertThat(ticker.waits).isEmpty();
  }

  @Test
  void a_429_halves_the_limit_once_for_the_requests_sent_before_it_and_never_below_one()
      throws InterruptedException {
    RequestBudget budget = budget(0, 16);
    List<Permit> burst = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      burst.add(take(budget));
    }

    burst.forEach(p -> p.release(Outcome.RATE_LIMITED));
    assertThat(budget.limit()).as("sixteen 429s of one burst").isEqualTo(8);

    List<Integer> limits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      send(budget, Outcome.RATE_LIMITED);
      limits.add(budget.limit());
    }
    assertThat(limits).containsExactly(4, 2, 1, 1);
    assertThat(messages())
        .containsExactly(
            "HTTP 429: requests in flight limited to 8 (was 16)",
            "HTTP 429: requests in flight limited to 4 (was 8)",
            "HTTP 429: requests in flight limited to 2 (was 4)",
            "HTTP 429: requests in flight limited to 1 (was 2)");
  }

  @Test
  void the_limit_grows_by_one_after_each_run_of_successes_as_long_as_itself_up_to_the_ceiling()
      throws InterruptedException {
    RequestBudget budget = budget(0, 8);
    send(budget, Outcome.RATE_LIMITED);
    assertThat(budget.limit()).isEqualTo(4);

    List<Integer> limits = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      send(budget, i % 5 == 0 ? Outcome.OTHER : Outcome.SUCCESS); // a 5xx neither grows nor halves
      limits.add(budget.limit());
    }

    // 4 successes to 5, 5 more to 6, 6 to 7, 7 to 8: 22 successes, the 28th request.
    assertThat(limits.indexOf(5)).isEqualTo(4);
    assertThat(limits.indexOf(6)).isEqualTo(11);
    assertThat(limits.indexOf(8)).isEqualTo(27);
    assertThat(limits.subList(27, 30)).containsOnly(8);
    assertThat(messages())
        .endsWith(
            "requests in flight limited to 5 of 8",
            "requests in flight limited to 6 of 8",
            "requests in flight limited to 7 of 8",
            "requests in flight limited to 8 of 8");
  }

  @Test
  void only_the_successes_of_requests_sent_at_the_current_limit_make_it_grow()
      throws InterruptedException {
    RequestBudget budget = budget(0, 8);
    List<Permit> sentAt8 = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sentAt8.add(take(budget));
    }
    sentAt8.get(0).release(Outcome.RATE_LIMITED);

    sentAt8.subList(1, 8).forEach(p -> p.release(Outcome.SUCCESS));
    assertThat(budget.limit()).as("after seven successes sent at 8").isEqualTo(4);

    for (int i = 0; i < 3; i++) {
      send(budget, Outcome.SUCCESS);
    }
    assertThat(budget.limit()).isEqualTo(4);
    send(budget, Outcome.SUCCESS);
    assertThat(budget.limit()).as("after four successes sent at 4").isEqualTo(5);
  }

  @Test
  void a_wait_for_a_slot_is_bounded_and_its_failure_names_the_wait() throws InterruptedException {
    RequestBudget budget = budget(0, 1);
    take(budget);

    assertThatThrownBy(() -> budget.acquire(WHERE, Duration.ofSeconds(5)))
        .isInstanceOf(RetriableException.class)
        .hasMessage(
            WHERE
                + ": waited more than 5s (request-timeout) for the request budget"
                + " (1 in flight, limit 1 of 1, 0 other requests waiting)");
    assertThat(ticker.waited()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void a_retry_after_holds_every_request_until_the_pause_ends() throws InterruptedException {
    RequestBudget budget = budget(0, 16);

    budget.pause(Duration.ofSeconds(2));

    assertThat(send(budget, Outcome.SUCCESS)).isEqualTo(Duration.ofSeconds(2));
    assertThat(send(budget, Outcome.SUCCESS)).isZero();
    assertThat(messages()).singleElement().asString().contains("(2s from now)");
  }

  @Test
  void retry_afters_at_once_extend_the_pause_to_the_latest_end_not_the_sum()
      throws InterruptedException {
    RequestBudget budget = budget(0, 16);

    budget.pause(Duration.ofSeconds(2));
    ticker.advance(Duration.ofMillis(10));
    budget.pause(Duration.ofSeconds(2));
    budget.pause(Duration.ofSeconds(1));
    budget.pause(Duration.ZERO);

    assertThat(send(budget, Outcome.SUCCESS)).isEqualTo(Duration.ofSeconds(2));
    assertThat(messages()).as("one pause, logged once").hasSize(1);
  }

  @Test
  void a_pause_does_not_count_against_the_wait_bound() throws InterruptedException {
    RequestBudget budget = budget(0, 16);

    budget.pause(Duration.ofSeconds(30));

    budget.acquire(WHERE, Duration.ofSeconds(1));
    assertThat(ticker.waited()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void a_stopped_budget_refuses_at_once() {
    RequestBudget budget = budget(1, 16);

    budget.stop();

    assertThatThrownBy(() -> take(budget))
        .isInstanceOf(SyncStoppedException.class)
        .hasMessageContaining(WHERE);
    assertThat(ticker.waits).isEmpty();
  }
}

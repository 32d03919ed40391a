package dev.pfsync.core.http;

import static dev.pfsync.core.http.StubApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.PageRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The bearer token goes in the Authorization header and nowhere else. */
class TokenSecrecyTest {
  private static final String TOKEN = "tok-VERY-secret-42";
  private static final PageRequest REQUEST =
      new PageRequest(Keyset.from(Instant.parse("2026-11-20T08:00:00Z")), Optional.empty(), 10);

  private final Logger pfsync = (Logger) LoggerFactory.getLogger("dev.pfsync");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level levelBefore;
  private StubApi api;

  @BeforeEach
  void capture() throws IOException {
    api = new StubApi();
    levelBefore = pfsync.getLevel();
    pfsync.setLevel(Level.DEBUG);
    logs.start();
    pfsync.addAppender(logs);
  }

  @AfterEach
  void release() {
    pfsync.detachAppender(logs);
    pfsync.setLevel(levelBefore);
    api.close();
  }

  @Test
  void never_appears_in_exception_messages_nor_in_logs() {
    // The API echoes the token back in its error body: even then it must not leak.
    String echo = "{\"error\": \"bad token " + TOKEN + "\"}";
    api.then(
        json(503, echo),
        json(200, "{\"data\": [{\"id\": \"" + TOKEN + "\"}], \"has_more\": false}"),
        json(503, echo),
        json(200, "not json " + TOKEN),
        json(503, echo),
        json(401, echo),
        json(500, echo));
    HttpSourceConfig config =
        HttpSourceConfig.defaults(api.baseUrl())
            .withBearerToken(Optional.of(TOKEN))
            .withMaxRetries(1)
            .withBackoff(Duration.ZERO, Duration.ZERO)
            .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300));
    List<Throwable> errors = new ArrayList<>();

    try (HttpPageSource source =
        new HttpPageSource(config, d -> {}, new Random(1), Clock.systemUTC())) {
      source.fetch(Bindings.users(), REQUEST); // a skipped record, logged
      for (int i = 0; i < 3; i++) {
        errors.add(catchThrowable(() -> source.fetch(Bindings.users(), REQUEST)));
      }
      for (int i = 0; i < 2; i++) {
        errors.add(catchThrowable(() -> source.fetch(Bindings.users(), REQUEST)));
      }
    }

    assertThat(api.requests())
        .allSatisfy(s -> assertThat(s.authorization()).contains("Bearer " + TOKEN));
    assertThat(errors).hasSize(5).doesNotContainNull();
    assertThat(errors).allSatisfy(e -> assertThat(e.toString()).doesNotContain(TOKEN));
    assertThat(logs.list).extracting(ILoggingEvent::getLevel).contains(Level.DEBUG, Level.WARN);
    assertThat(logs.list)
        .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(TOKEN));
  }
}

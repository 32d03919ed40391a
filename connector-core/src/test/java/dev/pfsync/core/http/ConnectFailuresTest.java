package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConfigurationException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which failures to reach the API are retried, and which are a configuration error at once. */
class ConnectFailuresTest {
  static final String WHERE = "table user: GET /v1/users";

  final ConnectFailures failures = new ConnectFailures(URI.create("https://api.example:8443"));

  static SSLHandshakeException handshake(String message, Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException(message);
    e.initCause(cause);
    return e;
  }

  @Test
  void an_unknown_host_fails_at_once_without_retrying() {
    List<Duration> sleeps = new CopyOnWriteArrayList<>();
    HttpSourceConfig config =
        HttpSourceConfig.builder(URI.create("http://no-such-host.invalid")).maxRetries(3).build();

    try (HttpPageSource source =
        new HttpPageSource(config, sleeps::add, new Random(1), Clock.systemUTC())) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("unknown host no-such-host.invalid: check api-url")
          .hasMessageStartingWith("table user: GET /v1/users");
    }
    assertThat(sleeps).as("no retries").isEmpty();
  }

  @Test
  void an_unknown_host_after_the_api_answered_is_a_dns_blip_and_retried() {
    UnknownHostException blip = new UnknownHostException("api.example: Temporary failure");
    assertThat(failures.permanent(blip, WHERE)).isPresent();

    failures.answered();

    assertThat(failures.permanent(blip, WHERE)).isEmpty();
  }

  @Test
  void an_unknown_proxy_host_points_at_the_proxy_settings() {
    assertThat(failures.permanent(new UnknownHostException("proxy.corp"), WHERE))
        .get()
        .extracting(Throwable::getMessage)
        .asString()
        .contains("unknown host proxy.corp: check the proxy settings");
  }

  @Test
  void refused_reset_and_cut_handshakes_stay_retriable() {
    for (IOException e :
        List.of(
            new ConnectException("Connection refused"),
            new SocketException("Connection reset"),
            handshake(
                "Remote host terminated the handshake", new EOFException("SSL peer shut down")),
            handshake("certificate_unknown", new SocketException("Broken pipe")))) {
      assertThat(failures.permanent(e, WHERE)).as(e.toString()).isEmpty();
    }
  }

  @Test
  void an_untrusted_certificate_says_how_to_trust_it() {
    IOException e =
        handshake(
            "PKIX path building failed",
            new CertificateException("unable to find valid certification path"));

    assertThat(failures.permanent(e, WHERE))
        .get()
        .extracting(Throwable::getMessage)
        .asString()
        .startsWith(WHERE)
        .contains("the API's TLS certificate is not trusted: api.example:8443")
        .contains("(unable to find valid certification path)")
        .contains("-Djavax.net.ssl.trustStore=<file>");
  }

  @Test
  void a_certificate_for_another_name_says_so() {
    IOException e =
        handshake(
            "No subject alternative DNS name matching api.example found.",
            new CertificateException(
                "No subject alternative DNS name matching api.example found."));

    assertThat(failures.permanent(e, WHERE))
        .get()
        .extracting(Throwable::getMessage)
        .asString()
        .contains("the API's TLS certificate does not name api.example")
        .contains("check api-url");
  }

  @Test
  void another_failed_handshake_names_the_host_and_the_client_certificate_settings() {
    IOException e = new SSLHandshakeException("Received fatal alert: handshake_failure");

    assertThat(failures.permanent(e, WHERE))
        .get()
        .extracting(Throwable::getMessage)
        .asString()
        .contains("the TLS handshake with api.example:8443 failed")
        .contains("-Djavax.net.ssl.keyStore=<file>");
  }
}

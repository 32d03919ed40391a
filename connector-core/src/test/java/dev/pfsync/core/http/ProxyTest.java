package dev.pfsync.core.http;

import static dev.pfsync.core.http.StubApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.ConfigurationException;
import dev.pfsync.core.RetriableException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests through a forward proxy named by the environment or the JVM's properties. The API is
 * named {@code api.test.invalid}, which does not resolve: a page that arrives came through the
 * proxy.
 */
class ProxyTest {
  static final List<String> JVM_PROXY_PROPERTIES =
      List.of("http.proxyHost", "http.proxyPort", "https.proxyHost", "https.proxyPort");

  final StubApi api;
  final Map<String, String> saved = new HashMap<>();

  ProxyTest() throws IOException {
    api = new StubApi();
    api.then(json(200, HttpPageSourceTest.USERS_PAGE));
    JVM_PROXY_PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
  }

  @AfterEach
  void restore() {
    api.close();
    saved.forEach(
        (p, v) -> {
          if (v == null) {
            System.clearProperty(p);
          } else {
            System.setProperty(p, v);
          }
        });
  }

  /** The stub's port under a name that only the proxy can reach. */
  URI unresolvable() {
    return URI.create("http://api.test.invalid:" + api.baseUrl().getPort());
  }

  HttpPageSource source(URI baseUrl, Map<String, String> environment) {
    HttpSourceConfig config =
        HttpSourceConfig.builder(baseUrl)
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .maxRetries(0)
            .build();
    return new HttpPageSource(config, environment, d -> {}, new Random(1), Clock.systemUTC());
  }

  int fetchRows(URI baseUrl, Map<String, String> environment) {
    try (HttpPageSource source = source(baseUrl, environment)) {
      return source.fetch(Bindings.users(), HttpPageSourceTest.FIRST).rows().size();
    }
  }

  @Test
  void http_proxy_routes_requests_through_the_proxy() throws IOException {
    try (ForwardProxy proxy = new ForwardProxy(api.baseUrl())) {
      assertThat(fetchRows(unresolvable(), Map.of("HTTP_PROXY", proxy.url()))).isEqualTo(2);

      assertThat(proxy.requests())
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.requestLine())
                      .startsWith("GET " + unresolvable() + "/v1/users?updated_since=")
                      .endsWith(" HTTP/1.1"));
    }
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void the_lower_case_variable_wins_and_https_proxy_is_not_used_for_an_http_api()
      throws IOException {
    try (ForwardProxy lower = new ForwardProxy(api.baseUrl());
        ForwardProxy upper = new ForwardProxy(api.baseUrl());
        ForwardProxy https = new ForwardProxy(api.baseUrl())) {
      Map<String, String> env =
          Map.of("http_proxy", lower.url(), "HTTP_PROXY", upper.url(), "HTTPS_PROXY", https.url());

      assertThat(fetchRows(unresolvable(), env)).isEqualTo(2);

      assertThat(lower.requests()).hasSize(1);
      assertThat(upper.requests()).isEmpty();
      assertThat(https.requests()).isEmpty();
    }
  }

  @Test
  void no_proxy_sends_the_listed_hosts_direct_and_the_others_through_the_proxy()
      throws IOException {
    try (ForwardProxy proxy = new ForwardProxy(api.baseUrl())) {
      Map<String, String> env =
          Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", "localhost, 127.0.0.1");

      assertThat(fetchRows(api.baseUrl(), env)).isEqualTo(2);
      assertThat(proxy.requests()).as("127.0.0.1 goes direct").isEmpty();

      assertThat(fetchRows(unresolvable(), env)).isEqualTo(2);
      assertThat(proxy.requests()).as("api.test.invalid goes through the proxy").hasSize(1);
    }
    assertThat(api.requests()).hasSize(2);
  }

  @Test
  void the_jvms_proxy_property_wins_over_the_environment() throws IOException {
    try (ForwardProxy jvm = new ForwardProxy(api.baseUrl());
        ForwardProxy env = new ForwardProxy(api.baseUrl())) {
      System.setProperty("http.proxyHost", "127.0.0.1");
      System.setProperty("http.proxyPort", Integer.toString(jvm.port()));

      assertThat(fetchRows(unresolvable(), Map.of("http_proxy", env.url()))).isEqualTo(2);

      assertThat(jvm.requests()).hasSize(1);
      assertThat(env.requests()).isEmpty();
    }
  }

  @Test
  void credentials_in_the_proxy_url_are_sent_as_basic_auth_and_never_shown() throws IOException {
    String expected =
        "Basic "
            + Base64.getEncoder().encodeToString("scott:ti:ger@".getBytes(StandardCharsets.UTF_8));
    try (ForwardProxy proxy = new ForwardProxy(api.baseUrl(), Optional.of(expected))) {
      String url = "http://scott:ti%3Ager%40@127.0.0.1:" + proxy.port();

      assertThat(fetchRows(unresolvable(), Map.of("HTTP_PROXY", url))).isEqualTo(2);

      assertThat(proxy.requests())
          .extracting(ForwardProxy.Seen::proxyAuthorization)
          .contains(Optional.of(expected));
    }
  }

  @Test
  void a_proxy_that_refuses_is_retried_and_reported_without_its_password() throws IOException {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Map<String, String> env = Map.of("HTTP_PROXY", "http://scott:tiger@127.0.0.1:" + closed);

    try (HttpPageSource source = source(unresolvable(), env)) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("127.0.0.1:" + closed)
          .hasMessageNotContaining("tiger");
    }
  }

  @Test
  void an_unusable_proxy_variable_is_a_configuration_error_that_hides_the_password() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "socks5://scott:tiger@proxy.corp:1080");

    assertThatThrownBy(() -> source(unresolvable(), env))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HTTPS_PROXY is not a usable proxy URL")
        .hasMessageContaining("only http:// proxies")
        .hasMessageNotContaining("tiger");
  }
}

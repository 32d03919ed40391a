package dev.pfsync.core.http;

import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HttpClient behind {@link HttpPageSource}: pooled keep-alive connections with the configured
 * timeouts, routed through the {@link Proxies} (with their Basic credentials), and none of the
 * client's own retries, redirects or cookies.
 */
final class PooledClient {
  private PooledClient() {}

  static CloseableHttpClient create(HttpSourceConfig config, Proxies proxies) {
    Timeout connect = Timeout.of(config.connectTimeout());
    Timeout read = Timeout.of(config.readTimeout());
    ConnectionConfig connection =
        ConnectionConfig.custom()
            .setConnectTimeout(connect)
            .setSocketTimeout(read)
            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
            .build();
    RequestConfig request =
        RequestConfig.custom()
            .setResponseTimeout(read)
            .setConnectionRequestTimeout(connect)
            .setRedirectsEnabled(false)
            .build();
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(tls(config))
                .setDefaultConnectionConfig(connection)
                // One route (the API's), and never more requests in flight than the budget's
                // ceiling: a connection for each, so none waits for the pool.
                .setMaxConnPerRoute(config.maxConcurrentRequests())
                .setMaxConnTotal(config.maxConcurrentRequests())
                .build())
        .setDefaultRequestConfig(request)
        .setRoutePlanner(proxies.routePlanner())
        .setDefaultCredentialsProvider(proxies.credentials())
        // Retries are ours: one loop, one backoff policy, one place that logs them.
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .setUserAgent("pfsync")
        .evictIdleConnections(TimeValue.ofSeconds(30))
        .build();
  }

  /**
   * TLS as the JVM's system properties say ({@link SystemTls}) for an https API. For an http one,
   * none: every request goes to the configured base URL (redirects are off; a proxy is reached in
   * plain http), so TLS is never used, and setting it up (trust store, security providers) was a
   * tenth of a second of every run.
   */
  static TlsSocketStrategy tls(HttpSourceConfig config) {
    if ("https".equalsIgnoreCase(config.baseUrl().getScheme())) {
      return SystemTls.strategy();
    }
    return (socket, target, port, attachment, context) -> {
      throw new SSLException(
          "TLS to " + target + ":" + port + " requested, but the API URL is plain http");
    };
  }
}

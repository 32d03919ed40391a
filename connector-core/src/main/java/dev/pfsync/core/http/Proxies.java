package dev.pfsync.core.http;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Which proxy a request goes through. If the JVM has a proxy property ({@code http.proxyHost} or
 * {@code https.proxyHost}), the JVM's proxy settings decide, {@code http.nonProxyHosts} included,
 * and the environment is ignored. Otherwise the environment does, as curl reads it: {@code
 * https_proxy} / {@code HTTPS_PROXY} for an https API, {@code http_proxy} / {@code HTTP_PROXY} for
 * an http one, minus the hosts of {@code no_proxy} / {@code NO_PROXY}; where both spellings are
 * set, the lower-case one wins.
 */
final class Proxies {
  private final boolean jvm;
  private final Optional<ProxyUrl> http;
  private final Optional<ProxyUrl> https;
  private final NoProxy noProxy;

  private Proxies(boolean jvm, Optional<ProxyUrl> http, Optional<ProxyUrl> https, NoProxy noProxy) {
    this.jvm = jvm;
    this.http = http;
    this.https = https;
    this.noProxy = noProxy;
  }

  /** The proxies for this JVM's system properties and {@code environment}. */
  static Proxies of(Map<String, String> environment) {
    if (isSet(System.getProperty("http.proxyHost"))
        || isSet(System.getProperty("https.proxyHost"))) {
      return new Proxies(true, Optional.empty(), Optional.empty(), NoProxy.NONE);
    }
    return new Proxies(
        false,
        variable(environment, "http_proxy").map(v -> ProxyUrl.parse(v, environment.get(v))),
        variable(environment, "https_proxy").map(v -> ProxyUrl.parse(v, environment.get(v))),
        variable(environment, "no_proxy")
            .map(v -> NoProxy.parse(environment.get(v)))
            .orElse(NoProxy.NONE));
  }

  /** The proxy for a request to {@code target}, if it goes through one. */
  Optional<HttpHost> select(HttpHost target) {
    boolean secure = "https".equalsIgnoreCase(target.getSchemeName());
    int port = target.getPort() >= 0 ? target.getPort() : secure ? 443 : 80;
    if (jvm) {
      return jvmProxy(secure, target.getHostName(), port);
    }
    Optional<ProxyUrl> proxy = secure ? https : http;
    if (proxy.isEmpty() || noProxy.bypasses(target.getHostName(), port)) {
      return Optional.empty();
    }
    return proxy.map(ProxyUrl::host);
  }

  /** Routes each request as {@link #select} says. */
  HttpRoutePlanner routePlanner() {
    return new DefaultRoutePlanner(null) {
      @Override
      protected HttpHost determineProxy(HttpHost target, HttpContext context) {
        return select(target).orElse(null);
      }
    };
  }

  /** Basic credentials for the environment's proxies that carry {@code user:password@}. */
  BasicCredentialsProvider credentials() {
    BasicCredentialsProvider provider = new BasicCredentialsProvider();
    for (Optional<ProxyUrl> proxy : java.util.List.of(http, https)) {
      proxy.ifPresent(
          p -> p.credentials().ifPresent(c -> provider.setCredentials(new AuthScope(p.host()), c)));
    }
    return provider;
  }

  /** For the log: where requests go, without credentials. */
  String describe() {
    if (jvm) {
      return "the JVM's proxy settings (http.proxyHost / https.proxyHost)";
    }
    if (http.isEmpty() && https.isEmpty()) {
      return "no proxy";
    }
    return "http: "
        + http.map(ProxyUrl::toString).orElse("direct")
        + ", https: "
        + https.map(ProxyUrl::toString).orElse("direct");
  }

  private static Optional<HttpHost> jvmProxy(boolean secure, String host, int port) {
    ProxySelector selector = ProxySelector.getDefault();
    if (selector == null) {
      return Optional.empty();
    }
    URI uri = URI.create((secure ? "https" : "http") + "://" + uriHost(host) + ":" + port);
    for (Proxy p : selector.select(uri)) {
      if (p.type() == Proxy.Type.DIRECT) {
        return Optional.empty();
      }
      if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
        return Optional.of(new HttpHost("http", a.getHostString(), a.getPort()));
      }
    }
    return Optional.empty(); // only SOCKS proxies: not a route-level proxy
  }

  private static String uriHost(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The lower-case spelling if set, else the upper-case one: curl's precedence. */
  private static Optional<String> variable(Map<String, String> environment, String lowerCase) {
    for (String name : new String[] {lowerCase, lowerCase.toUpperCase(Locale.ROOT)}) {
      if (isSet(environment.get(name))) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}

package dev.pfsync.core.http;

import dev.pfsync.core.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.core5.http.HttpHost;

/**
 * A proxy named by an environment variable: {@code [http://][user:password@]host[:port]} (port 80
 * if none). The credentials go to the proxy as Basic auth and never into a log or a message: {@link
 * #toString()} shows the host only.
 *
 * @param variable the environment variable that named it, for messages
 */
record ProxyUrl(String variable, HttpHost host, Optional<UsernamePasswordCredentials> credentials) {

  static ProxyUrl parse(String variable, String value) {
    String text = value.trim();
    if (!text.contains("://")) {
      text = "http://" + text; // curl reads a bare host:port as an http proxy
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(variable, "it is not a URL");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw invalid(variable, "only http:// proxies are supported, not " + scheme + "://");
    }
    if (uri.getHost() == null) {
      throw invalid(variable, "it names no host");
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    return new ProxyUrl(
        variable, new HttpHost("http", uri.getHost(), port), credentials(uri.getRawUserInfo()));
  }

  private static Optional<UsernamePasswordCredentials> credentials(String userInfo) {
    if (userInfo == null || userInfo.isEmpty()) {
      return Optional.empty();
    }
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    String password = colon < 0 ? "" : userInfo.substring(colon + 1);
    return Optional.of(
        new UsernamePasswordCredentials(decode(user), decode(password).toCharArray()));
  }

  private static String decode(String s) {
    // Percent-decoding only: a '+' in a password is a '+'.
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The value is never quoted: it may hold a password. */
  private static ConfigurationException invalid(String variable, String why) {
    return new ConfigurationException(variable + " is not a usable proxy URL: " + why);
  }

  @Override
  public String toString() {
    return host.toURI() + " (from " + variable + ")";
  }
}

package dev.pfsync.core.http;

import dev.pfsync.core.ConfigurationException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Tells the failures to reach the API that retrying will not heal (a TLS certificate the JVM does
 * not trust, a handshake the two sides cannot agree on, a host name that never resolved) from those
 * it may (refused, reset, timed out). A name that stops resolving after the API answered is a DNS
 * blip and retried like any connect error.
 */
final class ConnectFailures {
  private final String host;
  private final String hostAndPort;
  private volatile boolean answered;

  ConnectFailures(URI baseUrl) {
    this.host = baseUrl.getHost();
    int port = baseUrl.getPort();
    this.hostAndPort =
        host + ":" + (port >= 0 ? port : "https".equalsIgnoreCase(baseUrl.getScheme()) ? 443 : 80);
  }

  /** The API has answered (with any status): its name resolved at least once. */
  void answered() {
    answered = true;
  }

  /**
   * The configuration error that {@code e} reveals, if retrying cannot heal it; {@code where} (the
   * table and request) starts its message, which is one line that says what to do.
   */
  Optional<ConfigurationException> permanent(IOException e, String where) {
    if (transientCause(e)) {
      return Optional.empty();
    }
    UnknownHostException unknown = find(e, UnknownHostException.class);
    if (unknown != null) {
      if (answered) {
        return Optional.empty();
      }
      String name = unknownName(unknown);
      String fix = name.equalsIgnoreCase(host) ? "check api-url" : "check the proxy settings";
      return Optional.of(fail(where + ": unknown host " + name + ": " + fix, e));
    }
    Throwable certificate = certificateProblem(e);
    if (certificate != null) {
      String reason = rootMessage(certificate);
      if (reason.contains("subject alternative") || reason.contains("No name matching")) {
        return Optional.of(
            fail(
                where
                    + ": the API's TLS certificate does not name "
                    + host
                    + " ("
                    + reason
                    + "): check api-url",
                e));
      }
      return Optional.of(
          fail(
              where
                  + ": the API's TLS certificate is not trusted: "
                  + hostAndPort
                  + " ("
                  + reason
                  + "); add its CA to a trust store and pass"
                  + " -Djavax.net.ssl.trustStore=<file> -Djavax.net.ssl.trustStorePassword=<password>",
              e));
    }
    if (find(e, SSLHandshakeException.class) != null) {
      return Optional.of(
          fail(
              where
                  + ": the TLS handshake with "
                  + hostAndPort
                  + " failed ("
                  + rootMessage(e)
                  + "); check that api-url is the API's https address; if the API asks for a"
                  + " client certificate, pass -Djavax.net.ssl.keyStore=<file>"
                  + " -Djavax.net.ssl.keyStorePassword=<password>",
              e));
    }
    return Optional.empty();
  }

  private static ConfigurationException fail(String message, IOException cause) {
    return new ConfigurationException(message, cause);
  }

  /** A connection lost or timed out, even mid-handshake: the network, not the settings. */
  private static boolean transientCause(IOException e) {
    return find(e, EOFException.class) != null
        || find(e, SocketException.class) != null
        || find(e, InterruptedIOException.class) != null;
  }

  /** The certificate problem behind {@code e}, if any. */
  private static Throwable certificateProblem(IOException e) {
    SSLPeerUnverifiedException unverified = find(e, SSLPeerUnverifiedException.class);
    if (unverified != null) {
      return unverified;
    }
    for (Class<? extends GeneralSecurityException> type :
        java.util.List.of(
            CertificateException.class,
            CertPathValidatorException.class,
            CertPathBuilderException.class)) {
      GeneralSecurityException found = find(e, type);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String unknownName(UnknownHostException e) {
    String message = String.valueOf(e.getMessage());
    int colon = message.indexOf(": ");
    return colon > 0 ? message.substring(0, colon) : message;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() != null ? root.getMessage() : t.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.replaceAll("\\s+", " ");
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}

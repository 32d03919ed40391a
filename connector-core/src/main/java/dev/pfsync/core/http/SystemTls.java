package dev.pfsync.core.http;

import dev.pfsync.core.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;

/**
 * TLS as the JVM's system properties say: {@code javax.net.ssl.trustStore} (type, password,
 * provider) for the CAs to trust, {@code javax.net.ssl.keyStore} (type, password, provider) for a
 * client certificate, {@code https.protocols} and {@code https.cipherSuites}. The properties are
 * read when the source is created, not when the JVM first used TLS (as {@code
 * SSLContext.getDefault()} would), so a source always sees the settings of its time.
 */
final class SystemTls {
  private SystemTls() {}

  static DefaultClientTlsStrategy strategy() {
    return new DefaultClientTlsStrategy(
        context(),
        HttpsSupport.getSystemProtocols(),
        HttpsSupport.getSystemCipherSuits(),
        SSLBufferMode.STATIC,
        HostnameVerificationPolicy.BUILTIN,
        null);
  }

  private static SSLContext context() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      // No trust managers given: the JDK's default ones read javax.net.ssl.trustStore* now.
      context.init(keyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          "TLS set-up failed (check -Djavax.net.ssl.trustStore and -Djavax.net.ssl.keyStore): "
              + e.getMessage(),
          e);
    }
  }

  /** The client certificate of {@code javax.net.ssl.keyStore}, if set. */
  private static KeyManager[] keyManagers() throws GeneralSecurityException {
    String path = System.getProperty("javax.net.ssl.keyStore", "");
    if (path.isEmpty()) {
      return null;
    }
    String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
    String provider = System.getProperty("javax.net.ssl.keyStoreProvider", "");
    String secret = System.getProperty("javax.net.ssl.keyStorePassword");
    char[] password = secret == null ? null : secret.toCharArray();
    KeyStore store =
        provider.isEmpty() ? KeyStore.getInstance(type) : KeyStore.getInstance(type, provider);
    try {
      if (path.equals("NONE")) {
        store.load(null, password); // a token store (PKCS11), as the JDK reads it
      } else {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
          store.load(in, password);
        }
      }
    } catch (IOException e) {
      throw new ConfigurationException(
          "javax.net.ssl.keyStore " + path + " cannot be read: " + e.getMessage(), e);
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }
}

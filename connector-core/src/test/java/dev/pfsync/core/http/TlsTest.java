package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.pfsync.core.ConfigurationException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An https API with a self-signed certificate (made by the JDK's keytool): not trusted by default,
 * a configuration error at once; trusted, with a client certificate, through the JVM's {@code
 * javax.net.ssl.*} system properties.
 */
class TlsTest {
  static final String PASSWORD = "changeit";
  static final List<String> PROPERTIES =
      List.of(
          "javax.net.ssl.trustStore",
          "javax.net.ssl.trustStorePassword",
          "javax.net.ssl.trustStoreType",
          "javax.net.ssl.keyStore",
          "javax.net.ssl.keyStorePassword",
          "javax.net.ssl.keyStoreType");

  @TempDir static Path dir;
  static Path keyStore;
  static Path trustStore;

  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final AtomicInteger answered = new AtomicInteger();
  final AtomicInteger clientCertificates = new AtomicInteger();
  HttpsServer server;

  /** A key pair for 127.0.0.1 and localhost, and a trust store holding its certificate only. */
  @BeforeAll
  static void certificates() throws Exception {
    keyStore = dir.resolve("api.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "api",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as("keytool: " + output).isZero();

    KeyStore keys = load(keyStore);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("api", keys.getCertificate("api"));
    trustStore = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trusted.store(out, PASSWORD.toCharArray());
    }
  }

  static KeyStore load(Path path) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  /** Serves the users page over TLS with the self-signed key; optionally demands a client one. */
  URI serve(boolean needClientCertificate) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(keyStore), PASSWORD.toCharArray());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load(trustStore));
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            var ssl = tls.getDefaultSSLParameters();
            ssl.setNeedClientAuth(needClientCertificate);
            params.setSSLParameters(ssl);
          }
        });
    server.createContext(
        "/",
        ex -> {
          answered.incrementAndGet();
          try {
            if (((HttpsExchange) ex).getSSLSession().getPeerCertificates().length > 0) {
              clientCertificates.incrementAndGet();
            }
          } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            // no client certificate
          }
          byte[] body = HttpPageSourceTest.USERS_PAGE.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  HttpPageSource source(URI baseUrl) {
    HttpSourceConfig config =
        HttpSourceConfig.builder(baseUrl)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(5))
            .maxRetries(3)
            .backoff(Duration.ofMillis(10), Duration.ofMillis(10))
            .build();
    return new HttpPageSource(config, sleeps::add, new Random(1), Clock.systemUTC());
  }

  @Test
  void an_untrusted_certificate_is_a_configuration_error_at_once_naming_the_host_and_the_fix()
      throws Exception {
    URI url = serve(false);

    try (HttpPageSource source = source(url)) {
      assertThatThrownBy(() -> source.fetch(Bindings.users(), HttpPageSourceTest.FIRST))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("table user: GET /v1/users")
          .hasMessageContaining(
              "the API's TLS certificate is not trusted: 127.0.0.1:" + url.getPort())
          .hasMessageContaining("add its CA to a trust store")
          .hasMessageContaining("-Djavax.net.ssl.trustStore=")
          .hasMessageNotContaining("\n");
    }
    assertThat(sleeps).as("no retries").isEmpty();
    assertThat(answered).hasValue(0);
  }

  @Test
  void the_jvms_trust_store_and_key_store_properties_reach_an_api_that_wants_a_client_certificate()
      throws Exception {
    URI url = serve(true);
    Map<String, String> saved = new LinkedHashMap<>();
    PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
    try {
      System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
      System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
      System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
      System.setProperty("javax.net.ssl.keyStore", keyStore.toString());
      System.setProperty("javax.net.ssl.keyStorePassword", PASSWORD);
      System.setProperty("javax.net.ssl.keyStoreType", "PKCS12");

      try (HttpPageSource source = source(url)) {
        assertThat(source.fetch(Bindings.users(), HttpPageSourceTest.FIRST).rows()).hasSize(2);
      }
    } finally {
      saved.forEach(
          (p, v) -> {
            if (v == null) {
              System.clearProperty(p);
            } else {
              System.setProperty(p, v);
            }
          });
    }
    assertThat(answered).hasValue(1);
    assertThat(clientCertificates).as("requests that came with the client certificate").hasValue(1);
    assertThat(sleeps).isEmpty();
  }
}

package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.net.URI;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.junit.jupiter.api.Test;

class PooledClientTest {
  @Test
  void an_https_api_gets_the_default_tls_and_an_http_one_never_sets_tls_up() throws Exception {
    assertThat(PooledClient.tls(HttpSourceConfig.defaults(URI.create("HTTPS://api.example"))))
        .isInstanceOf(DefaultClientTlsStrategy.class);

    var plain = PooledClient.tls(HttpSourceConfig.defaults(URI.create("http://127.0.0.1:5001")));
    assertThat(plain).isNotInstanceOf(DefaultClientTlsStrategy.class);
    try (Socket socket = new Socket()) {
      assertThatThrownBy(() -> plain.upgrade(socket, "elsewhere.example", 443, null, null))
          .isInstanceOf(SSLException.class)
          .hasMessageContaining("elsewhere.example:443")
          .hasMessageContaining("plain http");
    }
  }
}

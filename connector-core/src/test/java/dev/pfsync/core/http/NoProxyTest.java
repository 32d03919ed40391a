package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code NO_PROXY} read as curl reads it. */
class NoProxyTest {
  @Test
  void a_name_matches_itself_and_its_subdomains_with_or_without_a_leading_dot() {
    for (String entry : new String[] {"example.com", ".example.com", "EXAMPLE.com."}) {
      NoProxy noProxy = NoProxy.parse(entry);
      assertThat(noProxy.bypasses("example.com", 443)).as(entry).isTrue();
      assertThat(noProxy.bypasses("api.Example.com", 443)).as(entry).isTrue();
      assertThat(noProxy.bypasses("notexample.com", 443)).as(entry).isFalse();
      assertThat(noProxy.bypasses("example.com.evil", 443)).as(entry).isFalse();
    }
  }

  @Test
  void a_list_is_split_on_commas_and_spaces_and_star_matches_everything() {
    NoProxy list = NoProxy.parse(" localhost ,internal.corp,, 10.1.2.3 ");
    assertThat(list.bypasses("localhost", 80)).isTrue();
    assertThat(list.bypasses("db.internal.corp", 80)).isTrue();
    assertThat(list.bypasses("10.1.2.3", 80)).isTrue();
    assertThat(list.bypasses("127.0.0.1", 80)).as("names are not resolved").isFalse();

    assertThat(NoProxy.parse("*").bypasses("anything.example", 1)).isTrue();
    assertThat(NoProxy.parse("").bypasses("anything.example", 1)).isFalse();
  }

  @Test
  void ip_literals_match_their_address_and_ranges_their_prefix() {
    NoProxy noProxy = NoProxy.parse("127.0.0.1,::1,192.168.0.0/16,[fd00::]/8");
    assertThat(noProxy.bypasses("127.0.0.1", 80)).isTrue();
    assertThat(noProxy.bypasses("127.0.0.2", 80)).isFalse();
    assertThat(noProxy.bypasses("0:0:0:0:0:0:0:1", 80)).isTrue();
    assertThat(noProxy.bypasses("[::1]", 80)).isTrue();
    assertThat(noProxy.bypasses("192.168.44.5", 80)).isTrue();
    assertThat(noProxy.bypasses("192.169.0.1", 80)).isFalse();
    assertThat(noProxy.bypasses("fdab::7", 80)).isTrue();
    assertThat(noProxy.bypasses("fe80::1", 80)).isFalse();
    assertThat(NoProxy.parse("1.2.3.4").bypasses("1.2.3.4.example", 80)).isFalse();
  }

  @Test
  void a_port_restricts_an_entry_to_that_port() {
    NoProxy noProxy = NoProxy.parse("api.example:8443,[::1]:5001,10.0.0.1:80");
    assertThat(noProxy.bypasses("api.example", 8443)).isTrue();
    assertThat(noProxy.bypasses("api.example", 443)).isFalse();
    assertThat(noProxy.bypasses("::1", 5001)).isTrue();
    assertThat(noProxy.bypasses("::1", 5002)).isFalse();
    assertThat(noProxy.bypasses("10.0.0.1", 80)).isTrue();
    assertThat(noProxy.bypasses("10.0.0.1", 81)).isFalse();
  }
}

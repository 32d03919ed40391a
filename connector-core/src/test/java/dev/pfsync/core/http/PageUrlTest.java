package dev.pfsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pfsync.core.Keyset;
import dev.pfsync.core.PageRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageUrlTest {
  private static final Instant SINCE = Instant.parse("2026-11-20T08:00:00Z");

  @Test
  void builds_the_users_query_with_iso_instants_and_encodes_values() {
    PageRequest request =
        new PageRequest(
            Keyset.after(SINCE, "a b&c=d/é+"),
            Optional.of(Instant.parse("2026-11-21T00:00:00.5Z")),
            500);

    PageUrl url = PageUrl.of(URI.create("http://127.0.0.1:5001"), Bindings.users(), request);

    assertThat(url.pathAndQuery())
        .isEqualTo(
            "/v1/users?updated_since=2026-11-20T08%3A00%3A00Z&after_id=a+b%26c%3Dd%2F%C3%A9%2B"
                + "&updated_before=2026-11-21T00%3A00%3A00.500Z&limit=500");
    assertThat(url.uri().toString()).isEqualTo("http://127.0.0.1:5001" + url.pathAndQuery());
  }

  @Test
  void leaves_out_after_and_before_when_not_set() {
    PageUrl url =
        PageUrl.of(
            URI.create("http://api"),
            Bindings.users(),
            new PageRequest(Keyset.from(SINCE), Optional.empty(), 1000));

    assertThat(url.pathAndQuery())
        .isEqualTo("/v1/users?updated_since=2026-11-20T08%3A00%3A00Z&limit=1000");
  }

  @Test
  void writes_epoch_millis_cursors_for_the_orders_resource() {
    PageRequest request =
        new PageRequest(
            Keyset.after(Instant.ofEpochMilli(1763625600123L), "42"),
            Optional.of(Instant.ofEpochMilli(1763712000000L)),
            10);

    PageUrl url = PageUrl.of(URI.create("https://api.example"), Bindings.orders(), request);

    assertThat(url.pathAndQuery())
        .isEqualTo(
            "/v1/orders?modified_since=1763625600123&after_order_id=42"
                + "&modified_before=1763712000000&limit=10");
  }

  @Test
  void keeps_a_path_prefix_of_the_base_url() {
    PageRequest request = new PageRequest(Keyset.from(SINCE), Optional.empty(), 1);

    PageUrl url = PageUrl.of(URI.create("http://host:8080/api/"), Bindings.users(), request);

    assertThat(url.uri().toString())
        .isEqualTo("http://host:8080/api/v1/users?updated_since=2026-11-20T08%3A00%3A00Z&limit=1");
    assertThat(url.pathAndQuery()).startsWith("/api/v1/users?");
  }

  @Test
  void epoch_millis_bounds_round_up_so_no_row_before_the_position_comes_back() {
    java.time.Instant t = java.time.Instant.ofEpochMilli(1_000).plusNanos(500_000);
    assertThat(PageUrl.format(t, dev.pfsync.core.CursorFormat.EPOCH_MILLIS)).isEqualTo("1001");
    assertThat(
            PageUrl.format(
                java.time.Instant.ofEpochMilli(1_000), dev.pfsync.core.CursorFormat.EPOCH_MILLIS))
        .isEqualTo("1000");
  }
}

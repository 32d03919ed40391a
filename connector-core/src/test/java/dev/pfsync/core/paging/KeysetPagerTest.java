package dev.pfsync.core.paging;

import static dev.pfsync.core.Bindings.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Bindings;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.Page;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.Rejects;
import dev.pfsync.core.Row;
import dev.pfsync.core.ScriptedPageSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeysetPagerTest {
  static final Instant T = Instant.parse("2026-11-20T08:00:00Z");
  static final Keyset FROM = Keyset.after(T, "b");
  static final Optional<Instant> BEFORE = Optional.of(T.plusSeconds(10));

  static Row u(String id, long second) {
    return user(id, T.plusSeconds(second), "n", false);
  }

  PagedRows fetch(Page page) {
    var source = new ScriptedPageSource().then(page);
    return new KeysetPager(source, Bindings.users(), 3).fetch(FROM, BEFORE);
  }

  void assertViolation(Page page, String problem) {
    assertThatThrownBy(() -> fetch(page))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("table user")
        .hasMessageContaining(problem)
        .hasMessageContaining("updated_since=2026-11-20T08:00:00Z, after_id=b")
        .hasMessageContaining("updated_before=2026-11-20T08:00:10Z");
  }

  @Test
  void a_good_page_moves_the_position_to_its_last_row() {
    PagedRows page =
        fetch(
            new Page(
                List.of(u("c", 0), u("a", 1), u("b", 1)),
                true,
                Optional.of(Keyset.after(T.plusSeconds(1), "b"))));

    assertThat(page.rows()).hasSize(3);
    assertThat(page.position()).isEqualTo(Keyset.after(T.plusSeconds(1), "b"));
    assertThat(page.exhausted()).isFalse();
  }

  @Test
  void a_next_that_jumps_past_the_last_row_is_not_trusted_when_nothing_was_skipped() {
    PagedRows page =
        fetch(
            new Page(
                List.of(u("c", 0), u("a", 1)),
                true,
                Optional.of(Keyset.after(T.plusSeconds(8), "z"))));

    assertThat(page.position()).isEqualTo(Keyset.after(T.plusSeconds(1), "a"));
  }

  @Test
  void a_skipped_last_record_still_advances_through_next() {
    PagedRows page =
        fetch(
            new Page(
                List.of(u("c", 0)),
                true,
                Optional.of(Keyset.after(T.plusSeconds(2), "x")),
                Rejects.some(1),
                Optional.empty()));

    assertThat(page.position()).isEqualTo(Keyset.after(T.plusSeconds(2), "x"));
    assertThat(page.rejected()).hasSize(1);
  }

  @Test
  void the_last_page_without_rows_stays_in_place() {
    PagedRows page = fetch(new Page(List.of(), false, Optional.empty()));

    assertThat(page.position()).isEqualTo(FROM);
    assertThat(page.exhausted()).isTrue();
  }

  @Test
  void has_more_with_an_empty_page_is_a_violation() {
    assertViolation(
        new Page(List.of(), true, Optional.of(Keyset.after(T, "z"))),
        "has_more is true but the page is empty");
  }

  @Test
  void a_next_that_does_not_advance_is_a_violation() {
    assertViolation(
        new Page(List.of(), true, Optional.of(FROM), Rejects.some(2), Optional.empty()),
        "next does not advance");
    assertViolation(
        new Page(List.of(u("c", 0), u("d", 0)), true, Optional.of(Keyset.after(T, "c"))),
        "is before the last row");
  }

  @Test
  void has_more_without_any_position_is_a_violation() {
    assertViolation(
        new Page(List.of(), true, Optional.empty(), Rejects.some(1), Optional.empty()),
        "next does not advance");
  }

  @Test
  void rows_before_the_requested_position_are_a_violation() {
    assertViolation(
        new Page(List.of(u("a", 0)), false, Optional.empty()),
        "is not after the requested position");
    assertViolation(
        new Page(List.of(u("b", 0)), false, Optional.empty()),
        "is not after the requested position");
  }

  @Test
  void rows_at_or_after_the_bound_are_a_violation() {
    assertViolation(
        new Page(List.of(u("c", 10)), false, Optional.empty()),
        "is not before the requested bound");
    assertViolation(
        new Page(
            List.of(u("c", 1)),
            true,
            Optional.of(Keyset.after(T.plusSeconds(11), "q")),
            Rejects.some(1),
            Optional.empty()),
        "next (2026-11-20T08:00:11Z, q) is not before the requested bound");
  }

  @Test
  void rows_out_of_order_or_repeated_are_a_violation() {
    assertViolation(
        new Page(List.of(u("c", 2), u("d", 1)), false, Optional.empty()),
        "rows out of order or repeated");
    assertViolation(
        new Page(List.of(u("c", 2), u("c", 2)), false, Optional.empty()),
        "rows out of order or repeated");
  }

  @Test
  void a_row_without_key_is_a_violation() {
    assertViolation(
        new Page(List.of(u(null, 1)), false, Optional.empty()), "row without a valid id");
  }
}

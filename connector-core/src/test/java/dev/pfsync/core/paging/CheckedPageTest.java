package dev.pfsync.core.paging;

import static dev.pfsync.core.Bindings.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.Bindings;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.Page;
import dev.pfsync.core.PageEnd;
import dev.pfsync.core.PageRequest;
import dev.pfsync.core.PageSource;
import dev.pfsync.core.PageStream;
import dev.pfsync.core.ProtocolViolationException;
import dev.pfsync.core.Rejects;
import dev.pfsync.core.Row;
import dev.pfsync.core.TableBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link KeysetPager#open}: a page is checked row by row as it is read, its end once the last row
 * has passed, so a consumer writing rows as they come learns of a violation at the row that breaks
 * the contract.
 */
class CheckedPageTest {
  static final Instant T = Instant.parse("2026-11-20T08:00:00Z");
  static final Keyset FROM = Keyset.after(T, "b");
  static final Optional<Instant> BEFORE = Optional.of(T.plusSeconds(10));

  static Row u(String id, long second) {
    return user(id, T.plusSeconds(second), "n", false);
  }

  /** A page handed out one row at a time, recording how far it was read. */
  static final class HandMadeStream implements PageStream {
    private final List<Row> rows;
    private final PageEnd end;
    int handedOut;
    int endCalls;
    boolean returnedEnd;

    HandMadeStream(List<Row> rows, PageEnd end) {
      this.rows = rows;
      this.end = end;
    }

    @Override
    public Row next() {
      if (handedOut < rows.size()) {
        return rows.get(handedOut++);
      }
      returnedEnd = true;
      return null;
    }

    @Override
    public PageEnd end() {
      endCalls++;
      if (!returnedEnd) {
        throw new IllegalStateException("end() before the last row was read");
      }
      return end;
    }
  }

  /** A source that only opens pages (a fetch would defeat the streaming under test). */
  static final class HandMadeSource implements PageSource {
    private final HandMadeStream stream;
    final List<PageRequest> requests = new ArrayList<>();

    HandMadeSource(HandMadeStream stream) {
      this.stream = stream;
    }

    @Override
    public Page fetch(TableBinding table, PageRequest request) {
      throw new AssertionError("KeysetPager.open must open the page, not fetch it");
    }

    @Override
    public PageStream open(TableBinding table, PageRequest request) {
      requests.add(request);
      return stream;
    }
  }

  static HandMadeStream stream(PageEnd end, Row... rows) {
    return new HandMadeStream(List.of(rows), end);
  }

  static CheckedPage open(HandMadeStream stream) {
    return new KeysetPager(new HandMadeSource(stream), Bindings.users(), 3).open(FROM, BEFORE);
  }

  @Test
  void opening_asks_the_source_for_the_page_and_reads_nothing_yet() {
    HandMadeStream stream =
        stream(new PageEnd(false, Optional.empty(), List.of(), Optional.empty()), u("c", 0));
    HandMadeSource source = new HandMadeSource(stream);

    CheckedPage page = new KeysetPager(source, Bindings.users(), 3).open(FROM, BEFORE);

    assertThat(source.requests).containsExactly(new PageRequest(FROM, BEFORE, 3));
    assertThat(stream.handedOut).isZero();
    assertThat(page.ended()).isFalse();
    assertThat(page.rows()).isZero();
  }

  @Test
  void an_out_of_order_row_throws_at_that_row_after_the_rows_before_it_were_handed_out() {
    HandMadeStream stream =
        stream(
            new PageEnd(false, Optional.empty(), List.of(), Optional.empty()),
            u("c", 0),
            u("d", 2),
            u("e", 1),
            u("f", 3));
    CheckedPage page = open(stream);

    assertThat(page.next()).isEqualTo(u("c", 0));
    assertThat(page.next()).isEqualTo(u("d", 2));
    assertThat(stream.handedOut).as("rows read from the source before the bad one").isEqualTo(2);
    assertThatThrownBy(page::next)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("table user")
        .hasMessageContaining("rows out of order or repeated")
        .hasMessageContaining("(2026-11-20T08:00:01Z, e) after (2026-11-20T08:00:02Z, d)")
        .hasMessageContaining("updated_since=2026-11-20T08:00:00Z, after_id=b");
    assertThat(stream.handedOut).as("rows read from the source at the violation").isEqualTo(3);
    assertThat(stream.endCalls).isZero();
    assertThat(page.rows()).isEqualTo(2);
  }

  @Test
  void a_page_that_ignores_the_limit_fails_at_the_row_after_the_limit_naming_it() {
    // 60,000 rows for limit=1000: the rows are written as they stream, so fail at row 1001.
    List<Row> rows =
        IntStream.range(0, 60_000).mapToObj(i -> u(String.format("r%05d", i), 1)).toList();
    HandMadeStream stream =
        new HandMadeStream(rows, new PageEnd(false, Optional.empty(), List.of(), Optional.empty()));
    CheckedPage page =
        new KeysetPager(new HandMadeSource(stream), Bindings.users(), 1000).open(FROM, BEFORE);

    for (int i = 0; i < 1000; i++) {
      assertThat(page.next()).isNotNull();
    }
    assertThatThrownBy(page::next)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("table user")
        .hasMessageContaining("more than limit=1000 rows")
        .hasMessageContaining("updated_since=2026-11-20T08:00:00Z, after_id=b")
        .hasMessageContaining("limit=1000)");
    assertThat(stream.handedOut).as("rows read from the source").isEqualTo(1001);
    assertThat(page.rows()).isEqualTo(1000);
  }

  @Test
  void a_row_outside_the_request_throws_at_that_row() {
    HandMadeStream stream =
        stream(
            new PageEnd(false, Optional.empty(), List.of(), Optional.empty()),
            u("c", 0),
            u("d", 10),
            u("e", 11));
    CheckedPage page = open(stream);

    assertThat(page.next()).isEqualTo(u("c", 0));
    assertThatThrownBy(page::next)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("row (2026-11-20T08:00:10Z, d) is not before the requested bound");
    assertThat(stream.handedOut).isEqualTo(2);
  }

  @Test
  void the_end_is_unknown_until_next_returned_null_and_right_after() {
    HandMadeStream stream =
        stream(
            new PageEnd(
                true,
                Optional.of(Keyset.after(T.plusSeconds(1), "a")),
                List.of(),
                Optional.empty()),
            u("c", 0),
            u("a", 1));
    CheckedPage page = open(stream);

    assertEndUnknown(page);
    assertThat(page.next()).isEqualTo(u("c", 0));
    assertEndUnknown(page);
    assertThat(page.next()).isEqualTo(u("a", 1));
    assertEndUnknown(page);
    assertThat(stream.endCalls).as("end() asked before the last row").isZero();

    assertThat(page.next()).isNull();

    assertThat(page.ended()).isTrue();
    assertThat(page.position()).isEqualTo(Keyset.after(T.plusSeconds(1), "a"));
    assertThat(page.exhausted()).isFalse();
    assertThat(page.rejected()).isEmpty();
    assertThat(page.rows()).isEqualTo(2);
    assertThat(page.next()).as("reading past the end").isNull();
    assertThat(stream.endCalls).isEqualTo(1);
  }

  @Test
  void a_page_with_rejected_records_ends_at_the_next_the_source_sent() {
    HandMadeStream stream =
        stream(
            new PageEnd(
                false,
                Optional.of(Keyset.after(T.plusSeconds(4), "x")),
                Rejects.some(2),
                Optional.empty()),
            u("c", 0),
            user("d", T.plusSeconds(3), "n", true));
    CheckedPage page = open(stream);

    page.next();
    page.next();
    assertEndUnknown(page);
    assertThat(page.next()).isNull();

    assertThat(page.position()).isEqualTo(Keyset.after(T.plusSeconds(4), "x"));
    assertThat(page.exhausted()).isTrue();
    assertThat(page.rejected()).hasSize(2);
    assertThat(page.rows()).isEqualTo(2);
    assertThat(page.deleted()).isEqualTo(1);
  }

  @Test
  void an_empty_last_page_ends_in_place_on_the_first_next() {
    CheckedPage page =
        open(stream(new PageEnd(false, Optional.empty(), List.of(), Optional.empty())));

    assertEndUnknown(page);
    assertThat(page.next()).isNull();

    assertThat(page.position()).isEqualTo(FROM);
    assertThat(page.exhausted()).isTrue();
  }

  @Test
  void has_more_with_an_empty_page_throws_from_the_next_that_returns_the_end() {
    HandMadeStream stream =
        stream(new PageEnd(true, Optional.of(Keyset.after(T, "z")), List.of(), Optional.empty()));
    CheckedPage page = open(stream);

    assertThat(stream.endCalls).isZero();
    assertThatThrownBy(page::next)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("has_more is true but the page is empty");
  }

  @Test
  void a_next_before_the_last_row_throws_from_the_next_that_returns_the_end() {
    HandMadeStream stream =
        stream(
            new PageEnd(true, Optional.of(Keyset.after(T, "c")), List.of(), Optional.empty()),
            u("c", 0),
            u("d", 0));
    CheckedPage page = open(stream);

    assertThat(page.next()).isEqualTo(u("c", 0));
    assertThat(page.next()).isEqualTo(u("d", 0));
    assertThat(stream.endCalls).isZero();
    assertThatThrownBy(page::next)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("next (2026-11-20T08:00:00Z, c) is before the last row")
        .hasMessageContaining("(2026-11-20T08:00:00Z, d)");
  }

  @Test
  void a_malformed_end_of_the_source_throws_from_the_next_that_returns_the_end() {
    ProtocolViolationException broken = new ProtocolViolationException("has_more is missing");
    PageStream stream =
        new PageStream() {
          private boolean handedOut;

          @Override
          public Row next() {
            if (handedOut) {
              return null;
            }
            handedOut = true;
            return u("c", 0);
          }

          @Override
          public PageEnd end() {
            throw broken;
          }
        };
    CheckedPage page =
        new KeysetPager(
                new PageSource() {
                  @Override
                  public Page fetch(TableBinding table, PageRequest request) {
                    throw new AssertionError("fetch");
                  }

                  @Override
                  public PageStream open(TableBinding table, PageRequest request) {
                    return stream;
                  }
                },
                Bindings.users(),
                3)
            .open(FROM, BEFORE);

    assertThat(page.next()).isEqualTo(u("c", 0));
    assertThatThrownBy(page::next).isSameAs(broken);
  }

  private static void assertEndUnknown(CheckedPage page) {
    assertThat(page.ended()).isFalse();
    assertThatThrownBy(page::position).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(page::exhausted).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(page::rejected).isInstanceOf(IllegalStateException.class);
  }
}

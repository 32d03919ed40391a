package dev.pfsync.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pfsync.core.Keyset;
import dev.pfsync.core.SyncMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

  static SyncState sample() {
    var tables = new LinkedHashMap<String, TableState>();
    tables.put(
        "user",
        new TableState(
            Keyset.after(T, "6f1c"),
            new HistoricalCursor(
                T.minusSeconds(86_400 * 30),
                T.minusSeconds(3600),
                Keyset.from(T.minusSeconds(7200))),
            false));
    tables.put(
        "orders",
        new TableState(
            Keyset.after(T, "42"),
            new HistoricalCursor(T.minusSeconds(60), T, Keyset.after(T.minusSeconds(30), "7")),
            true));
    return new SyncState(SyncMode.HISTORICAL, tables);
  }

  @Test
  void writes_the_documented_json() throws Exception {
    String json = StateCodec.encode(sample());

    var expected =
        """
        {"version":1,"next_mode":"historical","tables":{
         "user":{"incremental":{"updated_since":"2026-11-20T08:00:00Z","after_id":"6f1c"},
                 "historical":{"limit":"2026-10-21T08:00:00Z","window_end":"2026-11-20T07:00:00Z",
                               "updated_since":"2026-11-20T06:00:00Z","after_id":null},
                 "historical_complete":false},
         "orders":{"incremental":{"updated_since":"2026-11-20T08:00:00Z","after_id":"42"},
                 "historical":{"limit":"2026-11-20T07:59:00Z","window_end":"2026-11-20T08:00:00Z",
                               "updated_since":"2026-11-20T07:59:30Z","after_id":"7"},
                 "historical_complete":true}}}
        """;
    var mapper = new ObjectMapper();
    assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree(expected));
  }

  @Test
  void reads_back_what_it_wrote() {
    assertThat(StateCodec.decode(StateCodec.encode(sample()))).isEqualTo(sample());
  }

  @Test
  void records_what_it_was_written_for_and_reads_it_back() {
    SyncState state =
        sample()
            .withIdentity(
                new StateIdentity(
                    Optional.of("pfsync_users"),
                    Optional.of("http://api:5001"),
                    Map.of("user", "/v1/users")))
            .withHistoryStart("PT720H");

    String json = StateCodec.encode(state);

    assertThat(json)
        .contains("\"destination\":{\"schema\":\"pfsync_users\"}")
        .contains(
            "\"source\":{\"base_url\":\"http://api:5001\",\"endpoints\":{\"user\":\"/v1/users\"}}")
        .contains("\"history_start\":\"PT720H\"");
    assertThat(StateCodec.decode(json)).isEqualTo(state);
  }

  @Test
  void a_key_holding_nul_is_written_so_that_jsonb_can_hold_it_and_read_back_exactly() {
    var tables = new LinkedHashMap<String, TableState>();
    tables.put(
        "user",
        new TableState(
            Keyset.after(T, "a\u0000b"),
            new HistoricalCursor(T.minusSeconds(60), T, Keyset.after(T.minusSeconds(30), "\u0000")),
            false));
    SyncState state = new SyncState(SyncMode.INCREMENTAL, tables);

    String json = StateCodec.encode(state);

    assertThat(json).doesNotContain("\\u0000").doesNotContain("\u0000");
    assertThat(StateCodec.decode(json)).isEqualTo(state);
  }

  @Test
  void rejects_an_unknown_version_naming_it() {
    assertThatThrownBy(
            () -> StateCodec.decode("{\"version\":2,\"next_mode\":\"incremental\",\"tables\":{}}"))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("state version 2 is not supported");
  }

  @Test
  void rejects_malformed_state_naming_the_field() {
    assertThatThrownBy(() -> StateCodec.decode("{\"version\":1,\"next_mode\":\"incremental\"}"))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("tables");
    assertThatThrownBy(() -> StateCodec.decode("not json"))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("not valid JSON");
  }
}

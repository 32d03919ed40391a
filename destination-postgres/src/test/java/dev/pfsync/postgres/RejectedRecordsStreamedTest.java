package dev.pfsync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pfsync.core.RejectedRecord;
import dev.pfsync.core.Row;
import dev.pfsync.core.TooManyRejectedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link RejectedRecordsTest}, with checkpoints applied row by row as the engine
 * streams them; and what the engine does with the rows the destination rejects.
 */
class RejectedRecordsStreamedTest extends RejectedRecordsTest {
  @Override
  boolean streamed() {
    return true;
  }

  @Test
  void too_many_rejected_thrown_from_after_rolls_back_rows_rejected_records_and_state() {
    apply(List.of(item("g1", "G1")), state(1));
    Iterator<Row> rows = List.of(item("g2", "G2"), item("p\0x", "P"), item("g3", "G3")).iterator();
    List<RejectedRecord> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                destination.apply(
                    "item",
                    () -> rows.hasNext() ? rows.next() : null,
                    unstorable -> {
                      seen.addAll(unstorable);
                      throw new TooManyRejectedException("too many rejected");
                    }))
        .isInstanceOf(TooManyRejectedException.class);

    assertThat(seen).extracting(RejectedRecord::key).containsExactly(Optional.of("p\0x"));
    assertThat(Db.query("SELECT id FROM \"" + schema + "\".item"))
        .extracting(r -> r.get("id"))
        .containsExactly("g1");
    assertThat(rejected()).isEmpty();
    assertThat(destination.readState(connector)).hasValue("{\"n\": 1}");
    assertThat(run()).containsEntry("rows_upserted", 1L).containsEntry("rows_rejected", 0L);

    apply(List.of(item("g2", "G2")), state(2));
    assertThat(Db.count("SELECT count(*) FROM \"" + schema + "\".item")).isEqualTo(2);
    assertThat(destination.readState(connector)).hasValue("{\"n\": 2}");
  }
}

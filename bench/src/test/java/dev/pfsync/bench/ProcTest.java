package dev.pfsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcTest {

  @Test
  void cpu_ticks_are_counted_after_a_command_name_with_spaces_and_parentheses() {
    String stat =
        "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9436 0 0 0 1500 250 7 3 20 0 30 0 123\n";

    assertThat(Proc.cpuTicks(stat, false)).isEqualTo(1750);
    assertThat(Proc.cpuTicks(stat, true)).isEqualTo(1760);
  }

  @Test
  void a_kb_field_is_read_by_name() {
    List<String> status = List.of("Name:\tjava", "VmPeak:\t 3000 kB", "VmHWM:\t  123456 kB");

    assertThat(Proc.kbField(status, "VmHWM:")).hasValue(123_456);
    assertThat(Proc.kbField(status, "VmRSS:")).isEmpty();
  }

  @Test
  void a_process_that_is_gone_reads_as_nothing_used() {
    assertThat(Proc.hwmKb(Long.MAX_VALUE)).isZero();
    assertThat(Proc.cpuSeconds(Long.MAX_VALUE)).isZero();
  }
}

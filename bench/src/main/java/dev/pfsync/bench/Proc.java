package dev.pfsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} tells of a process: its peak resident memory and its CPU time. A
 * process that has ended reads as 0, so samplers keep the largest value they saw.
 */
final class Proc {
  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ). */
  static final double TICK = 100.0;

  private Proc() {}

  /** Peak resident set size ({@code VmHWM}) in kB, or 0 once the process is gone. */
  static long hwmKb(long pid) {
    try {
      return kbField(Files.readAllLines(Path.of("/proc/" + pid + "/status")), "VmHWM:").orElse(0);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** User and system CPU seconds of the process, or 0 once it is gone. */
  static double cpuSeconds(long pid) {
    return cpuSeconds(pid, false);
  }

  /**
   * User and system CPU seconds of the process, with {@code children} also those of its children
   * that have ended and been waited for; 0 once it is gone.
   */
  static double cpuSeconds(long pid, boolean children) {
    try {
      return cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat")), children) / TICK;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /**
   * The CPU ticks in a {@code /proc/<pid>/stat} line: utime + stime (fields 14 and 15), and with
   * {@code children} cutime + cstime (16 and 17). Fields are counted after the command name, which
   * is in parentheses and may itself hold spaces and parentheses.
   */
  static long cpuTicks(String stat, boolean children) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (children) {
      t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return t;
  }

  /** The number of a {@code Name: 123 kB} line of {@code /proc/<pid>/status} or meminfo. */
  static OptionalLong kbField(List<String> lines, String name) {
    for (String l : lines) {
      if (l.startsWith(name)) {
        return OptionalLong.of(Long.parseLong(l.replaceAll("[^0-9]", "")));
      }
    }
    return OptionalLong.empty();
  }
}

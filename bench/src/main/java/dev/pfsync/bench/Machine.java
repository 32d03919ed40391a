package dev.pfsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run measured on, for the report's heading ({@code ?} where Linux's /proc is not).
 */
final class Machine {
  private Machine() {}

  /** The one-minute load average. */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  /** Total memory, in whole GiB. */
  static String memTotal() {
    try {
      return Proc.kbField(Files.readAllLines(Path.of("/proc/meminfo")), "MemTotal:").stream()
          .mapToObj(kb -> (kb / 1024 / 1024) + " GiB")
          .findFirst()
          .orElse("?");
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }
}

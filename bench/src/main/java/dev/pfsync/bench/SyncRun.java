package dev.pfsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one connector process did.
 *
 * @param exit its exit code
 * @param seconds wall time from its start to its end, JVM start included
 * @param freshSeconds when every row of the freshness target was in the destination (NaN if none)
 * @param peakRssKb its peak resident memory
 * @param cpuSeconds its CPU time
 * @param backendCpuSeconds the CPU time of its PostgreSQL backends
 * @param log its stdout and stderr
 */
record SyncRun(
    int exit,
    double seconds,
    double freshSeconds,
    long peakRssKb,
    double cpuSeconds,
    double backendCpuSeconds,
    Path log) {

  /** The connector's summary line, else the last line of its log. */
  String lastLine() throws IOException {
    return lastLine(Files.readAllLines(log));
  }

  static String lastLine(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains("pfsync summary")) {
        return lines.get(i).trim();
      }
    }
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}

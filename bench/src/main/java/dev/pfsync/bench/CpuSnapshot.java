package dev.pfsync.bench;

/**
 * CPU seconds used so far by the mock-api and by all PostgreSQL processes; two snapshots around a
 * sync give their share of it.
 *
 * @param api the mock-api process
 * @param postgres every PostgreSQL process, with the backends that have exited
 */
record CpuSnapshot(double api, double postgres) {

  static CpuSnapshot take(long apiPid) {
    double pg = 0;
    for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
      String cmd = h.info().command().orElse("");
      if (!cmd.endsWith("/postgres")) {
        continue;
      }
      boolean postmaster =
          h.parent().map(pp -> !pp.info().command().orElse("").endsWith("/postgres")).orElse(true);
      // The postmaster's children times include every backend that has exited.
      pg += Proc.cpuSeconds(h.pid(), postmaster);
    }
    return new CpuSnapshot(Proc.cpuSeconds(apiPid), pg);
  }
}

package dev.pfsync.postgres.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The owner written into a lease: {@code host:pid:random}, unique per destination instance. The
 * host part names the process namespace too where that is not the machine's own (a container), so
 * that {@link #isGone} only judges processes it can see.
 */
public final class OwnerId {
  /** The inode of Linux's initial pid namespace (PROC_PID_INIT_INO), a kernel constant. */
  private static final String INITIAL_PID_NAMESPACE = "4026531836";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String HOST = host(); // after RANDOM, which it may use

  private OwnerId() {}

  /** A new owner id for this process. */
  public static String create() {
    return HOST + ":" + ProcessHandle.current().pid() + ":" + randomHex();
  }

  private static String randomHex() {
    byte[] random = new byte[4];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /**
   * Whether {@code owner} was a process of this host (and process namespace) that no longer runs: a
   * process killed with SIGKILL cannot release its lease, and the next run on the same machine need
   * not wait for it to expire. A reused pid looks alive: then the lease simply runs out.
   */
  public static boolean isGone(String owner) {
    int last = owner.lastIndexOf(':');
    int pidStart = owner.lastIndexOf(':', last - 1);
    if (pidStart <= 0 || !owner.substring(0, pidStart).equals(HOST) || !seesOthersProcesses()) {
      return false;
    }
    try {
      long pid = Long.parseLong(owner.substring(pidStart + 1, last));
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Whether this process can see processes of other users: where /proc hides them (hidepid), a live
   * owner of another user would look ended. Pid 1 belongs to root (or is the container's init).
   */
  private static boolean seesOthersProcesses() {
    return ProcessHandle.of(1).isPresent();
  }

  private static String host() {
    String name = hostName().orElseGet(() -> "unknown-host-" + randomHex());
    return pidNamespace()
        .filter(ns -> !ns.equals(INITIAL_PID_NAMESPACE))
        .map(ns -> name + "/" + ns)
        .orElse(name);
  }

  /**
   * The kernel's host name where Linux has it (no DNS lookup: it costs start-up time), else Java's.
   */
  private static Optional<String> hostName() {
    try {
      return Optional.of(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip())
          .filter(n -> !n.isEmpty());
    } catch (IOException | SecurityException e) {
      try {
        return Optional.of(InetAddress.getLocalHost().getHostName());
      } catch (IOException unknown) {
        return Optional.empty(); // then no owner ever looks like a process of this host
      }
    }
  }

  /** The pid namespace of this process ({@code pid:[4026531836]} on Linux), if known. */
  private static Optional<String> pidNamespace() {
    try {
      String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      return Optional.of(link.replaceAll("\\D", ""));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }
}

package dev.pfsync.it.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code connector.jar} as a child process (its own JVM, as in production), with stdout and stderr
 * captured in files, so it can be killed or signalled at any instant. The child's environment loses
 * every {@code PFSYNC_*} and {@code PG*} variable, so only the flags given configure it.
 */
final class ConnectorProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;
  private final long startedNanos = System.nanoTime();

  private ConnectorProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static Path jar() {
    Path jar =
        Path.of(System.getProperty("pfsync.connector.jar", "../connector/target/connector.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "connector jar not found at " + jar.toAbsolutePath().normalize() + ": build it first");
    }
    return jar.toAbsolutePath().normalize();
  }

  static ConnectorProcess start(List<String> args) {
    return start(args, java.util.Map.of());
  }

  /** Starts with {@code env} added to the cleaned environment. */
  static ConnectorProcess start(List<String> args, java.util.Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // -Dpfsync.prefetch=false on the Maven command line reaches the connector (A/B of the
    // prefetch).
    String prefetch = System.getProperty("pfsync.prefetch");
    if (prefetch != null) {
      command.add("-Dpfsync.prefetch=" + prefetch);
    }
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    try {
      Path out = Files.createTempFile("pfsync-rel-", ".out");
      Path err = Files.createTempFile("pfsync-rel-", ".err");
      out.toFile().deleteOnExit();
      err.toFile().deleteOnExit();
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("PFSYNC_") || k.startsWith("PG"));
      pb.environment().putAll(env);
      return new ConnectorProcess(pb.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs to the end (or fails the test after {@code timeout}) and returns the exit code. */
  static Finished run(List<String> args, Duration timeout) {
    return run(args, java.util.Map.of(), timeout);
  }

  static Finished run(List<String> args, java.util.Map<String, String> env, Duration timeout) {
    try (ConnectorProcess p = start(args, env)) {
      int code = p.waitFor(timeout);
      return new Finished(code, p.out(), p.err());
    }
  }

  long pid() {
    return process.pid();
  }

  Duration age() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends a signal by name ({@code KILL}, {@code TERM}, {@code INT}) with kill(1). */
  void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the exit; past the timeout the child is killed and the test fails. */
  int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "connector did not finish within "
                + timeout
                + "\nstdout: "
                + out()
                + "\nstderr: "
                + err());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<unreadable: " + e.getMessage() + ">";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    } catch (IOException e) {
      // temp files: best effort
    }
  }

  /** A finished run: exit code and output. */
  record Finished(int code, String out, String err) {
    String describe() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }
}

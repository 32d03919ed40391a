package dev.pfsync.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -jar connector.jar ...} as a subprocess with a timeout, capturing stdout and
 * stderr (through files, so a chatty process never blocks on a full pipe). The jar comes from the
 * system property {@code pfsync.connector.jar} (set by it-tests' Failsafe configuration), else
 * {@code ../connector/target/connector.jar}.
 *
 * <p>The child inherits this JVM's environment minus every {@code PFSYNC_*} and {@code PG*}
 * variable (so a developer's settings cannot leak in); {@code env} adds variables on top.
 */
public final class ConnectorJar {
  /** Generous: the jar's JVM start alone is ~1 s on an idle machine, several under load. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

  private ConnectorJar() {}

  /** The connector jar; fails with a clear message when it was not built. */
  public static Path locate() {
    Path jar =
        Path.of(System.getProperty("pfsync.connector.jar", "../connector/target/connector.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "connector jar not found at "
              + jar.toAbsolutePath().normalize()
              + ": build it first (mvn -B -pl connector package -DskipTests)");
    }
    return jar.toAbsolutePath().normalize();
  }

  /** Runs in the current directory with no extra environment. */
  public static CliResult run(String... args) {
    return run(Path.of("."), Map.of(), DEFAULT_TIMEOUT, args);
  }

  /**
   * Runs the jar and waits for it.
   *
   * @param workDir the child's working directory
   * @param env variables added to the (cleaned) inherited environment
   * @param timeout the child is killed, and this method throws, past it
   */
  public static CliResult run(
      Path workDir, Map<String, String> env, Duration timeout, String... args) {
    Path out = tempFile(".out");
    Path err = tempFile(".err");
    Process process = start(workDir, env, out, err, args);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "connector jar did not finish within "
                + timeout
                + ": "
                + String.join(" ", args)
                + "\n"
                + new CliResult(-1, read(out), read(err)).describe());
      }
      return new CliResult(process.exitValue(), read(out), read(err));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the connector jar", e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  private static Process start(
      Path workDir, Map<String, String> env, Path out, Path err, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(locate().toString());
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("PFSYNC_") || k.startsWith("PG"));
      pb.environment().putAll(env);
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  private static Path tempFile(String suffix) {
    try {
      return Files.createTempFile("pfsync-jar-", suffix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<cannot read " + file + ": " + e.getMessage() + ">";
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp file left behind is harmless
    }
  }
}

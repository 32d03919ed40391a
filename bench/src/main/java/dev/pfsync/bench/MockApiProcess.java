package dev.pfsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mock-api/target/mock-api.jar} as a child process, on a free port, with {@code --admin}.
 */
final class MockApiProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("listening on (http://[0-9.:]+)");

  private final Process process;
  private final String url;
  private final int days;
  private final HttpClient http = HttpClient.newHttpClient();
  private long peakKb;

  private MockApiProcess(Process process, String url, int days) {
    this.process = process;
    this.url = url;
    this.days = days;
  }

  /** Starts it and waits (up to 5 minutes) for its ready line. */
  static MockApiProcess start(String xmx, Path work, long users, int days) throws Exception {
    Path log = work.resolve("mock-api-" + users + "-" + days + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            "java",
            "-Xmx" + xmx,
            "-jar",
            "mock-api/target/mock-api.jar",
            "--port",
            "0",
            "--admin",
            "--users",
            Long.toString(users),
            "--history-days",
            Integer.toString(days));
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    for (int i = 0; i < 6000; i++) {
      Matcher m = READY.matcher(Files.readString(log));
      if (m.find()) {
        System.err.printf(
            "bench: mock-api %,d users over %d days at %s%n", users, days, m.group(1));
        return new MockApiProcess(p, m.group(1), days);
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("mock-api died: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    p.destroy();
    throw new IllegalStateException("mock-api did not start");
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return url;
  }

  long pid() {
    return process.pid();
  }

  /** Days of history of its dataset. */
  int days() {
    return days;
  }

  /** The largest resident memory seen so far (sampled now, and when it stops). */
  long peakRssKb() {
    peakKb = Math.max(peakKb, Proc.hwmKb(process.pid()));
    return peakKb;
  }

  /** The body of a GET that must answer 200. */
  InputStream get(String path) throws IOException, InterruptedException {
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + path)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      r.body().close();
      throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
    }
    return r.body();
  }

  @Override
  public void close() {
    peakRssKb();
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.pfsync.it.reliability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alternates the mock API between two fault sets ({@code on} for {@code onFor}, {@code off} for
 * {@code offFor}) on a background thread: faults that would fail every request if constant (a
 * latency above the read timeout) become the intermittent kind that retries must ride out.
 */
final class FaultPulser implements AutoCloseable {
  private final Thread thread;
  private final AtomicInteger pulses = new AtomicInteger();
  private volatile boolean running = true;

  FaultPulser(SourceApi api, String on, Duration onFor, String off, Duration offFor) {
    thread =
        new Thread(
            () -> {
              try {
                while (running) {
                  api.faults(on);
                  pulses.incrementAndGet();
                  Thread.sleep(onFor.toMillis());
                  api.faults(off);
                  Thread.sleep(offFor.toMillis());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "fault-pulser");
    thread.setDaemon(true);
    thread.start();
  }

  int pulses() {
    return pulses.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}

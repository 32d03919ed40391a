package dev.pfsync.connector.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM / Ctrl-C into "stop at the next checkpoint": the JVM's shutdown hook asks the
 * running work to stop, then waits for the main thread to reach its checkpoint and finish, so the
 * process exits with the signal's code (143 / 130) and a resumable state.
 */
public final class GracefulStop {
  private static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean requested;
  private volatile Runnable stopAction = () -> {};

  /** A stop that only {@link #request()} triggers (tests, embedding). */
  public static GracefulStop manual() {
    return new GracefulStop();
  }

  /** A stop triggered by the JVM's shutdown (SIGTERM, SIGINT). */
  public static GracefulStop onJvmShutdown() {
    GracefulStop stop = new GracefulStop();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.request();
                  stop.awaitFinished();
                },
                "pfsync-graceful-stop"));
    return stop;
  }

  /** What to run when a stop is requested; runs at once if one already was. */
  public void onStop(Runnable action) {
    this.stopAction = action;
    if (requested) {
      action.run();
    }
  }

  /** Requests a stop. */
  public void request() {
    if (finished.getCount() == 0) {
      return; // normal exit: nothing left to stop
    }
    requested = true;
    stopAction.run();
  }

  /** Whether a stop was requested (the exit code then reflects the signal). */
  public boolean requested() {
    return requested;
  }

  /** The main work is over; a waiting shutdown hook may let the JVM exit. */
  public void finished() {
    finished.countDown();
  }

  private void awaitFinished() {
    try {
      finished.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

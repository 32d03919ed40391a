package dev.pfsync.it.reliability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Captures what pfsync logs in this JVM (WARN and up, as configured) while open: the retry warnings
 * count the faults the client met, and every line is scanned for secrets.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger logger;

  LogCapture() {
    this.logger = (Logger) LoggerFactory.getLogger("dev.pfsync");
    setContext(logger.getLoggerContext());
    start();
    logger.addAppender(this);
  }

  @Override
  protected void append(ILoggingEvent e) {
    String line = e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage();
    if (e.getThrowableProxy() != null) {
      line += "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
    }
    lines.add(line);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * Retry warnings whose text contains {@code what}: the HTTP page source's (a request tried again)
   * and the engine's (a page whose body broke off mid-stream, read again).
   */
  long retries(String what) {
    return lines.stream()
        .filter(l -> l.contains("; retry ") || l.contains("; reading the page again"))
        .filter(l -> l.contains(what))
        .count();
  }

  long retries() {
    return retries("");
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}

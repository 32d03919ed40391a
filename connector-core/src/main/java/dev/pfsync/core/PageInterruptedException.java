package dev.pfsync.core;

/**
 * A page read as a stream broke off after some of its rows were handed out (the connection was lost
 * or timed out mid-body). The checkpoint that was consuming it must be abandoned; the page can be
 * read again from its start.
 */
public class PageInterruptedException extends RetriableException {
  public PageInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}

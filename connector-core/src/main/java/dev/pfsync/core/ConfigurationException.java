package dev.pfsync.core;

/** A setting is missing or invalid; the message names it. Permanent until the user fixes it. */
public class ConfigurationException extends SyncException {
  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.pfsync.it.support;

import java.util.Arrays;
import java.util.List;

/**
 * What one connector command did: its exit code and everything it wrote.
 *
 * @param exitCode 0 success, 1 failure, 2 bad usage (docs/CONTRACTS.md)
 * @param out standard output
 * @param err standard error
 */
public record CliResult(int exitCode, String out, String err) {

  /** The non-blank lines of standard error. */
  public List<String> errLines() {
    return Arrays.stream(err.split("\\R")).filter(l -> !l.isBlank()).toList();
  }

  /** For assertion messages. */
  public String describe() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}

package dev.pfsync.connector.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = PfsyncCommand.class.getPackage().getImplementationVersion();
    return new String[] {"pfsync " + (v == null ? "dev" : v)};
  }
}

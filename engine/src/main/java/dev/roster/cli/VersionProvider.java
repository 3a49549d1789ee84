package dev.roster.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Cli.class.getPackage().getImplementationVersion();
    return new String[] {"roster " + (v == null ? "0.1.0-SNAPSHOT" : v)};
  }
}

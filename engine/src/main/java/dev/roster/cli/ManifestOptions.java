package dev.roster.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -f}: shared by every command that reads the manifest. */
final class ManifestOptions {
  @Option(names = {"-f", "--file"}, paramLabel = "PATH",
      description = "Manifest file or directory of *.yaml files (repeatable). Default: roster.yaml, else roster/.")
  List<Path> files;
}

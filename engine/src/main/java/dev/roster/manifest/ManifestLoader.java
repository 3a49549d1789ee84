package dev.roster.manifest;

import dev.roster.spi.ProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads one file or a directory of {@code *.yaml} files into a {@link Manifest}: reads each safely,
 * checks it against the schema, then merges the files. Every problem, of every file, is collected and
 * reported at once, in file order; none of this sends a request.
 */
public final class ManifestLoader {
  private final Map<String, ProviderFactory> factories;
  private final ManifestSchema schema;
  private final References references;
  private final Path workingDir;

  public ManifestLoader(Map<String, ProviderFactory> factories, ManifestSchema schema, Map<String, String> env,
      Path workingDir) {
    this.factories = factories;
    this.schema = schema;
    this.references = new References(env);
    this.workingDir = workingDir;
  }

  /** The manifest files a path stands for: the file itself, or a directory's {@code *.yaml}/{@code *.yml}. */
  public List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      Path path = workingDir.resolve(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> s = Files.list(path)) {
          s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new ManifestException(new Source(display(path), 1, 1), "cannot list directory: " + e.getMessage());
        }
        if (files.isEmpty()) {
          throw new ManifestException(new Source(display(path), 1, 1), "directory holds no *.yaml files");
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new ManifestException(new Source(display(path), 1, 1), "no such file or directory");
      }
    }
    return files;
  }

  public Manifest load(List<Path> paths) {
    return load(paths, null);
  }

  /**
   * @param missingReferences null: a variable or file that a reference names must exist (plan, apply);
   *     else each missing one is added here, as a warning, and its value stays the unresolved text (validate)
   */
  public Manifest load(List<Path> paths, List<Problem> missingReferences) {
    List<Path> files = expand(paths);
    List<Problem> problems = new ArrayList<>();
    List<ManifestSchema.FileCheck> checked = new ArrayList<>();
    for (Path path : files) {
      try {
        ManifestSchema.FileCheck check = schema.check(YamlFile.read(path, display(path)));
        problems.addAll(check.problems());
        checked.add(check);
      } catch (ManifestException e) {
        problems.addAll(e.problems()); // the file cannot be read
      }
    }
    Manifest manifest = null;
    // with a file missing, what spans files (an account's instance, a person declared twice) is unknown
    if (checked.size() == files.size()) {
      Merger merger = new Merger(factories, schema, references, missingReferences);
      manifest = merger.merge(checked);
      problems.addAll(merger.problems());
    }
    if (!problems.isEmpty()) {
      List<String> names = files.stream().map(this::display).toList();
      problems.sort(Comparator.comparingInt((Problem p) -> names.indexOf(p.source().file()))
          .thenComparingInt(p -> p.source().line())
          .thenComparingInt(p -> p.source().column()));
      throw new ManifestException(problems);
    }
    return manifest;
  }

  private String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path wd = workingDir.toAbsolutePath().normalize();
    return abs.startsWith(wd) ? wd.relativize(abs).toString() : abs.toString();
  }
}

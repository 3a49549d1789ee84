package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives as a user gets them (built by 'mvn package'; failsafe passes where): each is
 * checked against its .sha256, unpacked into a directory with a space in its name outside the
 * repository, and run through a symlink from another working directory, by its {@code #!/bin/sh} line
 * (dash on Debian: a POSIX shell, not bash).
 */
class ReleaseArchivesIT {
  static final Path DIR = Path.of(System.getProperty("release.dir", "target"));
  static final String NAME = System.getProperty("release.name", "roster-0.1.0-SNAPSHOT");
  static final String VERSION = NAME.substring("roster-".length());
  /** The tools bin/roster calls, and no java: a PATH made of these finds no Java. */
  static final List<String> TOOLS = List.of("ls", "sed", "dirname", "head");

  @TempDir Path dir;

  @Test
  void theTarGzRunsOnTheJavaOfJavaHome() throws Exception {
    Path roster = unpack(NAME + ".tar.gz");
    Map<String, String> env = env(toolsOnly());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    runsVersionValidateAndDemo(roster, env);
  }

  @Test
  void theZipRunsOnTheJavaOnThePath() throws Exception {
    Path roster = unpack(NAME + ".zip");
    Path bin = toolsOnly();
    Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    runsVersionValidateAndDemo(roster, env(bin));
  }

  @Test
  void theLinuxArchiveRunsOnItsOwnRuntimeWhereThereIsNoJava() throws Exception {
    Path roster = unpack(NAME + "-linux-x64.tar.gz");
    assertTrue(Files.isExecutable(roster.resolve("../../runtime/bin/java").normalize()), "a runtime in the archive");
    runsVersionValidateAndDemo(roster, env(toolsOnly()));
  }

  @Test
  void withoutJavaItSaysSo() throws Exception {
    Path roster = unpack(NAME + ".tar.gz");
    Run run = run(roster, env(toolsOnly()), "--version");
    assertEquals(1, run.code(), run.toString());
    assertTrue(run.err().contains("no Java found: install Java 17 or newer"), run.toString());
  }

  @Test
  void anOlderJavaIsRefusedNamingItsVersion() throws Exception {
    Path roster = unpack(NAME + ".tar.gz");
    // a Java home with a 'release' file, as JDKs have: read without starting a JVM
    Path home = Files.createDirectories(dir.resolve("jdk 11/bin"));
    script(home.resolve("java"), "echo 'must not run' >&2; exit 9");
    Files.writeString(home.resolve("../release"), "JAVA_VERSION=\"11.0.2\"\n");
    Map<String, String> env = env(toolsOnly());
    env.put("JAVA_HOME", home.getParent().toString());
    Run byRelease = run(roster, env, "--version");
    assertEquals(1, byRelease.code(), byRelease.toString());
    assertTrue(byRelease.err().contains("needs Java 17 or newer, but " + home.resolve("java") + " is 11.0.2"), byRelease.toString());
    // a java on the PATH with no 'release' beside it: asked for its version
    Path bin = toolsOnly();
    script(bin.resolve("java"), "echo 'java version \"1.8.0_292\"' >&2");
    Run byVersion = run(roster, env(bin), "--version");
    assertEquals(1, byVersion.code(), byVersion.toString());
    assertTrue(byVersion.err().contains("needs Java 17 or newer, but " + bin.resolve("java") + " is 1.8.0_292"), byVersion.toString());
  }

  @Test
  void theCompletionsRegisterInBashAndDeclareThemselvesToZsh() throws Exception {
    Path home = unpack(NAME + ".tar.gz").resolve("../..").normalize();
    Process bash = new ProcessBuilder("bash", "--norc", "-c", "source completions/roster.bash && complete -p roster")
        .directory(home.toFile()).redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, bash.waitFor(), out);
    assertTrue(out.contains("complete -o default -F _complete_roster roster"), out);
    String zsh = Files.readString(home.resolve("completions/_roster"));
    assertTrue(zsh.startsWith("#compdef roster\n") && zsh.contains("_bash_complete -F _complete_roster"), zsh.lines().findFirst().orElse(""));
  }

  /** From a working directory of its own, through a symlink in a directory with a space in its name. */
  private void runsVersionValidateAndDemo(Path roster, Map<String, String> env) throws Exception {
    Path work = Files.createDirectories(dir.resolve("work dir"));
    Files.writeString(work.resolve("roster.yaml"), """
        version: 1
        providers:
          tracker: { type: keitaro, url: "https://tracker.example.com", apiKey: "${env:KEITARO_API_KEY}" }
        users:
          alice: { email: alice@example.com, accounts: { tracker: { type: ADMIN } } }
        """);
    Path link = Files.createDirectories(dir.resolve("on the path")).resolve("roster");
    Files.createSymbolicLink(link, link.getParent().relativize(roster));
    env.put("KEITARO_API_KEY", "k");

    Run version = run(link, env, work, "--version");
    assertEquals(0, version.code(), version.toString());
    assertEquals("roster " + VERSION, version.out().strip());
    Run validate = run(link, env, work, "validate");
    assertEquals(0, validate.code(), validate.toString());
    assertTrue(validate.out().contains("Valid: 1 person, 1 account on 1 instance."), validate.toString());
    Run demo = run(link, env, work, "demo");
    assertEquals(0, demo.code(), demo.toString());
    assertTrue(demo.out().strip().endsWith("No changes. The platforms match the files."), demo.toString());
  }

  private Path unpack(String archive) throws Exception {
    return unpack(dir, archive);
  }

  /** Checks the archive against its .sha256, unpacks it into {@code dir}, and returns its bin/roster. */
  static Path unpack(Path dir, String archive) throws Exception {
    Path file = DIR.resolve(archive);
    String[] line = Files.readString(DIR.resolve(archive + ".sha256")).strip().split("  ");
    assertEquals(archive, line[1], "the .sha256 names its archive, as sha256sum -c reads it");
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))), line[0]);
    Path into = Files.createDirectories(dir.resolve("roster home"));
    List<String> command = archive.endsWith(".zip") ? List.of("unzip", "-q", file.toAbsolutePath().toString(), "-d", into.toString())
        : List.of("tar", "xzf", file.toAbsolutePath().toString(), "-C", into.toString());
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertEquals(0, p.waitFor());
    Path roster = into.resolve(NAME).resolve("bin/roster");
    assertTrue(Files.isExecutable(roster), "bin/roster is executable as unpacked");
    assertTrue(Files.isRegularFile(into.resolve(NAME).resolve("lib/roster.jar")));
    assertTrue(Files.isRegularFile(into.resolve(NAME).resolve("README.md")));
    return roster;
  }

  /** A directory of symlinks to the tools bin/roster needs, to be the whole PATH. */
  private Path toolsOnly() throws IOException {
    Path bin = Files.createTempDirectory(dir, "bin");
    for (String tool : TOOLS) {
      Path found = Path.of("/usr/bin", tool);
      Files.createSymbolicLink(bin.resolve(tool), Files.exists(found) ? found : Path.of("/bin", tool));
    }
    return bin;
  }

  private static Map<String, String> env(Path path) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", path.toString());
    env.put("HOME", System.getProperty("java.io.tmpdir"));
    return env;
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    assertTrue(file.toFile().setExecutable(true));
  }

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private Run run(Path roster, Map<String, String> env, String... args) throws Exception {
    return run(roster, env, dir, args);
  }

  /** Runs the launcher as a program, with {@code env} as its whole environment. */
  private Run run(Path roster, Map<String, String> env, Path workingDir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(roster.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    int code = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start().waitFor();
    return new Run(code, Files.readString(out), Files.readString(err));
  }
}

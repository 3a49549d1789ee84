package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad files: each a clear error at file:line:column, exit 1, no request, no stack trace. */
class ManifestErrorsTest {
  static final String PROVIDER = """
      version: 1
      providers:
        app:
          type: fake
          url: http://127.0.0.1:9/never-called
          token: ${env:FAKE_TOKEN}
      """;
  static final Map<String, String> ENV = Map.of("FAKE_TOKEN", "t");

  @TempDir Path dir;

  private CliRun validate(String yaml) throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), yaml);
    return validateFile();
  }

  private CliRun validateFile() {
    CliRun run = CliRun.run(dir, ENV, "validate");
    assertEquals(1, run.exitCode(), run.toString());
    assertFalse(run.all().contains("Exception") || run.all().contains("\tat "), "no stack trace:\n" + run);
    return run;
  }

  @Test
  void reportsEveryProblemAtOnceWithFileLineAndColumn() throws Exception {
    CliRun run = validate(PROVIDER + """
        users:
          alice:
            email: alice@example.com
            nickname: Al
            accounts:
              app: { role: boss, login: 7 }
              nowhere: {}
        """);
    assertTrue(run.err().contains("roster.yaml:10:5: unknown key 'nickname'"), run.err());
    // the file's schema problem, and those only the merge finds, in one run and in line order
    int nickname = run.err().indexOf("unknown key 'nickname'");
    int role = run.err().indexOf("roster.yaml:12:20: expected one of member, admin, found 'boss'");
    int nowhere = run.err().indexOf("roster.yaml:13:7: account names instance 'nowhere'");
    assertTrue(nickname >= 0 && role > nickname && nowhere > role, run.err());
    CliRun second = validate(PROVIDER + "users:\n  alice: { accounts: { app: { role: boss } } }\n  bob: { name: 3 }\n");
    assertTrue(second.err().contains("roster.yaml:9:16: expected string, found 3 (at users.bob.name)"), second.err());
  }

  @Test
  void accountProblemsNameTheirPlace() throws Exception {
    CliRun run = validate(PROVIDER + """
        users:
          alice:
            accounts:
              app: { role: boss, login: 7, colour: red }
              nowhere: {}
        """);
    assertTrue(run.err().contains("roster.yaml:10:"), run.err());
    assertTrue(run.err().contains("expected one of member, admin, found 'boss'"), run.err());
    assertTrue(run.err().contains("expected string, found 7"), run.err());
    assertTrue(run.err().contains("unknown key 'colour'"), run.err());
    assertTrue(run.err().contains("roster.yaml:11:7: account names instance 'nowhere', which no file declares under 'providers:' (declared: app)"), run.err());
    assertTrue(run.err().contains("4 problems found; nothing was sent"), "a wrong value is not also an unknown key\n" + run.err());
  }

  @Test
  void aPersonDeclaredInTwoFilesNamesBothPlaces() throws Exception {
    Path d = Files.createDirectories(dir.resolve("roster"));
    Files.writeString(d.resolve("a.yaml"), PROVIDER + "users:\n  alice:\n    email: a@example.com\n");
    Files.writeString(d.resolve("b.yaml"), "version: 1\nusers:\n  bob: {}\n  alice: {}\n");
    CliRun run = validateFile();
    assertTrue(run.err().contains("roster/b.yaml:4:3: person 'alice' is declared twice: here and at roster/a.yaml:8:3"), run.err());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      duplicate key       | version: 1\\nusers: {}\\nusers: {}\\n                      | roster.yaml:3:1: duplicate key 'users'
      tab indentation     | version: 1\\nusers:\\n\\talice: {}\\n                      | roster.yaml:3:1: a tab character
      java tag            | version: 1\\nusers: !!javax.script.ScriptEngineManager [x]\\n | roster.yaml:2:8:
      local tag           | version: 1\\nusers: !boom {}\\n                         | tag '!boom' is not allowed
      empty file          | \\n\\n                                                 | roster.yaml:1:1: file is empty
      merge key           | version: 1\\nusers:\\n  a: &x {}\\n  b:\\n    <<: *x\\n      | merge keys (<<) are not supported
      unknown type        | version: 1\\nproviders:\\n  x: { type: nope }\\n         | expected one of blindfake, fake, found 'nope'
      literal secret      | version: 1\\nproviders:\\n  x: { type: fake, url: u, token: abc }\\n | token is a credential: write it as ${env:NAME}
      wrong version       | version: 2\\n                                             | expected one of 1, found 2
      slash in login      | version: 1\\nproviders:\\n  x: { type: fake, url: u, token: '${env:FAKE_TOKEN}' }\\nusers:\\n  a: { accounts: { x: { login: ../admin } } }\\n | login '../admin' may not contain
      query in login      | version: 1\\nproviders:\\n  x: { type: fake, url: u, token: '${env:FAKE_TOKEN}' }\\nusers:\\n  a: { accounts: { x: { login: 'a?b' } } }\\n | login 'a?b' may not contain
      dot login           | version: 1\\nproviders:\\n  x: { type: fake, url: u, token: '${env:FAKE_TOKEN}' }\\nusers:\\n  a: { accounts: { x: { login: '.' } } }\\n | login '.' may not contain
      control char login  | version: 1\\nproviders:\\n  x: { type: fake, url: u, token: '${env:FAKE_TOKEN}' }\\nusers:\\n  a: { accounts: { x: { login: \"a\\u0007b\" } } }\\n | may not contain
      literal password    | version: 1\\nproviders:\\n  x: { type: fake, url: u, token: '${env:FAKE_TOKEN}' }\\nusers:\\n  a: { accounts: { x: { password: hunter22 } } }\\n | password is a secret
      bad handle          | version: 1\\nusers:\\n  'a/b': {}\\n                      | roster.yaml:3:
      two documents       | version: 1\\n---\\nversion: 1\\n                    | roster.yaml:2:1: a second YAML document
      undefined alias     | version: 1\\nusers: *nobody\\n                       | roster.yaml:2:8: alias *nobody has no anchor &nobody before it
      recursive alias     | version: 1\\nusers: &all { a: *all }\\n                | roster.yaml:2:15: alias *all is inside the node it names
      complex key         | version: 1\\nusers:\\n  ? [a]\\n  : {}\\n              | roster.yaml:3:5: a key must be plain text
      duplicate nested    | version: 1\\nusers:\\n  a: {}\\n  b: {}\\n  a: {}\\n | roster.yaml:5:3: duplicate key 'a' (first at line 3)
      e-mail, no domain   | version: 1\\nusers:\\n  a: { email: alice@ }\\n      | roster.yaml:3:15: does not match the email pattern
      e-mail, no TLD      | version: 1\\nusers:\\n  a: { email: alice@example.notatld }\\n | roster.yaml:3:15: does not match the email pattern
      e-mail, two dots    | version: 1\\nusers:\\n  a: { email: al..ice@example.com }\\n | roster.yaml:3:15: does not match the email pattern
      """)
  void hostileOrBrokenFiles(String name, String yaml, String expected) throws Exception {
    CliRun run = validate(yaml.replace("\\n", "\n").replace("\\t", "\t"));
    assertTrue(run.err().contains(expected.strip()), name + ":\n" + run.err());
  }

  @Test
  void oneAccountKeyDeclaredForTwoPeopleNamesBoth() throws Exception {
    CliRun run = validate(PROVIDER + """
        users:
          alice: { email: alice@example.com, accounts: { app: {} } }
          al: { accounts: { app: { login: ALICE } } }
          bob: { accounts: { app: { login: alice } } }
        """);
    assertTrue(run.err().contains("roster.yaml:10:22: login 'alice' on 'app' is declared for two people: alice (roster.yaml:8:50) and bob"), run.err());
    assertTrue(run.err().contains("1 problem found"), "login compares exactly on this platform: ALICE is another account\n" + run.err());
  }

  @Test
  void billionLaughsIsRefusedAtTheAliasLimit() throws Exception {
    StringBuilder y = new StringBuilder("version: 1\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 12; i++) {
      y.append("x").append(i).append(": &a").append(i).append(" [");
      y.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    CliRun run = validate(y.toString());
    assertTrue(run.err().contains("roster.yaml:8:"), run.err()); // x6's first alias is the 51st
    assertTrue(run.err().contains("too many aliases (at most 50): the file looks like an alias bomb"), run.err());
  }

  /** At the end of a file of 20,000 people, places and bounds are as exact as on its first lines. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      syntax error at the end  | a: [b\\n                  | roster.yaml:20004:1: expected ',' or ']' in the list opened with '[' at line 20003
      duplicate person         | person7: {}\\n             | roster.yaml:20003:3: duplicate key 'person7' (first at line 15)
      schema problem, sliced   | zed: { email: 42 }\\n      | roster.yaml:20003:17: expected string, found 42 (at users.zed.email)
      nesting too deep         | x: {deep: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\\n | roster.yaml:20003:75: nested deeper than 64 levels
      """)
  void aBigFileReportsTheSamePlaces(String name, String tail, String expected) throws Exception {
    StringBuilder y = new StringBuilder(PROVIDER).append("users:\n");
    for (int i = 0; i < 19_995; i++) { // person0 on line 8, so the tail on line 20,003
      y.append("  person").append(i).append(": { email: person").append(i).append("@example.com, name: Person Number").append(i).append(" }\n");
    }
    CliRun run = validate(y + "  " + tail.replace("\\n", "\n"));
    assertTrue(run.err().contains(expected.strip()), name + ":\n" + run.err());
  }

  @Test
  void deepNestingIsRefusedAtTheDepthLimit() throws Exception {
    CliRun run = validate("version: 1\nusers: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
    // SnakeYAML's composer allows 64 levels below the root map: the 65th '[' is at column 72
    assertTrue(run.err().contains("roster.yaml:2:72: nested deeper than 64 levels"), run.err());
  }

  @Test
  void hugeScalarIsRefusedBeforeParsing() throws Exception {
    Files.write(dir.resolve("roster.yaml"), ("version: 1\nx: " + "a".repeat(50 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8));
    CliRun run = validateFile();
    assertTrue(run.err().contains("roster.yaml:1:1: file is larger than 32 MiB"), run.err());
  }

  @Test
  void invalidUtf8NamesTheLine() throws Exception {
    byte[] bytes = "version: 1\nusers:\n  al\u00ffce: {}\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("roster.yaml"), bytes);
    CliRun run = validateFile();
    assertTrue(run.err().contains("roster.yaml:3:1: file is not valid UTF-8"), run.err());
  }

  @Test
  void aValidManifestValidates() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), PROVIDER + "users:\n  alice:\n    accounts:\n      app: { role: admin }\n");
    CliRun run = CliRun.run(dir, ENV, "validate");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("Valid: 1 person, 1 account on 1 instance."), run.out());
  }

  @Test
  void usageErrorsExitOneNotTwo() {
    CliRun run = CliRun.run(dir, ENV, "plan", "--no-such-flag");
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains("Unknown option: '--no-such-flag'"), run.err());
  }
}

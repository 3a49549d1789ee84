package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.spi.Json;
import dev.roster.testing.CliRun;
import dev.roster.testing.FakeFactory;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull-request-sized change (3 people joining, 1 leaving, 2 role changes, across 4 instances)
 * in all three formats: text, markdown that renders as intended, JSON that validates.
 */
class PullRequestPlanTest {
  @TempDir Path dir;
  ServedSandbox fake;

  @BeforeEach
  void start() throws Exception {
    fake = ServedSandbox.fake();
    FakeFactory.SANDBOX.put(Map.of("login", "alice", "role", "member", "email", "alice@example.com"));
    FakeFactory.SANDBOX.put(Map.of("login", "bob", "role", "admin", "email", "bob@example.com"));
    FakeFactory.SANDBOX.put(Map.of("login", "leaver", "role", "member", "email", "leaver@example.com"));
    // four instances of one fake platform; each sees the same live accounts
    Files.writeString(dir.resolve("roster.yaml"), """
        version: 1
        providers:
          chat: { type: fake, url: "${env:U}", token: "${env:T}" }
          tracker: { type: fake, url: "${env:U}", token: "${env:T}" }
          phishing: { type: fake, url: "${env:U}", token: "${env:T}" }
          marketing: { type: fake, url: "${env:U}", token: "${env:T}" }
        users:
          alice:
            email: alice@example.com
            name: Alice Liddell
            accounts: { chat: { role: admin }, tracker: { role: member } }
          bob:
            email: bob@example.com
            accounts: { tracker: { role: member }, chat: { role: admin } }
          leaver:
            accounts: { phishing: { ensure: absent } }
          nia: { email: nia@example.com, name: "Nia <script>`x`</script> | Okafor", accounts: { chat: { role: member } } }
          omar: { email: omar@example.com, accounts: { phishing: { role: member, name: "Omar +1 555 010 9999" } } }
          pia: { email: pia@example.com, accounts: { marketing: { role: member } } }
        """);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void rendersInAllThreeFormats() throws Exception {
    CliRun text = CliRun.run(dir, fake.env(), "plan");
    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.out().contains("Plan: 3 to create, 2 to update, 1 to delete"), text.out());
    assertTrue(text.out().indexOf("alice\n") < text.out().indexOf("bob\n"), "grouped by person\n" + text.out());
    assertTrue(text.out().contains("  ~ chat: alice"), text.out());
    CliRun byInstance = CliRun.run(dir, fake.env(), "plan", "--group-by", "instance");
    assertTrue(byInstance.out().contains("chat (fake)\n  ~ alice"), byInstance.out());

    CliRun md = CliRun.run(dir, fake.env(), "plan", "--format", "markdown");
    assertEquals(0, md.exitCode(), md.toString());
    Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    String html = HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).build().render(parser.parse(md.out()));
    assertTrue(html.contains("<table>") && html.contains("<td>chat</td>"), html);
    assertEquals(6, count(html, "<code class=\"language-diff\">"), "one section per person, plus the undeclared\n" + html);
    assertEquals(7, count(html, "<details>"), "and one for what is left alone: every section is closed\n" + html);
    assertTrue(html.contains("<strong>delete</strong> leaver on phishing (ensure: absent)"), html);
    assertFalse(html.contains("<script>"), "user text never becomes HTML\n" + html);
    assertTrue(md.out().length() < 65_536);

    CliRun json = CliRun.run(dir, fake.env(), "plan", "--format", "json");
    var doc = Json.MAPPER.readTree(json.out());
    assertTrue(PlanSchemaTest.planSchema().validate(doc).isEmpty());
    assertEquals(3, doc.path("summary").path("create").asInt());
    assertEquals(2, doc.path("summary").path("update").asInt());
    assertEquals(1, doc.path("summary").path("delete").asInt());
  }

  @Test
  void markdownStaysUnderTheLimitAndSaysWhatItCut() {
    CliRun md = CliRun.run(dir, fake.env(), "plan", "--format", "markdown", "--max-chars", "1500");
    assertTrue(md.out().length() <= 1500, md.out().length() + "\n" + md.out());
    assertTrue(md.out().contains("The full plan is in the job's artifacts"), md.out());
  }

  @Test
  void redactPiiMasksNamesEmailsAndPhones() {
    for (String format : List.of("text", "markdown")) {
      CliRun run = CliRun.run(dir, fake.env(), "plan", "--format", format, "--redact-pii");
      assertFalse(run.out().contains("Liddell") || run.out().contains("alice@example.com")
          || run.out().contains("555 010"), format + ":\n" + run.out());
      assertTrue(run.out().contains("n…@example.com") || run.out().contains("(redacted)"), run.out());
    }
  }

  private static int count(String s, String what) {
    return s.split(java.util.regex.Pattern.quote(what), -1).length - 1;
  }
}

package dev.roster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.roster.spi.ProviderFactory;
import dev.roster.spi.Secret;
import dev.roster.testing.FakeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reference makes a secret only of a credential: a writeOnly config key or a sensitive attribute. */
class OnlyCredentialsAreSecretsTest {
  @TempDir Path dir;

  @Test
  void otherReferencesResolveToPlainStrings() throws Exception {
    Files.writeString(dir.resolve("pw.txt"), "correct horse\n");
    Path file = dir.resolve("roster.yaml");
    Files.writeString(file, """
        version: 1
        providers:
          app: {type: fake, url: "${env:URL}/api", token: "${env:T}"}
        defaults:
          app: {groups: ["${env:GROUP}s"]}
        users:
          alice: {accounts: {app: {name: "Alice ${env:SURNAME}", password: "${file:pw.txt}"}}}
        """);
    Map<String, ProviderFactory> factories = Map.of("fake", new FakeFactory());
    Manifest m = new ManifestLoader(factories, new ManifestSchema(factories.values()),
        Map.of("URL", "http://127.0.0.1:1", "T", "t", "GROUP", "admin", "SURNAME", "Smith"), dir).load(List.of(file));

    Map<String, Object> config = m.instances().get("app").config();
    assertEquals("http://127.0.0.1:1/api", config.get("url"));
    assertEquals("t", assertInstanceOf(Secret.class, config.get("token")).reveal());
    Map<String, Object> account = m.people().get(0).accounts().get(0).attributes();
    assertEquals("Alice Smith", account.get("name"));
    assertEquals(List.of("admins"), account.get("groups"));
    assertEquals("correct horse", assertInstanceOf(Secret.class, account.get("password")).reveal());
  }
}

package dev.roster.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How declared and live values compare: the rules every diff and saved-plan check stands on. */
class ValuesTest {

  @Test
  void numbersCompareByValueMapsIgnoreKeyOrderAndSecretsCompareByTheirValue() {
    assertTrue(Values.equal(1, 1.0));
    assertTrue(Values.equal(10L, new java.math.BigDecimal("10.00")));
    assertFalse(Values.equal(1, "1"), "a number is not its text");
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", List.of(1, 2));
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", List.of(1, 2));
    ba.put("a", 1.0);
    assertTrue(Values.equal(ab, ba));
    assertFalse(Values.equal(List.of(1, 2), List.of(2, 1)), "list order counts unless compared unordered");
    assertTrue(Values.equal(new Secret("${env:A}", "pw"), "pw"));
    assertFalse(Values.equal(new Secret("${env:A}", "pw"), new Secret("${env:A}", "s3cret-rotated")), "a rotated secret is a change");
    assertTrue(Values.equal(null, null));
    assertFalse(Values.equal(null, ""));
  }

  @Test
  void caseAndOrderAreIgnoredOnlyWhereAsked() {
    assertTrue(Values.equalIgnoringCase("Alice@Example.com", "alice@example.com"));
    assertFalse(Values.equalIgnoringCase("alice", null));
    assertTrue(Values.equalUnordered(List.of("b", Map.of("x", 1)), List.of(Map.of("x", 1.0), "b")));
    assertFalse(Values.equalUnordered(List.of("a", "a"), List.of("a")), "the same elements, as many times");
  }

  @Test
  void keysAreLowerCasedOnlyForCaseInsensitiveKeys() {
    assertEquals("alice@example.com", Values.keyOf("Alice@Example.COM", true));
    assertEquals("Alice", Values.keyOf("Alice", false));
    AccountModel byEmail = AccountModel.of("email", List.of(Attribute.of("email", Comparison.CASE_INSENSITIVE)));
    assertEquals("bob@x.io", byEmail.keyOf("BOB@x.io"));
  }

  @Test
  void aFingerprintChangesWithAnyValueOrTheIdButNotWithKeyOrder() {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("login", "alice");
    one.put("type", "USER");
    Map<String, Object> reordered = new LinkedHashMap<>();
    reordered.put("type", "USER");
    reordered.put("login", "alice");
    assertEquals(Values.fingerprint("7", one), Values.fingerprint("7", reordered));
    assertNotEquals(Values.fingerprint("7", one), Values.fingerprint("8", one));
    assertNotEquals(Values.fingerprint("7", one), Values.fingerprint("7", Map.of("login", "alice", "type", "ADMIN")));
  }
}

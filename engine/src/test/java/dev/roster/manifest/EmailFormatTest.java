package dev.roster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.format.Format;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Roster's e-mail format answers exactly as networknt's, on the fast path and off it. */
class EmailFormatTest {
  static final List<String> ADDRESSES = List.of(
      "alice@example.com", "Alice.Smith+roster@Example.COM", "a_b-c@sub.example.co.uk", "x@example.com.",
      "a@b", "a@localhost", "a@b.notarealtld", "a@[127.0.0.1]", "a@[IPv6:::1]", "a@-example.com", "a@exa_mple.com",
      "a@example..com", "a@ex ample.com", "a@example.com\n", "a@example.com\u00a0", "a\u00a0@example.com",
      "a..b@example.com", ".a@example.com", "a.@example.com", "@example.com", "a@", "a", "",
      "a@b@example.com", "\"a b\"@example.com", "o'hara@example.com", "jörg@example.com", "a@exämple.com",
      "x".repeat(64) + "@example.com", "x".repeat(65) + "@example.com", "a@" + "x".repeat(64) + ".com",
      "a@xn--bcher-kva.example", "a@123.example", "a!b@example.com", "a/b@example.com");

  @Test
  void answersAsNetworkntDoesForEveryAddress() {
    Format networknt = new com.networknt.schema.format.EmailFormat();
    EmailFormat ours = new EmailFormat();
    for (int round = 0; round < 2; round++) { // the second round answers from remembered domains
      for (String address : ADDRESSES) {
        assertEquals(networknt.matches(null, address), ours.matches(null, address), "'" + address + "'");
      }
    }
  }

  @Test
  void takesTheFastPathOnlyForPlainLocalParts() {
    assertTrue(EmailFormat.plainLocalPart("alice.smith+x@example.com", 13));
    assertTrue(EmailFormat.plainLocalPart("x".repeat(64) + "@e.com", 64));
    assertFalse(EmailFormat.plainLocalPart("x".repeat(65) + "@e.com", 65));
    for (String local : List.of("", ".a", "a.", "a..b", "o'hara", "\"a\"", "jörg", "a b")) {
      assertFalse(EmailFormat.plainLocalPart(local + "@example.com", local.length()), local);
    }
    // the cases above that networknt accepts or refuses, and the fast path leaves to it, are a mix
    Format networknt = new com.networknt.schema.format.EmailFormat();
    assertTrue(networknt.matches(null, "o'hara@example.com"));
    assertFalse(networknt.matches(null, "a..b@example.com"));
  }
}

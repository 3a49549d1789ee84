package dev.roster.manifest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The files, checked and merged: instances, and every person's accounts with defaults applied and
 * references resolved.
 */
public record Manifest(
    Map<String, Instance> instances, List<DeclaredPerson> people, List<String> protect, Map<String, Object> safety) {

  /** A platform instance as declared; {@code config} holds every key, references resolved. */
  public record Instance(String name, String type, Map<String, Object> config, Source source) {}

  public record DeclaredPerson(String handle, String email, String name, Source source, List<DeclaredAccount> accounts) {}

  /** What the files want of an account: {@code ensure: present | absent | suspended}. */
  public enum Ensure { PRESENT, ABSENT, SUSPENDED }

  /** {@code until: DATE} and where it is written: from that day (UTC) the account is offboarded. */
  public record Expiry(LocalDate date, Source source) {}

  /**
   * One person's account on one instance.
   *
   * @param attributes person defaults, then the instance's defaults, then what the account writes
   * @param previously keys the account may still have on the platform (former e-mails, handles, logins):
   *     a live account holding one is renamed, not replaced
   * @param until null when the account does not expire
   */
  public record DeclaredAccount(String person, String instance, Map<String, Object> attributes, Ensure ensure,
      List<String> previously, Expiry until, Source source) {

    public DeclaredAccount {
      previously = List.copyOf(previously);
    }

    /** An account that is simply there: no former keys, no expiry. */
    public DeclaredAccount(String person, String instance, Map<String, Object> attributes, boolean absent, Source source) {
      this(person, instance, attributes, absent ? Ensure.ABSENT : Ensure.PRESENT, List.of(), null, source);
    }

    public boolean absent() {
      return ensure == Ensure.ABSENT;
    }
  }
}

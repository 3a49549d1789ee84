package dev.roster.manifest;

import java.util.List;
import java.util.Map;

/**
 * The files, checked and merged: instances, and every person's accounts with defaults applied and
 * references resolved.
 */
public record Manifest(
    Map<String, Instance> instances, List<DeclaredPerson> people, List<String> protect, Map<String, Object> safety) {

  /** A platform instance as declared; {@code config} holds every key, references resolved. */
  public record Instance(String name, String type, Map<String, Object> config, Source source) {
    public boolean prune() {
      return Boolean.TRUE.equals(config.get("prune"));
    }

    @SuppressWarnings("unchecked")
    public List<String> protect() {
      Object p = config.get("protect");
      return p instanceof List<?> l ? (List<String>) l : List.of();
    }
  }

  public record DeclaredPerson(String handle, String email, String name, Source source, List<DeclaredAccount> accounts) {}

  /**
   * One person's account on one instance.
   *
   * @param attributes person defaults, then the instance's defaults, then what the account writes
   * @param absent {@code ensure: absent}
   */
  public record DeclaredAccount(String person, String instance, Map<String, Object> attributes, boolean absent, Source source) {}
}

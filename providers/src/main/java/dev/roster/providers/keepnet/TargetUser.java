package dev.roster.providers.keepnet;

import dev.roster.spi.Change;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A target user in the manifest's vocabulary: read from a TargetUserSearchView (with the user's full
 * record where it was read), and written as CreateTargetUserRequest and UpdateTargetUserRequest bodies.
 */
final class TargetUser {
  static final List<String> MANAGER_FIELDS = List.of("managerEmail", "managerFirstName", "managerLastName");
  /** Attributes the search view and the record both carry under the attribute's name. */
  private static final List<String> VIEW_FIELDS = List.of("email", "firstName", "lastName", "phoneNumber",
      "department", "priority");
  /** Fields of both requests that map one-to-one to attributes of the same name. */
  private static final List<String> PLAIN_FIELDS = List.of("firstName", "lastName", "department", "priority",
      "phoneNumber", "timeZoneId", "preferredLanguageId", "managerFirstName", "managerLastName", "managerEmail");
  /** Fields the API refuses as null or empty (required or enum): left out when there is no value. */
  private static final Set<String> OMIT_WHEN_EMPTY = Set.of("phoneNumber", "priority");

  private TargetUser() {}

  // ---------------------------------------------------------------- reading

  /**
   * @param record the user's full record ({@code GET /api/target-users/{id}}), or null when it was not read
   * @param groups the user's target groups as plans show them
   */
  static LiveAccount account(String id, JsonNode view, JsonNode record, List<String> groups) {
    Map<String, Object> a = new LinkedHashMap<>();
    for (String f : VIEW_FIELDS) {
      put(a, f, text(record, f, view, f));
    }
    if (record != null && record.path("isActive").isBoolean()) {
      a.put("isActive", record.path("isActive").asBoolean());
    } else {
      put(a, "isActive", active(view.path("status").asString(null)));
    }
    a.put("targetGroups", new ArrayList<Object>(groups));
    if (record != null) {
      for (String f : MANAGER_FIELDS) {
        put(a, f, record.path(f).asString(null));
      }
    }
    // the search view names them timeZone / preferredLanguage; the record and the requests add "Id"
    put(a, "timeZoneId", text(record, "timeZoneId", view, "timeZone"));
    put(a, "preferredLanguageId", text(record, "preferredLanguageId", view, "preferredLanguage"));
    return new LiveAccount(id, a, readOnlyReason(view));
  }

  /** The search view's {@code status}: Active (or 1) and Inactive (or 0); null when unknown. */
  private static Boolean active(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    return switch (status.strip().toLowerCase(Locale.ROOT)) {
      case "active", "1", "true" -> true;
      case "inactive", "passive", "disabled", "0", "false" -> false;
      default -> null;
    };
  }

  /** The search already filters deleted users out; this also drops any that slip through. */
  static boolean isDeleted(JsonNode view) {
    String status = view.path("status").asString("");
    return status.equalsIgnoreCase("deleted") || status.equals("2") || view.path("isDeleted").asBoolean(false);
  }

  /** SCIM- and LDAP-synced users are not editable: Keepnet's directory sync owns them. */
  private static String readOnlyReason(JsonNode view) {
    if (!view.path("isEditable").isBoolean() || view.path("isEditable").asBoolean()) {
      return null;
    }
    String scim = view.path("scimSettingName").asString(null);
    String ldap = view.path("ldapConfigName").asString(null);
    if (scim != null && !scim.isBlank()) {
      return "synced from SCIM setting " + scim + ": not editable in Keepnet";
    }
    if (ldap != null && !ldap.isBlank()) {
      return "synced from LDAP " + ldap + ": not editable in Keepnet";
    }
    return "not editable in Keepnet (synced from a directory)";
  }

  private static String text(JsonNode record, String recordField, JsonNode view, String viewField) {
    if (record != null && record.has(recordField)) {
      return record.path(recordField).asString(null);
    }
    return view.path(viewField).asString(null);
  }

  private static void put(Map<String, Object> a, String name, Object value) {
    if (value != null) {
      a.put(name, value);
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * What the files declare; a new user is active unless they say otherwise.
   *
   * @param groupIds the declared groups' resource ids, or null when the files do not manage them
   */
  static Map<String, Object> createBody(Map<String, Object> desired, List<String> groupIds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", plain(desired.get("email")));
    for (String f : PLAIN_FIELDS) {
      if (desired.containsKey(f)) {
        body.put(f, plain(desired.get(f)));
      }
    }
    // isActive is a non-nullable boolean: left out, Keepnet would create the user inactive
    body.put("isActive", desired.containsKey("isActive") ? desired.get("isActive") : Boolean.TRUE);
    if (groupIds != null) {
      body.put("targetGroupResourceIds", groupIds);
    }
    return body;
  }

  /**
   * A full replacement: the user's current record with the managed attributes changed. Nothing the
   * files do not manage is dropped: custom fields and group memberships go back as they are.
   *
   * @param groupIds the resource ids of the groups the user is to be in: as declared, or as read
   */
  static Map<String, Object> updateBody(JsonNode record, Change change, List<String> groupIds) {
    Map<String, Object> desired = change.desired();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", desired.containsKey("email") ? plain(desired.get("email")) : record.path("email").asString(null));
    for (String f : PLAIN_FIELDS) {
      Object value = desired.containsKey(f) ? plain(desired.get(f)) : record.path(f).asString(null);
      if (value != null || !OMIT_WHEN_EMPTY.contains(f)) {
        body.put(f, value);
      }
    }
    if (desired.containsKey("isActive")) {
      body.put("isActive", desired.get("isActive"));
    } else if (record.path("isActive").isBoolean()) {
      body.put("isActive", record.path("isActive").asBoolean());
    } else {
      body.put("isActive", !Boolean.FALSE.equals(change.live().get("isActive")));
    }
    if (record.path("customFieldValues").isArray()) {
      body.put("customFields", record.path("customFieldValues"));
    } else if (record.path("customFields").isArray()) {
      body.put("customFields", record.path("customFields"));
    }
    body.put("targetGroupResourceIds", groupIds);
    return body;
  }

  private static Object plain(Object v) {
    return v instanceof Secret s ? s.reveal() : v;
  }
}

package dev.roster.providers.keepnet;

import dev.roster.spi.LiveAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A TargetUserSearchView, with the user's full record where it was read, in the manifest's vocabulary. */
final class TargetUserView {
  static final List<String> MANAGER_FIELDS = List.of("managerEmail", "managerFirstName", "managerLastName");

  private TargetUserView() {}

  /**
   * @param record the user's full record ({@code GET /api/target-users/{id}}), or null when it was not read
   * @param groups the user's target groups as plans show them
   */
  static LiveAccount account(String id, JsonNode view, JsonNode record, List<String> groups) {
    Map<String, Object> a = new LinkedHashMap<>();
    put(a, "email", text(record, "email", view, "email"));
    put(a, "firstName", text(record, "firstName", view, "firstName"));
    put(a, "lastName", text(record, "lastName", view, "lastName"));
    put(a, "phoneNumber", text(record, "phoneNumber", view, "phoneNumber"));
    put(a, "department", text(record, "department", view, "department"));
    put(a, "priority", text(record, "priority", view, "priority"));
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
  static Boolean active(String status) {
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
  static String readOnlyReason(JsonNode view) {
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
}

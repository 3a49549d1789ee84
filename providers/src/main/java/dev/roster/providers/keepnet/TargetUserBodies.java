package dev.roster.providers.keepnet;

import dev.roster.spi.Change;
import dev.roster.spi.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** CreateTargetUserRequest and UpdateTargetUserRequest bodies. */
final class TargetUserBodies {
  /** Fields of both requests that map one-to-one to attributes of the same name. */
  private static final List<String> PLAIN_FIELDS = List.of("firstName", "lastName", "department", "priority",
      "phoneNumber", "timeZoneId", "preferredLanguageId", "managerFirstName", "managerLastName", "managerEmail");
  /** Fields the API refuses as null or empty (required or enum): left out when there is no value. */
  private static final Set<String> OMIT_WHEN_EMPTY = Set.of("phoneNumber", "priority");

  private TargetUserBodies() {}

  /**
   * What the files declare; a new user is active unless they say otherwise.
   *
   * @param groupIds the declared groups' resource ids, or null when the files do not manage them
   */
  static Map<String, Object> create(Map<String, Object> desired, List<String> groupIds) {
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
  static Map<String, Object> update(JsonNode record, Change change, List<String> groupIds) {
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

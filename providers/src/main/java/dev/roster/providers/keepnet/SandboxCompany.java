package dev.roster.providers.keepnet;

import static dev.roster.providers.keepnet.KeepnetSandbox.ok;
import static dev.roster.providers.keepnet.KeepnetSandbox.refused;

import dev.roster.spi.Json;
import dev.roster.spi.SandboxResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The one company a {@link KeepnetSandbox} serves: its target users and target groups, and what the
 * API does to them. Deletion is soft (a deleted user stays in searches that do not filter it out),
 * {@code PUT} replaces the whole record, the update's field limits are tighter than the create's,
 * and SCIM/LDAP-synced users cannot be changed.
 *
 * <p>Where the platform's behaviour is unknown, it picks one: a missing {@code phoneNumber} is
 * accepted (the docs' own example omits it), a duplicate e-mail is a 400 with a validation message,
 * priorities are Low/Medium/High, and a missing {@code isActive} means false (a .NET non-nullable
 * boolean).
 */
final class SandboxCompany {
  private static final Set<String> USER_FIELDS = Set.of("email", "firstName", "lastName", "department", "priority",
      "isActive", "customFields", "phoneNumber", "targetGroupResourceIds", "timeZoneId", "preferredLanguageId",
      "managerFirstName", "managerLastName", "managerEmail");
  private static final Set<String> PRIORITIES = Set.of("Low", "Medium", "High");
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One target user as the platform stores it. */
  static final class User {
    String resourceId;
    String email;
    String firstName;
    String lastName;
    String department;
    String priority;
    boolean isActive = true;
    String phoneNumber;
    String timeZoneId;
    String preferredLanguageId;
    String managerFirstName;
    String managerLastName;
    String managerEmail;
    List<Object> customFields = new ArrayList<>();
    Instant createTime;
    Instant updateTime;
    boolean deleted;
    boolean editable = true;
    String scimSettingName;
    String ldapConfigName;
  }

  private record Group(String resourceId, String name, Instant createTime, Set<String> members) {}

  /** A search body as far as the sandbox reads it. */
  record Search(int pageNumber, int pageSize, boolean excludeDeleted) {}

  private final Map<String, User> users = new LinkedHashMap<>();
  /** Users not deleted, by lower-cased e-mail: a create finds a clash without a scan. */
  private final Map<String, User> liveByEmail = new HashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private long sequence;

  synchronized void clear() {
    users.clear();
    liveByEmail.clear();
    groups.clear();
    sequence = 0;
  }

  /** Adds an active, editable target user; returns it for further setting. */
  synchronized User addUser(String email, String firstName, String lastName) {
    User u = newUser();
    u.email = email;
    u.firstName = firstName;
    u.lastName = lastName;
    liveByEmail.put(email.toLowerCase(Locale.ROOT), u);
    return u;
  }

  /** A stored user with a new id, created now: last in creation order. */
  private User newUser() {
    User u = new User();
    u.resourceId = newId();
    u.createTime = Instant.now().plusMillis(++sequence);
    users.put(u.resourceId, u);
    return u;
  }

  synchronized void addGroup(String resourceId, String name) {
    groups.put(resourceId, new Group(resourceId, name, Instant.now().plusMillis(++sequence), new LinkedHashSet<>()));
  }

  synchronized void addMember(String groupId, String userId) {
    groups.get(groupId).members().add(userId);
  }

  /** Users not deleted, by lower-cased e-mail. */
  synchronized Map<String, User> liveUsers() {
    return new HashMap<>(liveByEmail);
  }

  /** Every user ever created, deleted ones included. */
  synchronized int storedUsers() {
    return users.size();
  }

  synchronized Set<String> groupsOf(String userId) {
    return groups.values().stream().filter(g -> g.members().contains(userId)).map(Group::resourceId)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  // ---------------------------------------------------------------- searches

  /** The target users, in creation order. */
  synchronized SandboxResponse users(Search s) {
    return page(users.values().stream().filter(u -> !(s.excludeDeleted() && u.deleted)).toList(), s, this::view);
  }

  synchronized SandboxResponse groups(Search s) {
    return page(List.copyOf(groups.values()), s, g -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("resourceId", g.resourceId());
      v.put("name", g.name());
      v.put("companyName", "Sandbox Company");
      v.put("userCount", (int) g.members().stream().filter(id -> !users.get(id).deleted).count());
      v.put("priority", "Medium");
      v.put("createTime", g.createTime().toString());
      v.put("isEditable", true);
      v.put("isScimGroup", false);
      return v;
    });
  }

  /** A group's members, in creation order. */
  synchronized SandboxResponse members(String groupId, Search s) {
    Group g = groups.get(groupId);
    if (g == null) {
      throw refused(404, "NotFound", "Target group not found", null);
    }
    return page(users.values().stream().filter(u -> g.members().contains(u.resourceId))
        .filter(u -> !(s.excludeDeleted() && u.deleted)).toList(), s, this::view);
  }

  /**
   * The page the search asks for, as a PagedResult. Views of the page's own results only: a view of
   * every match for each page was most of a large search's CPU.
   */
  private static <T> SandboxResponse page(List<T> all, Search s, Function<T, Map<String, Object>> view) {
    int from = (int) Math.min(all.size(), (long) (s.pageNumber() - 1) * s.pageSize());
    int to = (int) Math.min(all.size(), (long) from + s.pageSize());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("pageNumber", s.pageNumber());
    data.put("pageSize", s.pageSize());
    data.put("totalNumberOfPages", (int) ((all.size() + (long) s.pageSize() - 1) / s.pageSize()));
    data.put("totalNumberOfRecords", all.size());
    data.put("results", all.subList(from, to).stream().map(view).toList());
    return ok(data, null);
  }

  /** What the search view and the full record both carry. */
  private static Map<String, Object> common(User u) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("resourceId", u.resourceId);
    v.put("email", u.email);
    v.put("firstName", u.firstName);
    v.put("lastName", u.lastName);
    v.put("department", u.department);
    v.put("priority", u.priority);
    v.put("customFieldValues", u.customFields);
    v.put("phoneNumber", u.phoneNumber);
    return v;
  }

  /** TargetUserSearchView. */
  private Map<String, Object> view(User u) {
    Map<String, Object> v = common(u);
    v.put("status", u.deleted ? "Deleted" : u.isActive ? "Active" : "Inactive");
    v.put("createTime", u.createTime.toString());
    v.put("updateTime", u.updateTime == null ? null : u.updateTime.toString());
    v.put("isEditable", u.editable);
    v.put("scimSettingName", u.scimSettingName);
    v.put("ldapConfigName", u.ldapConfigName);
    v.put("timeZone", u.timeZoneId);
    v.put("preferredLanguage", u.preferredLanguageId);
    return v;
  }

  // ---------------------------------------------------------------- target users

  /** TargetUserDto. */
  synchronized SandboxResponse get(String id) {
    User u = existing(id);
    Map<String, Object> d = common(u);
    d.put("isActive", u.isActive);
    d.put("timeZoneId", u.timeZoneId);
    d.put("preferredLanguageId", u.preferredLanguageId);
    d.put("managerFirstName", u.managerFirstName);
    d.put("managerLastName", u.managerLastName);
    d.put("managerEmail", u.managerEmail);
    String full = ((u.managerFirstName == null ? "" : u.managerFirstName) + " "
        + (u.managerLastName == null ? "" : u.managerLastName)).strip();
    d.put("managerFullName", full.isEmpty() ? null : full);
    return ok(d, null);
  }

  synchronized SandboxResponse create(JsonNode body) {
    validate(body, 256, null);
    User u = newUser();
    write(u, body);
    return ok(Map.of("resourceId", u.resourceId), "Target user created");
  }

  synchronized SandboxResponse update(String id, JsonNode body) {
    User u = existing(id);
    if (!u.editable) {
      throw refused(400, "Invalid", "This target user is synced from "
          + (u.scimSettingName != null ? "SCIM" : "LDAP") + " and cannot be edited", null);
    }
    validate(body, 40, u);
    write(u, body);
    u.updateTime = Instant.now();
    return ok(Map.of("resourceId", u.resourceId), "Target user updated");
  }

  synchronized SandboxResponse delete(String id) {
    User u = existing(id);
    if (!u.editable) {
      throw refused(400, "Invalid", "This target user is synced from a directory and cannot be deleted", null);
    }
    u.deleted = true; // soft: still found by a search that does not filter deleted users out
    liveByEmail.remove(u.email.toLowerCase(Locale.ROOT), u);
    groups.values().forEach(g -> g.members().remove(id));
    return ok(Map.of("resourceId", id), "Target user deleted");
  }

  /** The user with this id, unless there is none or it was deleted (then the platform answers 404). */
  private User existing(String id) {
    User u = users.get(id);
    if (u == null || u.deleted) {
      throw refused(404, "NotFound", "Target user not found", null);
    }
    return u;
  }

  /** Create (names up to 256) and update (names up to 40, department up to 64) validation. */
  private void validate(JsonNode body, int nameMax, User self) {
    List<String> problems = problems(body, nameMax, self);
    if (!problems.isEmpty()) {
      throw refused(400, "Invalid", "Validation failed", problems);
    }
  }

  private List<String> problems(JsonNode body, int nameMax, User self) {
    List<String> p = new ArrayList<>();
    if (body == null || !body.isObject()) {
      return List.of("A non-empty request body is required.");
    }
    for (String name : body.propertyNames()) {
      if (!USER_FIELDS.contains(name)) {
        p.add("The JSON property '" + name + "' could not be mapped to any field.");
      }
    }
    String email = body.path("email").isString() ? body.path("email").asString() : null;
    if (email == null || email.isBlank()) {
      p.add("The Email field is required.");
    } else if (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+")) {
      p.add("The Email field is not a valid e-mail address.");
    } else if (liveByEmail.getOrDefault(email.toLowerCase(Locale.ROOT), self) != self) {
      p.add("A target user with the email " + email + " already exists.");
    }
    JsonNode phone = given(body, "phoneNumber");
    if (phone != null && (!phone.isString() || phone.asString().isEmpty())) {
      p.add("The field PhoneNumber must be a string with a minimum length of 1.");
    }
    for (String name : List.of("firstName", "lastName", "managerFirstName", "managerLastName")) {
      limit(body, name, nameMax, p);
    }
    limit(body, "department", nameMax == 40 ? 64 : 256, p);
    limit(body, "managerEmail", 320, p);
    JsonNode priority = given(body, "priority");
    if (priority != null && !PRIORITIES.contains(priority.asString(""))) {
      p.add("The value '" + priority + "' is not a valid TargetUserPriority (Low, Medium, High).");
    }
    if (body.has("isActive") && !body.get("isActive").isBoolean()) {
      p.add("isActive must be a boolean.");
    }
    JsonNode groupIds = given(body, "targetGroupResourceIds");
    if (groupIds != null && !groupIds.isArray()) {
      p.add("targetGroupResourceIds must be an array.");
    } else if (groupIds != null) {
      groupIds.forEach(g -> {
        if (!groups.containsKey(g.asString(""))) {
          p.add("Target group not found: " + g.asString(""));
        }
      });
    }
    return p;
  }

  private static void limit(JsonNode body, String field, int max, List<String> p) {
    JsonNode v = given(body, field);
    if (v != null && (!v.isString() || v.asString().length() > max)) {
      p.add("The field " + Character.toUpperCase(field.charAt(0)) + field.substring(1)
          + " must be a string with a maximum length of " + max + ".");
    }
  }

  /** A full replacement: a field the body leaves out is cleared, as Keepnet's PUT does. */
  private void write(User u, JsonNode body) {
    if (u.email != null) {
      liveByEmail.remove(u.email.toLowerCase(Locale.ROOT), u);
    }
    u.email = body.path("email").asString();
    liveByEmail.put(u.email.toLowerCase(Locale.ROOT), u);
    u.firstName = text(body, "firstName");
    u.lastName = text(body, "lastName");
    u.department = text(body, "department");
    u.priority = text(body, "priority");
    u.isActive = body.path("isActive").asBoolean(false);
    u.phoneNumber = text(body, "phoneNumber");
    u.timeZoneId = text(body, "timeZoneId");
    u.preferredLanguageId = text(body, "preferredLanguageId");
    u.managerFirstName = text(body, "managerFirstName");
    u.managerLastName = text(body, "managerLastName");
    u.managerEmail = text(body, "managerEmail");
    u.customFields = new ArrayList<>();
    if (body.path("customFields").isArray()) {
      body.path("customFields").forEach(c -> u.customFields.add(Json.MAPPER.convertValue(c, Object.class)));
    }
    // the ids were checked: each names a group
    groups.values().forEach(g -> g.members().remove(u.resourceId));
    body.path("targetGroupResourceIds").forEach(g -> groups.get(g.asString()).members().add(u.resourceId));
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = given(body, field);
    return v == null ? null : v.asString();
  }

  /** The field's value; null when the body leaves it out or sets it to null. */
  private static JsonNode given(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? null : v;
  }

  static String newId() {
    StringBuilder s = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}

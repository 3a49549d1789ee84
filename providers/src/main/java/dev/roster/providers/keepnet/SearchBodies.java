package dev.roster.providers.keepnet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search request bodies, following the quickstart's rules: never an empty body or {@code filter: null},
 * {@code searchInputTextValue} is {@code ""} (never null), {@code orderBy} is a non-null column and
 * {@code ascending} is explicit; otherwise Keepnet answers 400, 500 or {@code INPUT_ERROR}.
 * Ordering by creation time keeps pages stable while they are read concurrently.
 */
final class SearchBodies {
  static final String ORDER_BY = "CreateTime";

  private SearchBodies() {}

  /**
   * Every target user that is not deleted (deletion is soft: deleted users stay searchable unless
   * filtered out). Inactive users are included on purpose: {@code isActive} is a managed attribute,
   * and an inactive user left out of the list would be planned as a new one.
   */
  static Map<String, Object> users(int pageNumber, int pageSize) {
    Map<String, Object> body = paging(pageNumber, pageSize);
    body.put("newVersion", false);
    body.put("filter", filter(List.of(notDeleted())));
    return body;
  }

  /** Target groups the company made (not system-generated ones). */
  static Map<String, Object> groups(int pageNumber, int pageSize) {
    Map<String, Object> body = paging(pageNumber, pageSize);
    body.put("systemGeneratedGroups", false);
    body.put("filter", filter(List.of()));
    return body;
  }

  /** The members of one group, deleted users left out. */
  static Map<String, Object> groupUsers(int pageNumber, int pageSize) {
    Map<String, Object> body = paging(pageNumber, pageSize);
    body.put("excludeGroupUsers", false);
    body.put("filter", filter(List.of(notDeleted())));
    return body;
  }

  private static Map<String, Object> paging(int pageNumber, int pageSize) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pageNumber", pageNumber);
    body.put("pageSize", pageSize);
    body.put("orderBy", ORDER_BY);
    body.put("ascending", true);
    return body;
  }

  private static Map<String, Object> notDeleted() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("fieldName", "IsDeleted");
    item.put("operator", "Contains");
    item.put("value", "false"); // FilterItem.value is a string in the spec
    return item;
  }

  private static Map<String, Object> filter(List<Map<String, Object>> items) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("condition", "AND");
    filter.put("searchInputTextValue", "");
    if (items.isEmpty()) {
      filter.put("filterGroups", List.of());
    } else {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("condition", "AND");
      group.put("filterItems", items);
      group.put("filterGroups", List.of());
      filter.put("filterGroups", List.of(group));
    }
    return filter;
  }
}

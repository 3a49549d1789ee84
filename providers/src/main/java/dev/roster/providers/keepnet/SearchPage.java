package dev.roster.providers.keepnet;

import dev.roster.spi.Json;
import dev.roster.spi.PlatformException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One page of a Keepnet search: the body that asks for it, and the answer, checked against the
 * documented {@code PagedResult} shape ({@code pageNumber}, {@code pageSize}, {@code totalNumberOfPages},
 * {@code totalNumberOfRecords}, {@code results}, each result with its {@code resourceId}). An answer
 * without that shape fails the read: taken as it is, it would yield fewer users or memberships than
 * Keepnet holds.
 *
 * @param request what was sent, for errors
 * @param results the page's results, each with a {@code resourceId}
 * @param pageCount how many pages the search has, as this page says
 */
record SearchPage(String request, List<JsonNode> results, int pageCount) {
  /** A platform claiming more pages than this is answering nonsense: stop rather than loop. */
  private static final int MAX_PAGES = 100_000;
  private static final String HINT = "the answer does not have the shape Keepnet documents; check url "
      + "(the Keepnet API base, e.g. https://api.keepnetlabs.com)";

  /**
   * The body asking for page {@code number}, following the quickstart's rules: never an empty body or
   * {@code filter: null}, {@code searchInputTextValue} is {@code ""} (never null), {@code orderBy} is a
   * non-null column and {@code ascending} is explicit; otherwise Keepnet answers 400, 500 or
   * {@code INPUT_ERROR}. Ordering by creation time keeps pages stable while they are read concurrently.
   *
   * @param option the search's own flag, sent as false
   * @param notDeleted whether deleted users are filtered out (deletion is soft: they stay searchable);
   *     the filter item's value is a string in the spec
   */
  static JsonNode body(int number, int size, String option, boolean notDeleted) {
    String notDeletedGroup = """
        {"condition": "AND", "filterItems": [{"fieldName": "IsDeleted", "operator": "Contains", "value": "false"}],
         "filterGroups": []}""";
    return Json.MAPPER.readTree("""
        {"pageNumber": %d, "pageSize": %d, "orderBy": "CreateTime", "ascending": true, "%s": false,
         "filter": {"condition": "AND", "searchInputTextValue": "", "filterGroups": [%s]}}
        """.formatted(number, size, option, notDeleted ? notDeletedGroup : ""));
  }

  /** Page {@code number} of a search asked for {@code size} results a page, from the answer's {@code data}. */
  static SearchPage read(String request, int number, int size, JsonNode data) {
    String page = "page " + number;
    if (!data.isObject()) {
      throw wrong(request, page + " has no data");
    }
    long records = count(data, "totalNumberOfRecords");
    JsonNode results = data.path("results");
    if (results.isMissingNode() || results.isNull()) {
      if (records != 0) {
        throw wrong(request, page + " has no data.results"
            + (records > 0 ? " while totalNumberOfRecords is " + records : " and no totalNumberOfRecords"));
      }
    } else if (!results.isArray()) {
      throw wrong(request, "data.results of " + page + " is not an array");
    }
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode result : results) {
      if (!result.path("resourceId").isString() || result.path("resourceId").asString().isBlank()) {
        throw wrong(request, "result " + (items.size() + 1) + " of " + page + " has no resourceId");
      }
      items.add(result);
    }
    if (data.path("pageNumber").canConvertToInt() && data.path("pageNumber").asInt() != number) {
      throw wrong(request, page + " was asked for and page " + data.path("pageNumber").asInt() + " came back");
    }
    return new SearchPage(request, items, pageCount(request, number, size, data, records, items.size()));
  }

  /**
   * {@code totalNumberOfPages}, checked against {@code totalNumberOfRecords} over the page size when
   * both are given, and against the results this page holds.
   */
  private static int pageCount(String request, int number, int asked, JsonNode data, long records, int held) {
    String page = "page " + number;
    int size = data.path("pageSize").asInt(0) > 0 ? data.path("pageSize").asInt() : asked;
    long pages = count(data, "totalNumberOfPages");
    if (pages < 0 && records < 0) {
      throw wrong(request, page + " gives neither totalNumberOfPages nor totalNumberOfRecords");
    }
    long byRecords = records < 0 ? -1 : Math.max(1, (records + size - 1) / size);
    if (pages >= 0 && byRecords >= 0 && Math.max(1, pages) != byRecords) {
      throw wrong(request, page + " gives totalNumberOfPages " + pages + ", but totalNumberOfRecords " + records
          + " at " + size + " a page make " + byRecords + " pages");
    }
    if (records >= 0) {
      long due = Math.max(0, Math.min(size, records - (long) (number - 1) * size));
      if (held < due) {
        throw wrong(request, page + " holds " + held + " of its " + due + " results (totalNumberOfRecords "
            + records + ")");
      }
    }
    long count = pages >= 0 ? Math.max(1, pages) : byRecords;
    if (count > MAX_PAGES) {
      throw new PlatformException(200, request, "Keepnet reports " + count + " pages",
          "a page count this large is not believable; check url");
    }
    return (int) count;
  }

  /**
   * Every page's results, in page order. A later page counting more pages than the first means some
   * were never asked for.
   */
  static List<JsonNode> results(List<SearchPage> pages) {
    int count = pages.get(0).pageCount();
    List<JsonNode> all = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      SearchPage page = pages.get(i);
      if (page.pageCount() > count) {
        throw wrong(page.request(), "page " + (i + 1) + " says there are " + page.pageCount()
            + " pages where page 1 said " + count);
      }
      all.addAll(page.results());
    }
    return all;
  }

  /** A count the page gives, or -1 when it gives none. */
  private static long count(JsonNode data, String field) {
    return data.path(field).canConvertToLong() ? data.path(field).asLong() : -1;
  }

  private static PlatformException wrong(String request, String what) {
    return new PlatformException(200, request, what, HINT);
  }
}

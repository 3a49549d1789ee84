package dev.roster.providers.keepnet;

import dev.roster.spi.PlatformException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One page of a Keepnet search.
 *
 * @param results the page's results that carry a {@code resourceId}
 * @param pageCount how many pages the search has, as this page says
 */
record SearchPage(List<JsonNode> results, int pageCount) {
  /** A platform claiming more pages than this is answering nonsense: stop rather than loop. */
  static final int MAX_PAGES = 100_000;

  /** Page {@code number} of a search asked for {@code size} results a page, from the answer's {@code data}. */
  static SearchPage read(String request, int number, int size, JsonNode data) {
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode result : data.path("results")) {
      if (result.path("resourceId").isString()) {
        items.add(result);
      }
    }
    return new SearchPage(items, pageCount(request, size, data));
  }

  /** {@code totalNumberOfPages}, or the records over the page size when only that is given. */
  private static int pageCount(String request, int size, JsonNode data) {
    long pages;
    if (data.path("totalNumberOfPages").canConvertToLong()) {
      pages = data.path("totalNumberOfPages").asLong();
    } else if (data.path("totalNumberOfRecords").canConvertToLong()) {
      long perPage = Math.max(1, data.path("pageSize").asLong(size));
      pages = (data.path("totalNumberOfRecords").asLong() + perPage - 1) / perPage;
    } else {
      pages = 1;
    }
    if (pages > MAX_PAGES) {
      throw new PlatformException(200, request, "Keepnet reports " + pages + " pages",
          "a page count this large is not believable; check url");
    }
    return (int) Math.max(1, pages);
  }

  /** Every page's results, in page order. */
  static List<JsonNode> results(List<SearchPage> pages) {
    List<JsonNode> all = new ArrayList<>();
    pages.forEach(page -> all.addAll(page.results()));
    return all;
  }
}

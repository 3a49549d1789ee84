package dev.roster.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects the requests made on this thread while one change is applied, for the apply report.
 * Header values that carry credentials are masked here; any secret value left is masked again by
 * the redactor when the report is written.
 */
public final class RequestRecorder {
  private static final Pattern CREDENTIAL_HEADER =
      Pattern.compile("(?i)authorization|proxy-authorization|cookie|api[-_]?key|.*token.*|.*secret.*|x-api-.*");
  private static final ThreadLocal<List<RecordedRequest>> CURRENT = new ThreadLocal<>();

  private RequestRecorder() {}

  /** Starts recording on this thread; {@link #stop()} returns what was recorded. */
  public static void start() {
    CURRENT.set(new ArrayList<>());
  }

  public static List<RecordedRequest> stop() {
    List<RecordedRequest> recorded = CURRENT.get();
    CURRENT.remove();
    return recorded == null ? List.of() : recorded;
  }

  static void record(String method, String url, Map<String, Collection<String>> headers, String outcome) {
    List<RecordedRequest> recorded = CURRENT.get();
    if (recorded == null) {
      return;
    }
    Map<String, String> shown = new LinkedHashMap<>();
    headers.forEach((name, values) -> shown.put(name,
        CREDENTIAL_HEADER.matcher(name).matches() ? "***" : String.join(", ", values)));
    recorded.add(new RecordedRequest(method, GuardedClient.maskUrl(url), shown, outcome));
  }
}

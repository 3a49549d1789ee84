package dev.roster.providers;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.roster.spi.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * What WireMock sees of the requests, without timing them: the order in which they arrive and are
 * answered, the most in flight at once, and answers held back until another request has arrived (so
 * that a test proves two requests were out together).
 *
 * <p>Requests are named {@code METHOD /path}, with {@code page N} added for a JSON body with a pageNumber (a search).
 */
public final class WireTraffic implements ServeEventListener {
  /** A held answer is let go after this even if its request never came: only a broken read waits that long. */
  private static final long HOLD_SECONDS = 20;

  private final List<String> events = new ArrayList<>();
  private final Map<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();
  private final Map<String, List<String>> holds = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  @Override
  public String getName() {
    return "traffic";
  }

  /** The answer to {@code request} leaves only once every one of {@code until} has arrived. */
  public void hold(String request, String... until) {
    holds.put(request, List.of(until));
  }

  @Override
  public void beforeMatch(ServeEvent event, Parameters parameters) {
    String name = name(event.getRequest());
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    record("sent " + name);
    arrival(name).countDown();
  }

  @Override
  public void beforeResponseSent(ServeEvent event, Parameters parameters) {
    String name = name(event.getRequest());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HOLD_SECONDS);
    for (String until : holds.getOrDefault(name, List.of())) {
      try {
        arrival(until).await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    record("answered " + name);
    // counted out before the answer leaves, so never more than the client has in flight
    inFlight.decrementAndGet();
  }

  /** Whether both happened, {@code first} before {@code then}: e.g. "sent POST /x page 2", "answered POST /y page 1". */
  public boolean before(String first, String then) {
    List<String> seen = events();
    int a = seen.indexOf(first);
    int b = seen.indexOf(then);
    return a >= 0 && b >= 0 && a < b;
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  private synchronized void record(String event) {
    events.add(event);
  }

  private CountDownLatch arrival(String name) {
    return arrivals.computeIfAbsent(name, n -> new CountDownLatch(1));
  }

  private static String name(Request request) {
    String name = request.getMethod() + " " + request.getUrl();
    String body = request.getBodyAsString();
    if (body != null && body.startsWith("{")) {
      JsonNode page = Json.MAPPER.readTree(body).path("pageNumber");
      if (page.isInt()) {
        name += " page " + page.asInt();
      }
    }
    return name;
  }
}

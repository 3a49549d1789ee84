package dev.roster.sandbox;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxApi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.HandlerSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's latency is each answer's time, its own work inside it, as a platform's response time is. */
class SandboxServerLatencyTest {
  private static final long LATENCY_MS = 300;

  /** Answers after working for {@code workMs}. */
  private static SandboxApi working(long workMs) {
    return new HandlerSandbox("slow", request -> {
      try {
        Thread.sleep(workMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return SandboxResponse.text(200, "done");
    });
  }

  private static long millisToAnswer(SandboxServer server) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("slow") + "/anything")).build();
    http.send(request, HttpResponse.BodyHandlers.ofString()); // the connection, opened once
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("done", response.body());
    return millis;
  }

  @Test
  void anAnswerTakesTheLatencyItsWorkIncluded() throws Exception {
    try (SandboxServer server = new SandboxServer(0, LATENCY_MS, List.of(working(200)))) {
      long millis = millisToAnswer(server);
      assertTrue(millis >= LATENCY_MS, "answered in " + millis + " ms, before the latency");
      // added on top, the work would make it 500 ms
      assertTrue(millis < LATENCY_MS + 150, "answered in " + millis + " ms: the work was added to the latency");
    }
  }

  @Test
  void workLongerThanTheLatencyIsAnsweredWhenDone() throws Exception {
    try (SandboxServer server = new SandboxServer(0, 100, List.of(working(250)))) {
      long millis = millisToAnswer(server);
      assertTrue(millis >= 250, "answered in " + millis + " ms, before the work was done");
      assertTrue(millis < 250 + 90, "answered in " + millis + " ms: the latency was added to the work");
    }
  }

  @Test
  void theWaitEndsAtItsDeadlineNotAtTheNextWholeMillisecond() throws Exception {
    long[] lateNanos = new long[21];
    for (int i = 0; i < lateNanos.length; i++) {
      long deadline = System.nanoTime() + 19_600_000; // a latency's remainder is rarely whole milliseconds
      SandboxServer.waitUntil(deadline);
      lateNanos[i] = System.nanoTime() - deadline;
    }
    Arrays.sort(lateNanos);
    assertTrue(lateNanos[0] >= 0, "returned " + (-lateNanos[0]) + " ns before its deadline");
    // rounded to 20 ms, as Thread.sleep(19, 600_000) does, the median is 0.45 ms or more
    long median = lateNanos[lateNanos.length / 2];
    assertTrue(median < 350_000, "half the waits ended " + median + " ns or more after their deadline");
  }
}

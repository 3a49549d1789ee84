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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's latency is the least time an answer takes. (That the work is inside it rather than
 * added on top is a matter of speed, which the benchmark shows: a test with an upper bound on time
 * would fail on a loaded machine.)
 */
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
  void anAnswerTakesAtLeastTheLatency() throws Exception {
    try (SandboxServer server = new SandboxServer(0, LATENCY_MS, List.of(working(200)))) {
      long millis = millisToAnswer(server);
      assertTrue(millis >= LATENCY_MS, "answered in " + millis + " ms, before the latency");
    }
  }

  @Test
  void workLongerThanTheLatencyIsAnsweredWhenDone() throws Exception {
    try (SandboxServer server = new SandboxServer(0, 100, List.of(working(250)))) {
      long millis = millisToAnswer(server);
      assertTrue(millis >= 250, "answered in " + millis + " ms, before the work was done");
    }
  }
}

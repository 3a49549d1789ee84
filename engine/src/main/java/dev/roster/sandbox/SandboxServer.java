package dev.roster.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Serves every sandbox on one loopback port, each under {@code /{type}}, with an optional fixed
 * latency per request: each answer leaves that long after its request came in (or as soon as it is
 * ready, when working it out took longer). Keeps a log of the requests it answered, for tests and
 * benchmarks.
 */
public final class SandboxServer implements AutoCloseable {
  /** Request bodies above this are refused, as a real server would. */
  private static final int MAX_BODY = 8 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, SandboxApi> apis = new LinkedHashMap<>();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private volatile long latencyMillis;
  /** CPU time spent answering (the latency's sleep excluded): the part a real platform spends on its own machines. */
  private final AtomicLong cpuNanos = new AtomicLong();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public SandboxServer(int port, long latencyMillis, List<SandboxApi> sandboxes) throws IOException {
    // without TCP_NODELAY, Nagle's algorithm and delayed ACKs stall small requests by ~40 ms
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.latencyMillis = latencyMillis;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    this.executor = Executors.newFixedThreadPool(64, r -> {
      Thread t = new Thread(r, "sandbox");
      t.setDaemon(true);
      return t;
    });
    for (SandboxApi api : sandboxes) {
      apis.put(api.type(), api);
      server.createContext("/" + api.type() + "/", exchange -> serve(api, api.type(), exchange));
    }
    server.setExecutor(executor);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL a manifest gives for {@code type}. */
  public String url(String type) {
    return "http://127.0.0.1:" + port() + "/" + type;
  }

  /**
   * Serves {@code type}'s sandbox under {@code /prefix} as well: the benchmark gives every instance
   * its own prefix, so that the request log tells instances of one platform apart.
   */
  public void alias(String prefix, String type) {
    SandboxApi api = apis.get(type);
    server.createContext("/" + prefix + "/", exchange -> serve(api, prefix, exchange));
  }

  public SandboxApi api(String type) {
    return apis.get(type);
  }

  public long latencyMillis() {
    return latencyMillis;
  }

  public void setLatencyMillis(long latencyMillis) {
    this.latencyMillis = latencyMillis;
  }

  /** {@code METHOD /type/path} of every request answered so far. */
  public List<String> requests() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  public void clearLog() {
    log.clear();
    cpuNanos.set(0);
  }

  /** CPU time the sandboxes spent answering since the log was last cleared. */
  public long cpuNanos() {
    return cpuNanos.get();
  }

  private void serve(SandboxApi api, String prefix, HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (exchange) {
      String full = exchange.getRequestURI().getRawPath();
      String path = full.substring(prefix.length() + 1);
      String method = exchange.getRequestMethod();
      log.add(method + " " + full);
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      SandboxResponse response;
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        response = SandboxResponse.json(413, Map.of("error", "Request entity too large"));
      } else {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        try {
          response = api.handle(new SandboxRequest(method, path, exchange.getRequestURI().getRawQuery(), headers, body));
        } catch (RuntimeException e) {
          response = SandboxResponse.json(500, Map.of("error", "sandbox failure: " + e));
        }
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (response.contentType() != null) {
        exchange.getResponseHeaders().add("Content-Type", response.contentType());
      }
      // the latency is the answer's time, the sandbox's own work inside it, as a platform's response
      // time holds its own: added on top, that work (done here on the cores Roster plans on) came on
      // every round trip (Keepnet, 10,000 people at 20 ms: 597-623 ms instead of 623-686 ms)
      waitUntil(arrived + latencyMillis * 1_000_000);
      int length = response.body().length;
      exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length);
      if (length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
      cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns at {@code deadline} ({@link System#nanoTime()}), or soon after. Not {@code Thread.sleep(ms, ns)}:
   * Java 17 rounds that to whole milliseconds, which made answers 0.4-0.9 ms late, on every round trip.
   */
  static void waitUntil(long deadline) throws InterruptedException {
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

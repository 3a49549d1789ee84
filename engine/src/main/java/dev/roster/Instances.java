package dev.roster;

import dev.roster.http.HttpClients;
import dev.roster.http.HttpSettings;
import dev.roster.http.RequestStats;
import dev.roster.spi.Declared;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The platform instances of one run: builds each one's provider with its HTTP clients, reads its
 * accounts, runs work for several instances at once, and closes every connection at the end.
 * Knows no platform.
 */
public final class Instances implements AutoCloseable {
  private final Map<String, ProviderFactory> factories;
  private final boolean verbose;
  private final Consumer<String> log;
  private final RequestStats stats = new RequestStats();
  private final Set<String> warnedInsecure = ConcurrentHashMap.newKeySet();
  private final Queue<HttpClients> clients = new ConcurrentLinkedQueue<>();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "roster");
    t.setDaemon(true);
    return t;
  });

  /** @param log where warnings and {@code --verbose} lines go */
  public Instances(Map<String, ProviderFactory> factories, boolean verbose, Consumer<String> log) {
    this.factories = factories;
    this.verbose = verbose;
    this.log = log;
  }

  public ProviderFactory factory(String type) {
    return factories.get(type);
  }

  public boolean verbose() {
    return verbose;
  }

  public void log(String line) {
    log.accept(line);
  }

  /** A provider for one instance; {@code readOnly} makes every write fail before it is sent. */
  public Provider provider(String instance, String type, Map<String, Object> config, boolean readOnly) {
    InstanceSettings settings = InstanceSettings.of(config);
    if (settings.insecureSkipTlsVerify() && warnedInsecure.add(instance)) {
      log.accept("WARNING: TLS certificates are NOT verified for '" + instance + "' (insecureSkipTlsVerify): "
          + "anyone on the network path can read its credentials and change its answers");
    }
    HttpSettings http = HttpSettings.defaults()
        .withVerbose(verbose)
        .withRequestsPerSecond(settings.requestsPerSecond())
        .withTimeouts(settings.connectTimeout(), settings.readTimeout())
        .withProxy(settings.proxy(), settings.insecureSkipTlsVerify());
    HttpClients client = new HttpClients(http, readOnly, stats, line -> log.accept("[" + instance + "] " + line));
    clients.add(client);
    return factories.get(type).create(new InstanceConfig(instance, type, config),
        new ProviderContext(client, settings.concurrency()));
  }

  /**
   * Every live account of an instance. A platform refusal becomes a failure naming the instance, and
   * so does one account listed twice: a page came back twice and another page never did, and a plan
   * on that list would create accounts that exist.
   */
  public List<LiveAccount> read(String instance, Provider provider, Declared declared) {
    List<LiveAccount> live;
    try {
      live = provider.list(declared);
    } catch (PlatformException e) {
      throw new ReadFailure("cannot read '" + instance + "': " + e.describe(), e.kind() == PlatformException.Kind.NOT_THE_API);
    }
    Set<String> ids = new HashSet<>();
    for (LiveAccount account : live) {
      if (!ids.add(account.id())) {
        throw new ReadFailure("cannot read '" + instance + "': the platform listed account " + account.id()
            + " twice (a page repeated?); refusing to plan on an incomplete list");
      }
    }
    return live;
  }

  /**
   * Runs one task per instance at once and returns their results in order. When instances cannot be
   * read, one failure names them all.
   */
  public <T> List<T> inParallel(List<Supplier<T>> tasks) {
    List<CompletableFuture<T>> futures = tasks.stream().map(t -> CompletableFuture.supplyAsync(t, pool)).toList();
    List<T> out = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (CompletableFuture<T> f : futures) {
      try {
        out.add(f.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof ReadFailure rf) {
          failures.addAll(rf.failures());
        } else if (e.getCause() instanceof RuntimeException re) {
          throw re;
        } else {
          throw e;
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new ReadFailure(failures);
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    clients.forEach(HttpClients::close);
  }
}

package dev.roster.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Requests of one instance's read on one pool of {@code concurrency} threads, so that at most that
 * many are in flight. A paged list asks for its first page, learns the page count from it, then asks
 * for every other page at once. Nothing waits inside the pool: a search's remaining pages are sent
 * by whichever thread brought its first page in, and only the caller waits, in {@link #join}.
 */
public final class PagedRead implements AutoCloseable {
  private final ExecutorService pool;

  public PagedRead(int concurrency) {
    this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
      Thread t = new Thread(r, "roster-read");
      t.setDaemon(true);
      return t;
    });
  }

  /** One request, sent on the pool. */
  public <T> CompletableFuture<T> one(Supplier<T> request) {
    return CompletableFuture.supplyAsync(request, pool);
  }

  /**
   * Every page of a paged list, in page order.
   *
   * @param page asks for page N (1-based)
   * @param pageCount how many pages there are, as the first page says
   */
  public <P> CompletableFuture<List<P>> pages(IntFunction<P> page, ToIntFunction<P> pageCount) {
    return one(() -> page.apply(1)).thenCompose(first -> {
      List<CompletableFuture<P>> rest = new ArrayList<>();
      for (int p = 2, pages = pageCount.applyAsInt(first); p <= pages; p++) {
        int number = p;
        rest.add(one(() -> page.apply(number)));
      }
      return CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).thenApply(done -> {
        List<P> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        rest.forEach(f -> all.add(f.join()));
        return all;
      });
    });
  }

  /** The result, or the failure the request itself threw (a {@link PlatformException}, say). */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Stops the requests still queued: a failed read sends nothing more. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}

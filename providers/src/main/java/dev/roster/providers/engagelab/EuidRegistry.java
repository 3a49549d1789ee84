package dev.roster.providers.engagelab;

import dev.roster.spi.PagedRead;
import dev.roster.spi.PlatformException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/**
 * Resolves user_ids to euids with {@code POST /v1/user/register}, at most {@value #BATCH} identities a
 * request, each one once per provider instance (a failed one is asked again). Thread-safe, and
 * batching on its own: while one register request is in flight, the user_ids other threads ask for
 * queue up and go out together in the next request (group commit, no added delay).
 */
final class EuidRegistry {
  static final int BATCH = 100;

  private final EngageLabApi api;
  /** Every user_id asked for, and its euid once known; guarded by itself, as is {@link #pending}. */
  private final Map<String, CompletableFuture<Long>> known = new LinkedHashMap<>();
  private final LinkedHashSet<String> pending = new LinkedHashSet<>();
  /** One register request at a time: whoever holds it sends what is pending. */
  private final ReentrantLock sending = new ReentrantLock();

  EuidRegistry(EngageLabApi api) {
    this.api = api;
  }

  /** The euid of {@code userId}, registering it (with whatever else is pending) if needed. */
  long euid(String userId) {
    return PagedRead.join(resolveAll(List.of(userId)).get(0));
  }

  /**
   * Registers every user_id not resolved yet, in full batches, until each has its answer, which may be
   * a failure: what fails is asked again by {@link #euid}.
   */
  List<CompletableFuture<Long>> resolveAll(Collection<String> userIds) {
    List<CompletableFuture<Long>> futures = enqueue(userIds);
    sending.lock();
    try {
      while (futures.stream().anyMatch(f -> !f.isDone())) {
        sendOneBatch();
      }
    } finally {
      sending.unlock();
    }
    return futures;
  }

  private List<CompletableFuture<Long>> enqueue(Collection<String> userIds) {
    List<CompletableFuture<Long>> out = new ArrayList<>();
    synchronized (known) {
      for (String id : userIds) {
        CompletableFuture<Long> f = known.get(id);
        if (f == null || f.isCompletedExceptionally()) {
          f = new CompletableFuture<>();
          known.put(id, f);
          pending.add(id);
        }
        out.add(f);
      }
    }
    return out;
  }

  /** Sends up to {@value #BATCH} pending user_ids, oldest first; called with {@link #sending} held. */
  private void sendOneBatch() {
    Map<String, CompletableFuture<Long>> batch = new LinkedHashMap<>();
    synchronized (known) {
      var it = pending.iterator();
      while (it.hasNext() && batch.size() < BATCH) {
        String id = it.next();
        it.remove();
        batch.put(id, known.get(id));
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("identity_name", "user_id");
    body.put("identity_values", new ArrayList<>(batch.keySet()));
    try {
      JsonNode answer = EngageLabErrors.call("POST /v1/user/register", () -> api.register(body));
      for (JsonNode entry : answer.path("data")) {
        CompletableFuture<Long> f = batch.remove(entry.path("identity_value").asString(""));
        if (f != null && entry.path("euid").isIntegralNumber()) {
          f.complete(entry.path("euid").asLong());
        } else if (f != null) {
          f.completeExceptionally(new PlatformException(200, "POST /v1/user/register",
              "no euid for this user_id in the answer", "check the userId: EngageLab did not resolve it"));
        }
      }
      // code 0 also means partial success: a user_id missing from data was not resolved
      batch.values().forEach(f -> f.completeExceptionally(new PlatformException(200, "POST /v1/user/register",
          "EngageLab answered without an euid for this user_id (partial success)",
          "check the userId (at most 256 characters); run apply again to retry")));
    } catch (RuntimeException e) {
      batch.values().forEach(f -> f.completeExceptionally(e));
    }
  }
}

package dev.roster.spi;

import dev.roster.plan.Change;
import java.util.List;
import java.util.function.Consumer;

/** One instance of a platform: reads its accounts in bulk and carries out one change at a time. */
public interface Provider {

  /**
   * Every live account, read in bulk (one list, or concurrent pages). Read-only: during
   * {@code plan} the HTTP layer refuses any write.
   */
  List<LiveAccount> list();

  /**
   * As {@link #list()}, knowing what the files declare: a platform whose list leaves out some
   * attributes reads them for the accounts that declare them, and only for those.
   */
  default List<LiveAccount> list(Declared declared) {
    return list();
  }

  /**
   * As {@link #list(Declared)}, handing each account to {@code each} as soon as it is known for good,
   * so that the plan compares it while the rest is still being read. One account at a time (never
   * two calls at once), in the order {@link #list(Declared)} would return them. What {@code each}
   * throws ends the read and is thrown from here.
   */
  default void list(Declared declared, Consumer<LiveAccount> each) {
    list(declared).forEach(each);
  }

  /**
   * Carries out one change. Throws {@link PlatformException} with the platform's own message when
   * the platform refuses it. Must be safe to call from several threads at once.
   */
  void apply(Change change);

  /**
   * Called once before an instance's changes are applied, with all of them: a chance to batch work
   * they share (resolving many ids in one request, say). Must not throw: what fails here is done
   * again, one by one, by {@link #apply}.
   */
  default void prepare(java.util.Collection<Change> changes) {}

  /**
   * Lines the plan shows under a change, e.g. "sends an invitation e-mail". Called for an update or
   * delete as soon as its live account is handed over, while the read may still be going on.
   */
  default List<String> notes(Change change) {
    return List.of();
  }
}

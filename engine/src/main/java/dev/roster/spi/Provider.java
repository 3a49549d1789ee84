package dev.roster.spi;

import java.util.Collection;
import java.util.List;

/** One instance of a platform: lists its accounts in bulk and carries out one change at a time. */
public interface Provider {

  /**
   * Every live account, read in bulk (one list, or pages read with {@link PagedRead}). Read-only:
   * during {@code plan} the HTTP layer refuses any write. An answer that does not have the shape the
   * platform documents must fail the read with a {@link PlatformException}, never yield fewer accounts.
   *
   * @param declared what the files set, for a platform whose list leaves attributes out: read those
   *     only for the accounts that manage them
   */
  List<LiveAccount> list(Declared declared);

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
  default void prepare(Collection<Change> changes) {}

  /**
   * What the files ask of this change that the platform cannot do, found once its live state is
   * known (a team name the account does not have, say): each message is reported at the account's
   * file:line and the plan fails, before anything is sent. Say what exists, so the fix is obvious.
   */
  default List<String> problems(Change change) {
    return List.of();
  }

  /**
   * A declared value in the platform's own words, once its live state is known: a name spelt as the
   * platform spells it, or an id given as the name the platform shows for it. The plan compares this,
   * not the value as written, with the live value, so that two ways of writing the same thing are no
   * change. The value as written when there is nothing to translate, or when it names nothing
   * ({@link #problems} says so).
   */
  default Object canonical(String attribute, Object declared) {
    return declared;
  }

  /** Lines the plan shows under a change, e.g. "sends an invitation e-mail". */
  default List<String> notes(Change change) {
    return List.of();
  }
}

package dev.roster.apply;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C, or a cancelled CI job (SIGINT, SIGTERM), during apply. The first signal stops new changes
 * from starting and lets those in flight finish, so that each is recorded; the second exits at once,
 * naming what may have been in flight. (A JVM shutdown hook could not do the first: once a signal
 * starts the shutdown, the process ends whatever the hook does.)
 */
public final class Interruption implements AutoCloseable {
  /** The exit code of a run ended by a signal, as shells report Ctrl-C. */
  public static final int EXIT_CODE = 130;

  private final PrintStream err;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final List<Signal> signals = List.of(new Signal("INT"), new Signal("TERM"));
  private final List<SignalHandler> previous;
  private volatile boolean requested;

  private Interruption(PrintStream err, boolean listen) {
    this.err = err;
    this.previous = listen ? signals.stream().map(s -> Signal.handle(s, this::signalled)).toList() : List.of();
  }

  /** Listens for SIGINT and SIGTERM until closed. */
  public static Interruption onSignals(PrintStream err) {
    return new Interruption(err, true);
  }

  /** Never interrupted: for runs in-process. */
  public static Interruption none() {
    return new Interruption(System.err, false);
  }

  public boolean requested() {
    return requested;
  }

  void started(String change) {
    inFlight.add(change);
  }

  void finished(String change) {
    inFlight.remove(change);
  }

  private void signalled(Signal signal) {
    if (requested) {
      err.println("\ninterrupted again: exiting now. These changes may have been in flight and may have been "
          + "carried out by the platform: " + (inFlight.isEmpty() ? "none" : String.join(", ", inFlight))
          + ". Run 'roster plan' to see where things stand.");
      err.flush();
      Runtime.getRuntime().halt(EXIT_CODE);
    }
    requested = true;
    err.println("\ninterrupting: no new change is started; waiting for the " + inFlight.size()
        + " in flight to finish (interrupt again to exit at once)");
    err.flush();
  }

  @Override
  public void close() {
    for (int i = 0; i < previous.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}

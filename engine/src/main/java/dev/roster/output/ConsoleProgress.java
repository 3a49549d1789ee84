package dev.roster.output;

import dev.roster.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress on standard error. On a terminal, a live bar per instance (done/total, elapsed, time left,
 * failures), drawn by the progressbar library and cleared when done, so that only the normal output
 * stays. Without one (CI), no redraws: a count line per instance every 10 s or 10% of its changes,
 * whichever comes later, and "still reading" while a read has waited longer than 10 s.
 */
public final class ConsoleProgress implements Progress, AutoCloseable {
  static final long QUIET_NANOS = Duration.ofSeconds(10).toNanos();

  private final PrintStream err;
  private final boolean terminal;
  private final boolean quiet;
  private final LongSupplier clock;
  private final Set<Line> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker;

  ConsoleProgress(PrintStream err, boolean terminal, boolean quiet, LongSupplier clock, boolean tick) {
    this.err = err;
    this.terminal = terminal;
    this.quiet = quiet;
    this.clock = clock;
    this.ticker = quiet || terminal || !tick ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "roster-progress");
      t.setDaemon(true);
      return t;
    });
    if (ticker != null) {
      ticker.scheduleAtFixedRate(this::tick, 10, 10, TimeUnit.SECONDS);
    }
  }

  /** @param quiet {@code --quiet}: nothing at all */
  public static ConsoleProgress of(PrintStream err, boolean terminal, boolean quiet) {
    return new ConsoleProgress(err, terminal, quiet, System::nanoTime, true);
  }

  @Override
  public Task start(String instance, String activity, long total) {
    if (quiet) {
      return NONE.start(instance, activity, total);
    }
    if (terminal) {
      Output output = new Output(err);
      ProgressBar bar = new ProgressBarBuilder().setTaskName(instance + " " + activity).setInitialMax(total)
          .setConsumer(output).clearDisplayOnFinish().build();
      return new Bar(bar, output);
    }
    Line line = new Line(instance, activity, total, clock.getAsLong());
    open.add(line);
    return line;
  }

  /** Every 10 s without a terminal: a read that has been waiting says so. */
  void tick() {
    long now = clock.getAsLong();
    for (Line line : open) {
      long waited = now - line.started;
      if (line.total < 0 && waited >= QUIET_NANOS) {
        err.println("still " + line.activity + " " + line.instance + " (" + seconds(waited) + " s)");
      }
    }
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }

  private static long seconds(long nanos) {
    return Math.round(nanos / 1e9);
  }

  /** A bar the library draws and clears. */
  private static final class Bar implements Task {
    private final ProgressBar bar;
    private final Output output;
    private int failed;

    Bar(ProgressBar bar, Output output) {
      this.bar = bar;
      this.output = output;
    }

    @Override
    public synchronized void step(boolean failed) {
      bar.step();
      if (failed) {
        bar.setExtraMessage(++this.failed + " failed");
      }
    }

    /**
     * The library's close runs the bar's refresh once more on its own thread and waits for it. That
     * run clears the bar, except when the bar's first frame had not been drawn yet (a task that ends
     * before the library's thread gets to it): then it draws that first frame and stops, and the bar
     * stays on the terminal (ProgressUpdateAction.run in progressbar 0.10.1). A second close runs
     * the refresh again, now past the first frame, and that run clears.
     */
    @Override
    public void close() {
      bar.close();
      if (!output.cleared) {
        bar.close();
      }
    }
  }

  /** The library's console output, telling whether the library has cleared the bar. */
  private static final class Output extends InteractiveConsoleProgressBarConsumer {
    volatile boolean cleared;

    Output(PrintStream err) {
      super(err);
    }

    @Override
    public void clear() {
      super.clear();
      cleared = true;
    }
  }

  /** An instance's count lines, for logs. */
  private final class Line implements Task {
    private final String instance;
    private final String activity;
    private final long total;
    private final long started;
    private long done;
    private long failed;
    private long lastLineAt;
    private long lastLineDone;

    Line(String instance, String activity, long total, long started) {
      this.instance = instance;
      this.activity = activity;
      this.total = total;
      this.started = started;
      this.lastLineAt = started;
    }

    @Override
    public synchronized void step(boolean failed) {
      done++;
      if (failed) {
        this.failed++;
      }
      long now = clock.getAsLong();
      if (now - lastLineAt >= QUIET_NANOS && (done - lastLineDone) * 10 >= total) {
        lastLineAt = now;
        lastLineDone = done;
        long elapsed = now - started;
        long left = done == 0 ? 0 : elapsed * (total - done) / done;
        err.println(instance + ": " + activity + " " + done + "/" + total + ", " + this.failed + " failed, "
            + seconds(elapsed) + " s elapsed, about " + seconds(left) + " s left");
      }
    }

    @Override
    public synchronized void close() {
      open.remove(this);
      if (total > 0) {
        err.println(instance + ": " + activity + " done: " + done + "/" + total + ", " + failed + " failed, in "
            + seconds(clock.getAsLong() - started) + " s");
      }
    }
  }
}

package dev.roster.apply;

import dev.roster.Errors;
import dev.roster.InstanceSettings;
import dev.roster.Instances;
import dev.roster.Progress;
import dev.roster.http.RequestRecorder;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannedChange;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.state.StateFile;
import dev.roster.state.StateFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Applies a plan's changes: instances at once, each instance's changes with at most its
 * {@code concurrency} in flight (and in batches with pauses where it sets {@code batchSize}). A
 * failed change never stops the others; each one's result is recorded.
 */
public final class Applier {
  /** Why a change was skipped after an interruption. */
  public static final String NOT_STARTED = "not started: the run was interrupted";

  private final Instances instances;
  private final StateFiles stateFiles;
  private final Interruption interruption;
  private final Progress progress;

  public Applier(Instances instances, StateFiles stateFiles, Interruption interruption, Progress progress) {
    this.instances = instances;
    this.stateFiles = stateFiles;
    this.interruption = interruption;
    this.progress = progress;
  }

  /**
   * @param refused instances whose changes are skipped (a stale saved plan)
   * @param onResult told of each change as it finishes, for progress output
   * @return every change's result, in plan order
   */
  public List<ChangeResult> apply(Plan plan, Set<String> refused, Consumer<ChangeResult> onResult) {
    Map<String, StateFile> states = stateFiles(plan);
    try {
      List<Supplier<List<ChangeResult>>> tasks = new ArrayList<>();
      for (InstancePlan instance : plan.instances()) {
        if (instance.changes().isEmpty()) {
          continue;
        }
        if (refused.contains(instance.instance())) {
          tasks.add(() -> instance.changes().stream().map(pc -> {
            var skipped = new ChangeResult(pc, Outcome.SKIPPED, "refused: the instance changed since the plan", 0, 0, List.of());
            onResult.accept(skipped);
            return skipped;
          }).toList());
        } else {
          tasks.add(() -> applyInstance(instance, states.get(instance.instance()), onResult));
        }
      }
      return instances.inParallel(tasks).stream().flatMap(List::stream).toList();
    } finally {
      // a journal left by an apply that did not finish is folded in too, even where nothing changed now
      states.values().forEach(StateFile::compact);
    }
  }

  /**
   * The state file of every instance that cannot be read, each found writable before anything is
   * sent: an apply must not make its writes and then fail to record them.
   */
  private Map<String, StateFile> stateFiles(Plan plan) {
    Map<String, StateFile> states = new LinkedHashMap<>();
    for (InstancePlan instance : plan.instances()) {
      if (!instances.factory(instance.provider()).readable()) {
        StateFile state = stateFiles.open(instance.instance(), instance.provider(), instance.config(),
            instances.factory(instance.provider()).model());
        state.checkWritable();
        states.put(instance.instance(), state);
      }
    }
    return states;
  }

  private List<ChangeResult> applyInstance(InstancePlan instance, StateFile state, Consumer<ChangeResult> onResult) {
    Provider provider = instances.provider(instance.instance(), instance.provider(), instance.config(), false);
    AccountModel model = instances.factory(instance.provider()).model();
    InstanceSettings settings = InstanceSettings.of(instance.config());
    ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
      Thread t = new Thread(r, "roster-apply-" + instance.instance());
      t.setDaemon(true);
      return t;
    });
    try (Progress.Task task = progress.start(instance.instance(), "applying", instance.changes().size())) {
      List<PlannedChange> changes = instance.changes();
      provider.prepare(changes.stream().map(PlannedChange::change).toList());
      List<ChangeResult> all = new ArrayList<>();
      for (int from = 0; from < changes.size(); from += settings.batchSize()) {
        if (from > 0 && !interruption.requested()) {
          pause(settings.batchInterval().toMillis());
        }
        List<CompletableFuture<ChangeResult>> batch = new ArrayList<>();
        for (PlannedChange pc : changes.subList(from, (int) Math.min(changes.size(), (long) from + settings.batchSize()))) {
          batch.add(CompletableFuture.supplyAsync(() -> {
            ChangeResult r;
            if (interruption.requested()) {
              r = new ChangeResult(pc, Outcome.SKIPPED, NOT_STARTED, 0, 0, List.of());
            } else {
              String what = instance.instance() + ": " + pc.change().action().symbol() + " " + pc.change().key();
              interruption.started(what);
              try {
                r = applyOne(instance, provider, model, pc);
                if (state != null && r.outcome() == Outcome.APPLIED) {
                  record(state, pc.change());
                }
              } finally {
                interruption.finished(what);
              }
            }
            task.step(r.outcome() == Outcome.FAILED);
            onResult.accept(r);
            return r;
          }, workers));
        }
        batch.forEach(f -> all.add(f.join()));
      }
      return all;
    } finally {
      workers.shutdown();
    }
  }

  private ChangeResult applyOne(InstancePlan instance, Provider provider, AccountModel model, PlannedChange pc) {
    long start = System.nanoTime();
    RequestRecorder.start();
    try {
      try {
        provider.apply(pc.change());
      } catch (PlatformException lost) {
        if (!lost.answerLost() || pc.change().action() != Action.CREATE) {
          throw lost;
        }
        // the create may have reached the platform before the connection broke: look before sending it again
        if (createdMeanwhile(instance, provider, model, pc.change())) {
          return new ChangeResult(pc, Outcome.APPLIED, "the answer was lost, but the account exists: counted as applied",
              0, millis(start), RequestRecorder.stop());
        }
        provider.apply(pc.change());
      }
      return new ChangeResult(pc, Outcome.APPLIED, null, 0, millis(start), RequestRecorder.stop());
    } catch (RuntimeException e) {
      int status = e instanceof PlatformException p ? p.status() : 0;
      return new ChangeResult(pc, Outcome.FAILED, Errors.describe(e), status, millis(start), RequestRecorder.stop());
    }
  }

  /**
   * Looks with the provider that sent the create, so that the look waits under the instance's one
   * rate limit like every other request.
   */
  private boolean createdMeanwhile(InstancePlan instance, Provider provider, AccountModel model, Change change) {
    if (!instances.factory(instance.provider()).readable()) {
      return false;
    }
    String key = model.keyOf(change.key());
    return instances.read(instance.instance(), provider, Declared.none()).stream()
        .map(a -> a.get(model.keyAttribute()))
        .anyMatch(k -> k != null && model.keyOf(k).equals(key));
  }

  /** What was applied becomes the state, key by key, the moment it succeeds. */
  private static void record(StateFile state, Change change) {
    if (change.action() == Action.DELETE) {
      state.forget(change.key());
    } else {
      state.record(change.key(), change.key(), change.desired());
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}

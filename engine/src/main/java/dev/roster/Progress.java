package dev.roster;

/**
 * Where a run says how far it got, per instance: a read, or an apply's changes. The engine only
 * reports; an implementation decides what to print.
 */
public interface Progress {
  /** Reports nothing: {@code --quiet}, and runs inside other runs. */
  Progress NONE = (instance, activity, total) -> new Task() {
    @Override
    public void step(boolean failed) {}

    @Override
    public void close() {}
  };

  /**
   * @param activity what is done, e.g. "reading" or "applying"
   * @param total how many steps, or -1 when that is not known (a read)
   */
  Task start(String instance, String activity, long total);

  /** One instance's read or apply, open until closed. */
  interface Task extends AutoCloseable {
    void step(boolean failed);

    @Override
    void close();
  }
}

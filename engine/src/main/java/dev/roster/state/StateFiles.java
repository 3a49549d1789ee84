package dev.roster.state;

import dev.roster.InstanceSettings;
import dev.roster.ReadFailure;
import dev.roster.spi.AccountModel;
import java.nio.file.Path;
import java.util.Map;

/** Where the state files of platforms that cannot be read are: paths relative to the working directory. */
public final class StateFiles {
  private final Path workingDir;

  public StateFiles(Path workingDir) {
    this.workingDir = workingDir;
  }

  /** The instance's state file, read (or empty when there is none yet). */
  public StateFile open(String instance, String type, Map<String, Object> config, AccountModel model) {
    String path = InstanceSettings.of(config).state();
    if (path == null) {
      throw new ReadFailure("'" + instance + "' (" + type + ") cannot be read: give 'state: PATH' for the file that records what Roster applied");
    }
    try {
      return StateFile.open(workingDir.resolve(path), instance, type, model);
    } catch (IllegalStateException e) {
      throw new ReadFailure(e.getMessage());
    }
  }
}

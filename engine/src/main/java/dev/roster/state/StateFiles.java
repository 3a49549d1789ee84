package dev.roster.state;

import dev.roster.InstanceSettings;
import dev.roster.ReadFailure;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Secret;
import java.nio.file.Path;
import java.util.Map;

/**
 * The state files of platforms that cannot be read: paths relative to the working directory, each
 * naming the instance and url it describes.
 */
public final class StateFiles {
  private final Path workingDir;
  private final boolean refresh;

  /** @param refresh {@code --refresh-state}: what the files hold is ignored, and they are written anew */
  public StateFiles(Path workingDir, boolean refresh) {
    this.workingDir = workingDir;
    this.refresh = refresh;
  }

  public boolean refresh() {
    return refresh;
  }

  /** Where an instance's state file is, or null when its config names none. */
  public Path path(Map<String, Object> config) {
    String path = InstanceSettings.of(config).state();
    return path == null ? null : workingDir.resolve(path);
  }

  /** The instance's state file, read (or empty when there is none yet, or with {@code --refresh-state}). */
  public StateFile open(String instance, String type, Map<String, Object> config, AccountModel model) {
    String path = InstanceSettings.of(config).state();
    if (path == null) {
      throw new ReadFailure("'" + instance + "' (" + type + ") cannot be read: give 'state: PATH' for the file that records what Roster applied");
    }
    Object url = config.get("url");
    String endpoint = url instanceof Secret s ? s.reveal() : url == null ? null : url.toString().replaceAll("/+$", "");
    return StateFile.open(workingDir.resolve(path), path, instance, type, endpoint, model, refresh);
  }
}

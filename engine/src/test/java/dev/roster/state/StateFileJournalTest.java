package dev.roster.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.LiveAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed mid-apply leaves a journal: the next run replays it, ignoring a torn last line. */
class StateFileJournalTest {
  static final AccountModel MODEL = AccountModel.of("userId", List.of(Attribute.of("userId"), Attribute.secret("password")));
  @TempDir Path dir;

  @Test
  void aKilledApplyIsReplayedAndCompacted() throws Exception {
    Path file = dir.resolve("state/m.json");
    StateFile state = StateFile.open(file, "m.json", "m", "engagelab", null, MODEL, false);
    state.record("a", "a", Map.of("userId", "a", "plan", "pro", "password", "never-kept"));
    state.record("b", "b", Map.of("userId", "b"));
    state.compact();
    assertFalse(Files.exists(dir.resolve("state/m.json.journal")));
    assertFalse(Files.readString(file).contains("never-kept"), "no secrets in state");

    // a second run: one change recorded, one forgotten, then killed while writing a third
    StateFile second = StateFile.open(file, "m.json", "m", "engagelab", null, MODEL, false);
    second.record("c", "c", Map.of("userId", "c"));
    second.forget("a");
    Files.writeString(dir.resolve("state/m.json.journal"), "{\"op\":\"record\",\"key\":\"d\",\"attr", StandardOpenOption.APPEND);

    StateFile after = StateFile.open(file, "m.json", "m", "engagelab", null, MODEL, false);
    assertEquals(List.of("b", "c"), after.accounts().stream().map(LiveAccount::id).sorted().toList());
    assertTrue(after.existed());
  }
}

package dev.roster.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Progress on standard error, with a clock the test moves: nothing here waits for real time. */
class ConsoleProgressTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  final AtomicLong now = new AtomicLong();

  List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  void at(long seconds) {
    now.set(seconds * 1_000_000_000L);
  }

  @Test
  void withoutATerminalACountLineComesEveryTenSecondsOrTenPercentWhicheverIsLater() {
    ConsoleProgress progress = new ConsoleProgress(err, false, false, now::get, false);
    Progress.Task task = progress.start("tracker", "applying", 100);

    for (int i = 0; i < 50; i++) {
      task.step(false); // half done in no time: no line before 10 s
    }
    assertEquals(List.of(), lines());

    at(11);
    task.step(true);
    assertEquals(List.of("tracker: applying 51/100, 1 failed, 11 s elapsed, about 11 s left"), lines());

    at(30);
    for (int i = 0; i < 5; i++) {
      task.step(false); // 10 s passed, but only 5% more: no line yet
    }
    assertEquals(1, lines().size());
    for (int i = 0; i < 5; i++) {
      task.step(false);
    }
    assertEquals("tracker: applying 61/100, 1 failed, 30 s elapsed, about 19 s left", lines().get(1));

    at(40);
    task.close();
    assertEquals("tracker: applying done: 61/100, 1 failed, in 40 s", lines().get(2));
  }

  @Test
  void aReadThatWaitsLongerThanTenSecondsSaysSo() {
    ConsoleProgress progress = new ConsoleProgress(err, false, false, now::get, false);
    Progress.Task reading = progress.start("phishing", "reading", -1);
    Progress.Task quick = progress.start("tracker", "reading", -1);
    quick.close();

    at(5);
    progress.tick();
    assertEquals(List.of(), lines());
    at(30);
    progress.tick();
    assertEquals(List.of("still reading phishing (30 s)"), lines(), "a finished read says nothing");

    reading.close();
    at(40);
    progress.tick();
    assertEquals(1, lines().size());
  }

  @Test
  void quietPrintsNothing() {
    ConsoleProgress progress = new ConsoleProgress(err, false, true, now::get, false);
    Progress.Task task = progress.start("tracker", "applying", 2);
    at(60);
    task.step(false);
    task.step(true);
    task.close();
    progress.tick();
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }

  /**
   * The library draws on its own thread, and a task that ends before that thread drew its bar's first
   * frame is a case of its own: repeated so that it comes up (it did in about half the runs).
   */
  @RepeatedTest(100)
  void onATerminalTheLibraryDrawsABarPerInstanceAndClearsItWhenDone() {
    ConsoleProgress progress = new ConsoleProgress(err, true, false, now::get, false);
    Progress.Task tracker = progress.start("tracker", "applying", 3);
    Progress.Task phishing = progress.start("phishing", "applying", 2);
    tracker.step(false);
    tracker.step(true);
    phishing.step(false);
    tracker.close();
    phishing.close();

    String drawn = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(drawn.contains("tracker applying"), drawn);
    assertTrue(drawn.contains("phishing applying"), drawn);
    assertTrue(drawn.contains("\u001b["), "redrawn in place: " + drawn);
    assertTrue(screen(drawn).stream().allMatch(String::isBlank),
        "cleared when done: " + screen(drawn) + " from " + drawn.replace("\u001b", "ESC"));
  }

  /**
   * The lines a terminal shows after {@code drawn}: text overwrites, a carriage return goes to the
   * line's start, a newline to the next line, ESC[nA and ESC[nB n lines up and down; colours are
   * skipped. That is all the library writes.
   */
  static List<String> screen(String drawn) {
    List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
    int row = 0;
    int column = 0;
    for (int i = 0; i < drawn.length(); i++) {
      char c = drawn.charAt(i);
      if (c == '\u001b' && i + 1 < drawn.length() && drawn.charAt(i + 1) == '[') {
        int end = i + 2;
        while (!Character.isLetter(drawn.charAt(end))) {
          end++;
        }
        char command = drawn.charAt(end);
        if (command == 'A' || command == 'B') {
          int n = end == i + 2 ? 1 : Integer.parseInt(drawn.substring(i + 2, end));
          row = command == 'A' ? Math.max(0, row - n) : row + n;
        }
        i = end;
      } else if (c == '\r') {
        column = 0;
      } else if (c == '\n') {
        row++;
        column = 0;
      } else {
        StringBuilder line = lines.get(row);
        while (line.length() <= column) {
          line.append(' ');
        }
        line.setCharAt(column++, c);
      }
      while (lines.size() <= row) {
        lines.add(new StringBuilder());
      }
    }
    return lines.stream().map(StringBuilder::toString).toList();
  }

  @Test
  void theScreenModelShowsWhatStaysAndWhatIsBlanked() {
    assertEquals(List.of("bar 2/2", ""), screen("bar 1/2\n\u001b[1A\rbar 2/2\u001b[1B\r"));
    assertEquals(List.of("       ", ""), screen("bar 1/2\n\u001b[1A\r\r       \r\u001b[1B\r"));
    assertEquals(List.of("x"), screen("\u001b[33mx\u001b[0m"));
  }
}

package dev.roster.cli;

import dev.roster.spi.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** An output stream that masks every known secret, line by line, before passing text on. */
final class RedactingOutput extends OutputStream {
  private final PrintStream target;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private RedactingOutput(PrintStream target) {
    this.target = target;
  }

  static PrintStream wrap(PrintStream target) {
    return new PrintStream(new RedactingOutput(target), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      emit();
    }
  }

  @Override
  public synchronized void flush() {
    emit(); // a prompt without a newline must still show
    target.flush();
  }

  private void emit() {
    if (line.size() > 0) {
      target.print(Redactor.redact(line.toString(StandardCharsets.UTF_8)));
      line.reset();
    }
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}

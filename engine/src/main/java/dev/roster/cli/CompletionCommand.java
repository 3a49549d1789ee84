package dev.roster.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = "Print a shell completion script (picocli's generator; the same script serves bash and zsh).",
    footer = {"", "Examples:", "  source <(roster completion bash)",
        "  roster completion zsh > \"${fpath[1]}/_roster\"   # zsh: the script loads bashcompinit itself"})
final class CompletionCommand implements Callable<Integer> {
  enum Shell { bash, zsh }

  @ParentCommand RosterCommand root;

  @Parameters(arity = "0..1", defaultValue = "bash", description = "bash (default) or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    CommandLine cl = new CommandLine(new RosterCommand(root.session.env));
    root.session.env.out().print(AutoComplete.bash("roster", cl));
    return ExitCodes.OK;
  }
}

package dev.roster.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script (picocli's generator).",
        "zsh: a file for a directory on $fpath, named _roster; bash: a script to source."},
    footer = {"", "Examples:", "  source <(roster completion bash)",
        "  roster completion zsh > \"${fpath[1]}/_roster\"   # then start a new zsh"})
final class CompletionCommand implements Callable<Integer> {
  enum Shell { bash, zsh }

  /** What makes picocli's script a zsh completion file: compinit registers a file by its '#compdef' line. */
  static final String ZSH_HEADER = "#compdef roster\n";
  static final String ZSH_FOOTER = """

      # zsh: when compinit runs this file as the function _roster (from $fpath), zsh has read it whole
      # before the alias above exists, so compopt is a function here; then this completes the word that
      # made zsh load the file. Sourced, the file only registers the completion.
      if [ -n "${ZSH_VERSION:-}" ] && [ "${funcstack[1]:-}" = _roster ]; then
        compopt() { complete "$@"; }
        _bash_complete -F _complete_roster -o default
      fi
      """;

  @ParentCommand RosterCommand root;

  @Parameters(arity = "0..1", defaultValue = "bash", description = "bash (default) or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("roster", new CommandLine(new RosterCommand(root.session.env)));
    root.session.env.out().print(shell == Shell.zsh ? ZSH_HEADER + script + ZSH_FOOTER : script);
    return ExitCodes.OK;
  }
}

package dev.roster.cli;

import dev.roster.spi.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Print the manifest's JSON Schema, with every provider type's part (schema/roster.schema.json).",
    footer = {"", "Examples:", "  roster schema > roster.schema.json   # then, in an editor: # yaml-language-server: $schema=roster.schema.json"})
final class SchemaCommand implements Callable<Integer> {
  @ParentCommand RosterCommand root;

  @Override
  public Integer call() {
    root.session.env.out().println(
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root.session.schema().document()));
    return ExitCodes.OK;
  }
}

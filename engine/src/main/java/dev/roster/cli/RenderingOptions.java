package dev.roster.cli;

import dev.roster.output.JsonRenderer;
import dev.roster.output.MarkdownRenderer;
import dev.roster.output.Pii;
import dev.roster.output.Style;
import dev.roster.output.TextRenderer;
import dev.roster.plan.Plan;
import picocli.CommandLine.Option;

/** How a plan is printed: shared by {@code plan} and {@code show}, which print the same plan the same way. */
final class RenderingOptions {
  enum Format { text, json, markdown }

  @Option(names = "--format", description = "text (default), markdown (a pull-request comment) or json (schema/plan.schema.json).",
      defaultValue = "text")
  Format format;

  @Option(names = "--group-by", description = "Group text output by person (default) or instance.", defaultValue = "person")
  TextRenderer.Grouping groupBy;

  @Option(names = "--redact-pii", description = "Mask names, e-mail addresses and phone numbers in what is printed, in every "
      + "format (for public pull requests). A redacted JSON plan cannot be applied; 'plan --out' saves the plan whole.")
  boolean redactPii;

  @Option(names = "--max-chars", description = "Markdown only: cut sections beyond this size (default: GitHub's comment limit).",
      defaultValue = "65536", hidden = true)
  int maxChars;

  /** The plan in the format asked for; {@code allowUnsafe}, markdown only: a plan beyond a gate is a warning. */
  String render(Plan plan, Style style, boolean allowUnsafe) {
    Pii pii = new Pii(redactPii);
    return switch (format) {
      case json -> new JsonRenderer(pii).render(plan);
      case markdown -> markdown(allowUnsafe).render(plan);
      case text -> new TextRenderer(style, groupBy, pii).render(plan);
    };
  }

  /** The markdown renderer these options ask for, also for the comments that say why there is no plan. */
  MarkdownRenderer markdown(boolean allowUnsafe) {
    return new MarkdownRenderer(new Pii(redactPii), maxChars, allowUnsafe);
  }
}

package dev.roster.output;

import dev.roster.plan.Plan;
import dev.roster.plan.PlanFile;
import dev.roster.spi.Json;

/** The plan as JSON: the document {@code --out} saves, so that a script reads what {@code apply} would. */
public final class JsonRenderer {
  public String render(Plan plan) {
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(PlanFile.document(plan)) + "\n";
  }
}

package dev.roster.output;

import dev.roster.plan.Plan;
import dev.roster.plan.PlanFile;
import dev.roster.spi.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan as JSON: the document {@code --out} saves, so that a script reads what {@code apply} would.
 * With personal data redacted, the document says so ({@code "redacted": true}) and cannot be applied.
 */
public final class JsonRenderer {
  private final Pii pii;

  public JsonRenderer() {
    this(Pii.off());
  }

  public JsonRenderer(Pii pii) {
    this.pii = pii;
  }

  public String render(Plan plan) {
    ObjectNode doc = PlanFile.document(pii.redact(plan));
    if (pii.on()) {
      doc.put(PlanFile.REDACTED, true);
    }
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
  }
}

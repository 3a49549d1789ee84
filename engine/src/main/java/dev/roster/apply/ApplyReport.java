package dev.roster.apply;

import java.util.List;

/** Every change's result, in plan order. */
public record ApplyReport(List<ChangeResult> results) {
  public ApplyReport {
    results = List.copyOf(results);
  }

  public long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }
}

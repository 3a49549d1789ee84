package dev.roster.apply;

import dev.roster.plan.PlannedChange;

/**
 * One change's result.
 *
 * @param message the platform's message (failed) or why it was skipped; null when applied
 * @param status the HTTP status of a platform refusal, else 0
 */
public record ChangeResult(PlannedChange planned, Outcome outcome, String message, int status, long millis,
    java.util.List<dev.roster.http.RecordedRequest> requests) {}

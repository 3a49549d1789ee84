package dev.roster.plan;

/** An account the plan leaves alone although it differs, and why (protected, synced from SCIM, ...). */
public record Skipped(String key, String person, String reason) {}

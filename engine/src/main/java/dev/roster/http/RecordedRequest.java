package dev.roster.http;

import java.util.Map;

/** One request as the apply report shows it: credentials in headers masked. */
public record RecordedRequest(String method, String url, Map<String, String> headers, String outcome) {}

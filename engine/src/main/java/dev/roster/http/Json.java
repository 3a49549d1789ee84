package dev.roster.http;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson mapper: lenient about fields platforms add, strict about size. */
public final class Json {
  /** A platform's answer larger than this is refused rather than read into memory. */
  public static final long MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;

  public static final JsonMapper MAPPER = JsonMapper.builder(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder()
                  .maxDocumentLength(MAX_DOCUMENT_BYTES)
                  .maxNestingDepth(200)
                  .build())
              .build())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Json() {}
}

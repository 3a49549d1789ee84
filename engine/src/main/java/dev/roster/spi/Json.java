package dev.roster.spi;

import java.util.List;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
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

  /** A JSON resource beside {@code owner}'s class file: a provider's schema parts, say. */
  public static JsonNode resource(Class<?> owner, String name) {
    try (java.io.InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " of " + owner.getName());
      }
      return MAPPER.readTree(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A platform's body as JSON, or a missing node when it is not JSON (an HTML error page, plain
   * text, nothing): error bodies are read this way, since any of those can come back.
   */
  public static JsonNode readLeniently(String body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      return node == null ? MAPPER.missingNode() : node;
    } catch (RuntimeException notJson) {
      return MAPPER.missingNode();
    }
  }

  /** The items of a JSON list, as strings; none for a missing node. */
  public static List<String> strings(JsonNode list) {
    return list.valueStream().map(JsonNode::asString).toList();
  }

  /** What a node is, in words for a message about an answer of the wrong shape: "a list", "null". */
  public static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> "null";
    };
  }
}

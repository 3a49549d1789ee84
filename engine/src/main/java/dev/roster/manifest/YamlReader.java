package dev.roster.manifest;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one YAML file safely into a {@link YamlDocument}: SnakeYAML composes nodes (it never builds
 * Java objects from tags), and this class turns them into a JSON tree, keeping each node's place.
 *
 * <p>Bounds: file size, aliases, nesting depth and node count, so that hostile files fail fast.
 * Only the standard tags are accepted. Booleans are YAML 1.2's {@code true}/{@code false} only, so
 * that {@code no} or {@code off} stay strings.
 */
public final class YamlReader {
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 64;
  static final int MAX_NODES = 500_000;

  private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlReader() {}

  public static YamlDocument read(Path path, String displayName) {
    byte[] bytes;
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new ManifestException(new Source(displayName, 1, 1),
            "file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; a manifest is never that big");
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ManifestException(new Source(displayName, 1, 1), "cannot read file: " + e.getMessage());
    }
    return parse(bytes, displayName);
  }

  public static YamlDocument parse(byte[] bytes, String file) {
    String text = decodeUtf8(bytes, file);
    if (text.isBlank()) {
      throw new ManifestException(new Source(file, 1, 1), "file is empty: expected a manifest starting with 'version: 1'");
    }
    Node root;
    try {
      root = yaml().compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new ManifestException(source(file, mark), describe(e));
    } catch (YAMLException e) {
      String m = String.valueOf(e.getMessage());
      throw new ManifestException(new Source(file, 1, 1), m.contains("Nesting Depth")
          ? "nested deeper than " + MAX_DEPTH + " levels: a manifest is never that deep"
          : "not valid YAML: " + m);
    }
    if (root == null) {
      throw new ManifestException(new Source(file, 1, 1), "file is empty: expected a manifest starting with 'version: 1'");
    }
    Map<String, Source> locations = new HashMap<>();
    Converter converter = new Converter(file, locations);
    JsonNode json = converter.convert(root, "", 0);
    if (!converter.problems.isEmpty()) {
      throw new ManifestException(converter.problems);
    }
    return new YamlDocument(file, json, locations);
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit((int) MAX_FILE_BYTES);
    options.setAllowRecursiveKeys(false);
    options.setTagInspector(tag -> false);
    return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
        new Yaml12Booleans());
  }

  private static String decodeUtf8(byte[] bytes, String file) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString()
          .replaceFirst("^\uFEFF", "");
    } catch (CharacterCodingException e) {
      int line = 1;
      int bad = firstInvalidUtf8(bytes);
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new ManifestException(new Source(file, line, 1),
          "file is not valid UTF-8 (bad byte at offset " + bad + "); save it as UTF-8");
    }
  }

  private static int firstInvalidUtf8(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : 0;
  }

  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    String context = e.getContext();
    problem = problem.replace("\n", " ").strip();
    if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
      return "a tab character: YAML indents with spaces only";
    }
    if (problem.startsWith("found duplicate key")) {
      return problem.replace("found duplicate key", "duplicate key");
    }
    if (problem.contains("Number of aliases")) {
      return "too many aliases (at most " + MAX_ALIASES + "): the file looks like an alias bomb";
    }
    if (problem.contains("Nesting Depth")) {
      return "nested deeper than " + MAX_DEPTH + " levels";
    }
    return "not valid YAML: " + (context == null ? "" : context.strip() + ": ") + problem;
  }

  static Source source(String file, Mark mark) {
    return mark == null ? new Source(file, 1, 1) : new Source(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Node tree to JSON tree, recording places and finding what SnakeYAML's composer lets through. */
  private static final class Converter {
    final String file;
    final Map<String, Source> locations;
    final java.util.List<Problem> problems = new java.util.ArrayList<>();
    int nodes;

    Converter(String file, Map<String, Source> locations) {
      this.file = file;
      this.locations = locations;
    }

    JsonNode convert(Node node, String pointer, int depth) {
      if (++nodes > MAX_NODES) {
        throw new ManifestException(source(file, node.getStartMark()),
            "more than " + MAX_NODES + " values (aliases expand to too much): refusing to read further");
      }
      if (depth > MAX_DEPTH) {
        throw new ManifestException(source(file, node.getStartMark()), "nested deeper than " + MAX_DEPTH + " levels");
      }
      locations.putIfAbsent(pointer, source(file, node.getStartMark()));
      if (node instanceof MappingNode map) {
        return mapping(map, pointer, depth);
      }
      if (node instanceof SequenceNode seq) {
        if (!seq.getTag().equals(Tag.SEQ)) {
          return unsupportedTag(node);
        }
        ArrayNode array = NODES.arrayNode();
        int i = 0;
        for (Node item : seq.getValue()) {
          array.add(convert(item, pointer + "/" + i++, depth + 1));
        }
        return array;
      }
      return scalar((ScalarNode) node);
    }

    private JsonNode mapping(MappingNode map, String pointer, int depth) {
      if (!map.getTag().equals(Tag.MAP)) {
        return unsupportedTag(map);
      }
      ObjectNode object = NODES.objectNode();
      Set<String> seen = new HashSet<>();
      for (NodeTuple tuple : map.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (keyNode.getTag().equals(Tag.MERGE)) {
          problems.add(new Problem(source(file, keyNode.getStartMark()),
              "merge keys (<<) are not supported: use 'defaults:' for values shared by accounts"));
          continue;
        }
        if (!(keyNode instanceof ScalarNode keyScalar) || !PLAIN_TAGS.contains(keyNode.getTag())) {
          problems.add(new Problem(source(file, keyNode.getStartMark()), "a key must be plain text"));
          continue;
        }
        String key = keyScalar.getValue();
        String child = pointer + YamlDocument.step(key);
        if (!seen.add(key)) {
          problems.add(new Problem(source(file, keyNode.getStartMark()),
              "duplicate key '" + key + "' (first at line " + locations.get(child + YamlDocument.KEY).line() + ")"));
          continue;
        }
        locations.put(child + YamlDocument.KEY, source(file, keyNode.getStartMark()));
        object.set(key, convert(tuple.getValueNode(), child, depth + 1));
      }
      return object;
    }

    private JsonNode unsupportedTag(Node node) {
      problems.add(new Problem(source(file, node.getStartMark()),
          "tag '" + node.getTag().getValue() + "' is not allowed: a manifest holds plain values, lists and maps"));
      return NODES.nullNode();
    }

    private JsonNode scalar(ScalarNode node) {
      Tag tag = node.getTag();
      String v = node.getValue();
      if (!PLAIN_TAGS.contains(tag)) {
        return unsupportedTag(node);
      }
      try {
        if (tag.equals(Tag.NULL)) {
          return NODES.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
          return NODES.booleanNode(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)));
        }
        if (tag.equals(Tag.INT)) {
          return integer(v.replace("_", ""));
        }
        if (tag.equals(Tag.FLOAT)) {
          return NODES.numberNode(Double.parseDouble(v.replace("_", "").replace(".inf", "Infinity").replace(".nan", "NaN")));
        }
      } catch (NumberFormatException e) {
        return NODES.stringNode(v);
      }
      return NODES.stringNode(v); // str and timestamps: kept as the text written
    }

    private static JsonNode integer(String v) {
      BigInteger n;
      if (v.startsWith("0x") || v.startsWith("-0x")) {
        n = new BigInteger(v.replace("0x", ""), 16);
      } else if (v.startsWith("0o")) {
        n = new BigInteger(v.substring(2), 8);
      } else {
        n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
      }
      return n.bitLength() < 32 ? NODES.numberNode(n.intValue())
          : n.bitLength() < 64 ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
    }
  }

  /** SnakeYAML's resolver with YAML 1.2 booleans: {@code yes}, {@code no}, {@code on}, {@code off} stay text. */
  private static final class Yaml12Booleans extends Resolver {
    private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
      addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789");
    }
  }
}

package dev.roster.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One manifest file as a JSON tree, with the place of every key and value in it. SnakeYAML's composer
 * reads the file (nothing is ever constructed from a tag) and its nodes are copied into JSON, refusing
 * what a manifest never holds: tags other than the plain ones, keys that are not plain text or come
 * twice, merge keys, and aliases that name their own container or expand to too much. Booleans are
 * YAML 1.2's {@code true}/{@code false} only, so that {@code no} or {@code off} stay strings.
 */
final class YamlFile {
  static final long MAX_BYTES = 32L * 1024 * 1024; // 100,000 people are about 10 MiB
  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 64;
  static final int MAX_VALUES = 5_000_000; // 100,000 people are about 1,000,000
  /** SnakeYAML's problems that always mean one mistake, by how they start, in the manifest's words. */
  private static final Map<String, String> MISTAKES = Map.of(
      "expected <block end>", "this line is indented differently from the lines above it: the keys of one map,"
          + " and the items of one list, start in the same column (with spaces)",
      "mapping values are not allowed here",
      "a ':' where no key can start: check this line's indentation, or put a value that holds ': ' in quotes",
      "could not find expected ':'", "a line in a map without 'key: value': add the ':' or check the indentation",
      "Nesting Depth exceeded", "nested deeper than " + MAX_DEPTH + " levels: a manifest is never that deep",
      "Number of aliases for non-scalar nodes exceeds",
      "too many aliases (at most " + MAX_ALIASES + "): the file looks like an alias bomb");

  private final String name;
  /** Where relative {@code ${file:…}} references start. */
  private final Path dir;
  private final JsonNode root;
  private final long rootPlace;
  /** Per map that a place was looked up in by key: each key's entry number. */
  private final Map<JsonNode, Map<String, Integer>> entryNumbers = new IdentityHashMap<>();

  private YamlFile(String name, Path dir, JsonNode root, long rootPlace) {
    this.name = name;
    this.dir = dir;
    this.root = root;
    this.rootPlace = rootPlace;
  }

  /** @param name the file as problems name it */
  static YamlFile read(Path path, String name) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit((int) MAX_BYTES);
    // duplicate keys and recursive keys are the constructor's checks, which compose() never reaches:
    // YamlCopier reports both
    ParserImpl parser = new ParserImpl(new StreamReader(text(path, name)), options);
    YamlCopier copier = new YamlCopier(name, parser, options);
    Node root;
    try {
      root = copier.getSingleNode();
    } catch (MarkedYAMLException e) {
      boolean unclosedQuote = "while scanning a quoted scalar".equals(e.getContext()) && e.getContextMark() != null
          && String.valueOf(e.getProblem()).contains("end of stream");
      // an unclosed quote is reported where it opens
      Mark mark = unclosedQuote || e.getProblemMark() == null ? e.getContextMark() : e.getProblemMark();
      String message = unclosedQuote ? "this quote is never closed: end the value with the same quote character"
          : describe(e.getContext(), e.getProblem(), e.getContextMark());
      String words = ((e.getContext() == null ? "" : e.getContext().strip() + ": ") + e.getProblem()).replace("\n", " ");
      throw new ManifestException(List.of(new Problem(source(name, mark), message, words)));
    } catch (YAMLException e) {
      // the composer's bounds give no place: it is that of the event it was composing
      throw new ManifestException(List.of(new Problem(source(name, currentMark(parser)),
          describe(null, e.getMessage(), null), String.valueOf(e.getMessage()).replace("\n", " "))));
    }
    if (root == null) {
      throw new ManifestException(new Source(name, 1, 1), "file is empty: expected a manifest starting with 'version: 1'");
    }
    JsonNode json = copier.copy(root, root.getStartMark());
    if (!copier.problems.isEmpty()) {
      throw new ManifestException(copier.problems);
    }
    return new YamlFile(name, path.toAbsolutePath().getParent(), json, pack(root.getStartMark()));
  }

  JsonNode root() {
    return root;
  }

  Path dir() {
    return dir;
  }

  /** Where the key of a map's {@code i}-th entry is written. */
  Source keyAt(JsonNode map, int i) {
    return placeIn(map, 2 * i);
  }

  /** Where a map's {@code i}-th value, or a list's {@code i}-th item, is written. */
  Source valueAt(JsonNode container, int i) {
    return placeIn(container, container.isArray() ? i : 2 * i + 1);
  }

  /** Where the value at a JSON pointer is written; for a pointer to nothing, its nearest ancestor. */
  Source at(String pointer) {
    return place(pointer, false);
  }

  /** Where the key of the entry at a JSON pointer is written (for a list item or the root: its value). */
  Source keyAt(String pointer) {
    return place(pointer, true);
  }

  /** One step of a JSON pointer. */
  static String step(String name) {
    return "/" + name.replace("~", "~0").replace("/", "~1");
  }

  private Source placeIn(JsonNode container, int slot) {
    long[] own = places(container);
    return source(own == null || slot >= own.length ? rootPlace : own[slot]);
  }

  private Source place(String pointer, boolean key) {
    JsonNode node = root;
    long found = rootPlace;
    for (JsonPointer at = JsonPointer.compile(pointer); !at.matches(); at = at.tail()) {
      String step = at.getMatchingProperty();
      int i = node.isArray() ? at.getMatchingIndex() : entryNumber(node, step);
      long[] own = places(node);
      if (i < 0 || i >= node.size() || own == null) {
        break;
      }
      found = node.isArray() ? own[i] : own[2 * i + (key && at.tail().matches() ? 0 : 1)];
      node = node.isArray() ? node.get(i) : node.get(step);
    }
    return source(found);
  }

  /** Where the entries or items of a map or list of the file are written, packed as {@code line << 32 | column}. */
  private static long[] places(JsonNode container) {
    return container instanceof PlacedMap map ? map.places : container instanceof PlacedList list ? list.places : null;
  }

  private int entryNumber(JsonNode map, String key) {
    Map<String, Integer> numbers = entryNumbers.computeIfAbsent(map, m -> {
      Map<String, Integer> n = new HashMap<>();
      m.propertyNames().forEach(k -> n.put(k, n.size()));
      return n;
    });
    return numbers.getOrDefault(key, -1);
  }

  private Source source(long place) {
    return new Source(name, (int) (place >>> 32), (int) place);
  }

  static long pack(Mark mark) {
    return (long) (mark.getLine() + 1) << 32 | (mark.getColumn() + 1);
  }

  static Source source(String file, Mark mark) {
    return mark == null ? new Source(file, 1, 1) : new Source(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static Mark currentMark(ParserImpl parser) {
    try {
      return parser.peekEvent().getStartMark();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The file as text: at most {@link #MAX_BYTES}, UTF-8. */
  private static String text(Path path, String name) {
    byte[] bytes;
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw new ManifestException(new Source(name, 1, 1), "file is larger than 32 MiB; a manifest is never that big");
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ManifestException(new Source(name, 1, 1), "cannot read file: " + e.getMessage());
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports bad input, replaces nothing
    if (utf8.decode(in, out, true).isError()) {
      int bad = in.position();
      int line = 1 + (int) IntStream.range(0, bad).filter(i -> bytes[i] == '\n').count();
      throw new ManifestException(new Source(name, line, 1),
          "file is not valid UTF-8 (bad byte at offset " + bad + "); save it as UTF-8");
    }
    String text = out.flip().toString();
    if (text.isBlank()) {
      throw new ManifestException(new Source(name, 1, 1), "file is empty: expected a manifest starting with 'version: 1'");
    }
    return text; // SnakeYAML skips a byte order mark
  }

  /** SnakeYAML's words for what is wrong, in the manifest's, with what usually causes it. */
  private static String describe(String context, String problem, Mark opened) {
    context = context == null ? "" : context;
    problem = problem == null ? "" : problem.replace("\n", " ").strip();
    for (Map.Entry<String, String> mistake : MISTAKES.entrySet()) {
      if (problem.startsWith(mistake.getKey())) {
        return mistake.getValue();
      }
    }
    if (context.startsWith("while parsing a flow mapping") && opened != null) {
      return "expected ',' or '}' in the map opened with '{' at line " + (opened.getLine() + 1) + ", column "
          + (opened.getColumn() + 1) + ": close it, or put a value that holds ':' or ',' in quotes";
    }
    if (context.startsWith("while parsing a flow sequence") && opened != null) {
      return "expected ',' or ']' in the list opened with '[' at line " + (opened.getLine() + 1) + ", column "
          + (opened.getColumn() + 1) + ": close it, or put a value that holds ',' in quotes";
    }
    if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
      return "a tab character: YAML indents with spaces only";
    }
    if (problem.startsWith("found character '") && problem.contains("that cannot start any token")) {
      return "a value cannot start with " + problem.substring("found character ".length(), problem.indexOf("' ") + 1)
          + ": put the value in quotes";
    }
    if ("expected a single document in the stream".equals(context)) {
      return "a second YAML document ('---'): a file holds one manifest";
    }
    if (problem.startsWith("found undefined alias ")) {
      String anchor = problem.substring("found undefined alias ".length());
      return "alias *" + anchor + " has no anchor &" + anchor + " before it";
    }
    if (problem.startsWith("Global tag is not allowed: ")) {
      return tagNotAllowed(problem.substring("Global tag is not allowed: ".length()));
    }
    return "not valid YAML here (ROSTER_DEBUG=1 or validate -v prints the parser's words)";
  }

  static String tagNotAllowed(String tag) {
    return "tag '" + tag + "' is not allowed: a manifest holds plain values, lists and maps";
  }

  /** A map of the file, with its keys' and values' places in entry order (key, value, key…). */
  static final class PlacedMap extends ObjectNode {
    private static final long[] NONE = {};
    long[] places = NONE;

    PlacedMap() {
      super(JsonNodeFactory.instance);
    }
  }

  /** A list of the file, with its items' places. */
  static final class PlacedList extends ArrayNode {
    long[] places;

    PlacedList() {
      super(JsonNodeFactory.instance);
    }
  }
}

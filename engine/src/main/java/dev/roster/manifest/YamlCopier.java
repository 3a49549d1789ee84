package dev.roster.manifest;

import static dev.roster.manifest.YamlFile.MAX_VALUES;
import dev.roster.manifest.YamlFile.PlacedList;
import dev.roster.manifest.YamlFile.PlacedMap;
import static dev.roster.manifest.YamlFile.pack;
import static dev.roster.manifest.YamlFile.source;
import static dev.roster.manifest.YamlFile.tagNotAllowed;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * SnakeYAML's composer, copying its nodes into JSON. The maps at the second level (users, providers…)
 * are copied entry by entry as each entry is composed, and the entry's nodes dropped: with the marks
 * and comment lists they keep, the nodes of 100,000 people take over 300 MiB, more than a plan may.
 */
final class YamlCopier extends Composer {
  private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /**
   * Every {@code {}} of a file: an empty map has nothing to place, and no map is added to once read
   * (100,000 people with four accounts written {@code {}}: 400,000 maps, 36 of the tree's 136 MiB).
   */
  private static final PlacedMap EMPTY_MAP = new PlacedMap();

  private final String file;
  final List<Problem> problems = new ArrayList<>();
  /** Copies an alias shows again: of anchored nodes, and of the maps copied while composed. */
  private final Map<Node, Copy> copies = new IdentityHashMap<>();
  private final Map<Node, Composing> copiedWhileComposed = new IdentityHashMap<>();
  private final Set<Node> copying = Collections.newSetFromMap(new IdentityHashMap<>());
  /** One string per key: "email" and "accounts" come once per person. */
  private final Map<String, String> keyNames = new HashMap<>();
  private int mapDepth;
  private long values;

  YamlCopier(String file, ParserImpl parser, LoaderOptions options) {
    super(parser, new Yaml12Booleans(), options);
    this.file = file;
  }

  @Override
  protected Node composeMappingNode(String anchor) {
    mapDepth++;
    try {
      Node map = super.composeMappingNode(anchor);
      Composing copy = copiedWhileComposed.get(map);
      if (copy != null) {
        copying.remove(map);
        copy.json.places = Arrays.copyOf(copy.json.places, 2 * copy.json.size()); // without the room to grow
        copy.values = values - copy.values;
      }
      return map;
    } finally {
      mapDepth--;
    }
  }

  @Override
  protected void composeMappingChildren(List<NodeTuple> children, MappingNode map) {
    super.composeMappingChildren(children, map);
    if (mapDepth == 2) {
      Composing copy = copiedWhileComposed.computeIfAbsent(map, m -> {
        copying.add(m);
        return new Composing(values);
      });
      copyEntry(copy.json, children.remove(children.size() - 1));
    }
  }

  /** @param usedAt where the node is used: an alias inside the container it names is reported there */
  JsonNode copy(Node node, Mark usedAt) {
    if (copying.contains(node)) {
      throw new ManifestException(source(file, usedAt),
          "alias *" + node.getAnchor() + " is inside the node it names: a manifest cannot be recursive");
    }
    Composing whileComposed = copiedWhileComposed.remove(node);
    if (whileComposed != null) {
      copies.put(node, new Copy(whileComposed.json, whileComposed.values)); // what an alias to it shows again
      return whileComposed.json;
    }
    Copy again = copies.get(node);
    if (again != null) {
      count(again.values, usedAt);
      return again.json;
    }
    copying.add(node);
    long before = values;
    count(1, usedAt);
    JsonNode json = node instanceof ScalarNode scalar ? scalar(scalar) : container(node);
    copying.remove(node);
    if (node.getAnchor() != null) {
      copies.put(node, new Copy(json, values - before));
    }
    return json;
  }

  private JsonNode container(Node node) {
    if (!node.getTag().equals(node instanceof MappingNode ? Tag.MAP : Tag.SEQ)) {
      problems.add(new Problem(source(file, node.getStartMark()), tagNotAllowed(node.getTag().getValue())));
    }
    if (node instanceof MappingNode mapping) {
      if (mapping.getValue().isEmpty()) {
        return EMPTY_MAP;
      }
      PlacedMap map = new PlacedMap();
      map.places = new long[2 * mapping.getValue().size()];
      mapping.getValue().forEach(entry -> copyEntry(map, entry));
      return map;
    }
    List<Node> items = ((SequenceNode) node).getValue();
    PlacedList list = new PlacedList();
    list.places = new long[items.size()];
    for (Node item : items) {
      list.places[list.size()] = pack(item.getStartMark());
      list.add(copy(item, node.getStartMark()));
    }
    return list;
  }

  /** Copies an entry into a map, and its places after the map's others (a refused entry has none). */
  private void copyEntry(PlacedMap map, NodeTuple entry) {
    Node key = entry.getKeyNode();
    if (!(key instanceof ScalarNode scalar) || !SCALAR_TAGS.contains(key.getTag())) {
      problems.add(new Problem(source(file, key.getStartMark()), key.getTag().equals(Tag.MERGE)
          ? "merge keys (<<) are not supported: use 'defaults:' for values shared by accounts"
          : "a key must be plain text"));
      return;
    }
    String name = scalar.getValue();
    if (map.has(name)) {
      int first = new ArrayList<>(map.propertyNames()).indexOf(name);
      problems.add(new Problem(source(file, key.getStartMark()),
          "duplicate key '" + name + "' (first at line " + (map.places[2 * first] >>> 32) + ")"));
      return;
    }
    int slot = 2 * map.size();
    if (slot == map.places.length) { // a map of the root map, growing as it is composed
      map.places = Arrays.copyOf(map.places, Math.max(4, 2 * slot));
    }
    map.places[slot] = pack(key.getStartMark());
    map.places[slot + 1] = pack(entry.getValueNode().getStartMark());
    map.set(keyNames.computeIfAbsent(name, k -> k), copy(entry.getValueNode(), key.getStartMark()));
  }

  private JsonNode scalar(ScalarNode node) {
    Tag tag = node.getTag();
    String text = node.getValue();
    try {
      if (tag.equals(Tag.NULL)) {
        return NODES.nullNode();
      } else if (tag.equals(Tag.BOOL)) {
        return NODES.booleanNode(text.equalsIgnoreCase("true"));
      } else if (tag.equals(Tag.INT)) {
        return integer(text.replace("_", ""));
      } else if (tag.equals(Tag.FLOAT)) {
        return NODES.numberNode(Double.parseDouble(text.replace("_", "").replace(".inf", "Infinity").replace(".nan", "NaN")));
      } else if (!SCALAR_TAGS.contains(tag) && !tag.equals(Tag.MERGE)) { // "<<" as a value is just text
        problems.add(new Problem(source(file, node.getStartMark()), tagNotAllowed(tag.getValue())));
        return NODES.nullNode();
      }
    } catch (NumberFormatException e) {
      // YAML 1.1's sexagesimal and binary numbers: kept as written
    }
    return NODES.stringNode(text); // and timestamps, as written
  }

  private static JsonNode integer(String text) {
    BigInteger n;
    if (text.startsWith("0x") || text.startsWith("-0x")) {
      n = new BigInteger(text.replace("0x", ""), 16);
    } else if (text.startsWith("0o")) {
      n = new BigInteger(text.substring(2), 8);
    } else {
      n = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    }
    return n.bitLength() < 32 ? NODES.numberNode(n.intValue())
        : n.bitLength() < 64 ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
  }

  /** Counts values as aliases repeat them, so that a billion laughs stops at the bound. */
  private void count(long more, Mark at) {
    values += more;
    if (values > MAX_VALUES) {
      throw new ManifestException(source(file, at),
          "more than " + MAX_VALUES + " values (aliases expand to too much): refusing to read further");
    }
  }

  /** A node's JSON copy, and how many values it holds with aliases expanded. */
  private record Copy(JsonNode json, long values) {}

  /** A map of the root map, copied as it is composed; {@code values} counts from where it started. */
  private static final class Composing {
    final PlacedMap json = new PlacedMap();
    long values;

    Composing(long valuesBefore) {
      this.values = valuesBefore;
    }
  }

  /** SnakeYAML's resolver with YAML 1.2 booleans: {@code yes}, {@code no}, {@code on}, {@code off} stay text. */
  private static final class Yaml12Booleans extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
      addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789");
    }
  }
}

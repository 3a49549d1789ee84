package dev.roster.manifest;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one YAML file safely into a {@link YamlDocument}: SnakeYAML's parser yields events (nothing
 * is ever built from a tag), and this class builds a JSON tree from them, keeping every place. It
 * does what SnakeYAML's composer would (anchors, aliases, one document) without the composer's node
 * graph, which cost more than the parse itself on a big file.
 *
 * <p>Bounds: file size, aliases, nesting depth and node count, so that hostile files fail fast.
 * Only the standard tags are accepted. Booleans are YAML 1.2's {@code true}/{@code false} only, so
 * that {@code no} or {@code off} stay strings.
 */
public final class YamlReader {
  public static final long MAX_FILE_BYTES = 32L * 1024 * 1024; // 100,000 people fit in about 12 MiB
  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 64;
  static final int MAX_NODES = 5_000_000; // 100,000 people are about 1,000,000

  /** From this size on, one thread parses while another builds the tree (each is about half the work). */
  public static final int PIPELINE_FROM_CHARS = 1 << 20;

  private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlReader() {}

  /** Told of each entry of the top-level {@code users} map as soon as it is read. */
  @FunctionalInterface
  public interface PersonListener {
    /**
     * @param soFar the file as read so far: everything before this person is whole, places included
     *     (the maps still open, the root and {@code users}, hold their entries up to this one)
     */
    void person(String handle, JsonNode person, Supplier<YamlDocument> soFar);
  }

  public static YamlDocument read(Path path, String displayName) {
    return read(path, displayName, null);
  }

  /**
   * @param eachPerson given each entry of the top-level {@code users} map as soon as it is read, so
   *     that checking and merging people overlaps reading the rest of a big file; may be null
   */
  public static YamlDocument read(Path path, String displayName, PersonListener eachPerson) {
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
    return parse(bytes, displayName, eachPerson);
  }

  public static YamlDocument parse(byte[] bytes, String file) {
    return parse(bytes, file, null);
  }

  private static YamlDocument parse(byte[] bytes, String file, PersonListener eachPerson) {
    String text = decodeUtf8(bytes, file);
    if (text.isBlank()) {
      throw new ManifestException(new Source(file, 1, 1), "file is empty: expected a manifest starting with 'version: 1'");
    }
    Builder builder = new Builder(file, eachPerson);
    try {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit((int) MAX_FILE_BYTES);
      ParserImpl parser = new ParserImpl(new StreamReader(text), options);
      if (text.length() < PIPELINE_FROM_CHARS) {
        for (Event event = parser.getEvent(); !event.is(Event.ID.StreamEnd); event = parser.getEvent()) {
          builder.accept(event);
        }
      } else {
        new Pipeline(parser).drainTo(builder);
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new ManifestException(source(file, mark), describe(e));
    } catch (YAMLException e) {
      throw new ManifestException(new Source(file, 1, 1), "not valid YAML: " + e.getMessage());
    }
    if (builder.root == null) {
      throw new ManifestException(new Source(file, 1, 1), "file is empty: expected a manifest starting with 'version: 1'");
    }
    if (!builder.problems.isEmpty()) {
      throw new ManifestException(builder.problems);
    }
    return new YamlDocument(file, builder.root, builder.rootPlace, builder.places, builder.anchored);
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
    return "not valid YAML: " + (context == null ? "" : context.strip() + ": ") + problem;
  }

  static Source source(String file, Mark mark) {
    return mark == null ? new Source(file, 1, 1) : new Source(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /**
   * SnakeYAML's parser on a thread of its own, handing events over in batches, so that parsing and
   * building the tree overlap on a big file. The parser's own exceptions reach the caller unchanged.
   */
  private static final class Pipeline {
    private static final int BATCH = 1024;
    private static final Event[] FAILED = new Event[0];

    private final ParserImpl parser;
    private final java.util.concurrent.BlockingQueue<Event[]> batches = new java.util.concurrent.ArrayBlockingQueue<>(16);
    private volatile Throwable failure;

    Pipeline(ParserImpl parser) {
      this.parser = parser;
    }

    void drainTo(Builder builder) {
      Thread parsing = new Thread(this::parse, "roster-yaml-parser");
      parsing.setDaemon(true);
      parsing.start();
      try {
        while (true) {
          Event[] batch = batches.take();
          if (batch == FAILED) {
            if (failure instanceof Error error) {
              throw error;
            }
            throw (RuntimeException) failure;
          }
          for (Event event : batch) {
            if (event.is(Event.ID.StreamEnd)) {
              return;
            }
            builder.accept(event);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new YAMLException("interrupted while reading");
      } finally {
        parsing.interrupt(); // the builder may have stopped early (a bound): the parser stops too
      }
    }

    private void parse() {
      try {
        Event[] batch = new Event[BATCH];
        int n = 0;
        while (!Thread.currentThread().isInterrupted()) {
          Event event;
          try {
            event = parser.getEvent();
          } catch (RuntimeException | Error e) {
            // the events before the failure first: the builder may have its own problem in them
            batches.put(Arrays.copyOf(batch, n));
            failure = e;
            batches.put(FAILED);
            return;
          }
          batch[n++] = event;
          boolean end = event.is(Event.ID.StreamEnd);
          if (end || n == BATCH) {
            batches.put(n == BATCH ? batch : Arrays.copyOf(batch, n));
            if (end) {
              return;
            }
            batch = new Event[BATCH];
            n = 0;
          }
        }
      } catch (InterruptedException e) {
        // the builder is done with us
      }
    }
  }

  /**
   * Builds the JSON tree straight from the parser's events and records each place; resolves anchors
   * and aliases with their bounds, as SnakeYAML's composer would.
   */
  private static final class Builder {
    private static final Resolver RESOLVER = new Yaml12Booleans();
    /** First characters of every implicit type in {@link Yaml12Booleans}; text starting otherwise is a string. */
    private static final String RESOLVABLE_STARTS = "tTfF-+0123456789.<~nN\0";
    private static final int SHORT = 8;
    private static final int MAX_RESOLVED = 1024;
    private final Map<String, Tag> resolved = new HashMap<>();

    final String file;
    final List<Problem> problems = new ArrayList<>();
    final IdentityHashMap<JsonNode, long[]> places = new IdentityHashMap<>();
    /** Maps and lists with an anchor: an alias may show them again, so they keep their places. */
    final Set<JsonNode> anchored = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    JsonNode root;
    long rootPlace;
    private final ArrayDeque<Frame> open = new ArrayDeque<>();
    private final Map<String, Anchored> anchors = new HashMap<>();
    /** Keys repeat on every person ("email", "accounts"): one String each. */
    private final Map<String, String> keyNames = new HashMap<>();
    private final PersonListener eachPerson;
    private final Supplier<YamlDocument> soFar = this::soFar;
    private YamlDocument readSoFar;
    private int documents;
    private long nodes;
    private int collectionAliases;

    Builder(String file, PersonListener eachPerson) {
      this.file = file;
      this.eachPerson = eachPerson;
    }

    /**
     * The file as read so far, as if the maps and lists still open ended here: each is put in its
     * parent under the key it is read for (it will be, the same node, when it ends), and lends its
     * places up to now. end() puts each finished container's own places.
     */
    private YamlDocument soFar() {
      Frame outer = null;
      for (java.util.Iterator<Frame> inward = open.descendingIterator(); inward.hasNext(); ) {
        Frame frame = inward.next();
        if (outer != null && outer.container instanceof ObjectNode map && outer.key != null) {
          map.set(outer.key, frame.container);
          long[] withOpen = Arrays.copyOf(outer.places, outer.used + 2);
          withOpen[outer.used] = outer.keyPlace;
          withOpen[outer.used + 1] = frame.place;
          places.put(outer.container, withOpen);
        }
        if (!inward.hasNext() && frame.used > 0) {
          places.put(frame.container, frame.places);
        }
        outer = frame;
      }
      if (readSoFar == null) {
        Frame outermost = open.peekLast();
        readSoFar = new YamlDocument(file, outermost.container, outermost.place, places, anchored);
      }
      return readSoFar;
    }

    void accept(Event event) {
      switch (event.getEventId()) {
        case DocumentStart -> {
          if (++documents > 1) {
            throw new ManifestException(place(event), "a second YAML document ('---'): a file holds one manifest");
          }
        }
        case MappingStart, SequenceStart -> start((CollectionStartEvent) event);
        case MappingEnd, SequenceEnd -> end();
        case Scalar -> scalar((ScalarEvent) event);
        case Alias -> alias((AliasEvent) event);
        default -> { } // stream and document ends
      }
    }

    private void start(CollectionStartEvent event) {
      if (open.size() >= MAX_DEPTH) {
        throw new ManifestException(place(event), "nested deeper than " + MAX_DEPTH + " levels: a manifest is never that deep");
      }
      count(event, 1);
      boolean mapping = event.is(Event.ID.MappingStart);
      Tag expected = mapping ? Tag.MAP : Tag.SEQ;
      if (event.getTag() != null && !event.getTag().equals("!") && !new Tag(event.getTag()).equals(expected)) {
        unsupportedTag(event, new Tag(event.getTag()));
      }
      JsonNode container = mapping ? NODES.objectNode() : NODES.arrayNode();
      open.push(new Frame(container, pack(event), event.getAnchor(), nodes));
    }

    private void end() {
      Frame frame = open.pop();
      if (frame.used > 0) {
        places.put(frame.container, frame.places());
      }
      if (frame.anchor != null) {
        anchored.add(frame.container);
        anchors.put(frame.anchor, new Anchored(frame.container, null, nodes - frame.nodesAtStart + 1));
      }
      deliver(frame.container, frame.place, null, false);
    }

    private void scalar(ScalarEvent event) {
      count(event, 1);
      String text = event.getValue();
      Tag tag;
      if (event.getTag() != null && !event.getTag().equals("!")) {
        tag = new Tag(event.getTag());
      } else if (!event.getImplicit().canOmitTagInPlainScalar()
          || !text.isEmpty() && RESOLVABLE_STARTS.indexOf(text.charAt(0)) < 0) {
        tag = Tag.STR; // quoted, or no implicit type starts this way: skip the resolver's regular expressions
      } else if (text.length() <= SHORT) {
        tag = resolveShort(text);
      } else {
        tag = RESOLVER.resolve(NodeId.scalar, text, true);
      }
      // most scalars are strings, resolved to the constant itself: no set look-up (it hashes the tag's text)
      boolean plain = tag == Tag.STR || PLAIN_TAGS.contains(tag);
      JsonNode value = plain ? value(tag, text) : tag.equals(Tag.MERGE) ? NODES.stringNode(text) : unsupportedTag(event, tag);
      String keyText = plain ? text : null;
      if (event.getAnchor() != null) {
        anchors.put(event.getAnchor(), new Anchored(value, keyText, 1));
      }
      deliver(value, pack(event), keyText, tag.equals(Tag.MERGE));
    }

    /** Short words such as the key {@code name} come again and again: each is resolved once. */
    private Tag resolveShort(String text) {
      Tag tag = resolved.get(text);
      if (tag == null) {
        tag = RESOLVER.resolve(NodeId.scalar, text, true);
        if (resolved.size() < MAX_RESOLVED) {
          resolved.put(text, tag);
        }
      }
      return tag;
    }

    private void alias(AliasEvent event) {
      Anchored target = anchors.get(event.getAnchor());
      if (target == null) {
        boolean enclosing = open.stream().anyMatch(f -> event.getAnchor().equals(f.anchor));
        throw new ManifestException(place(event), enclosing
            ? "alias *" + event.getAnchor() + " is inside the node it names: a manifest cannot be recursive"
            : "alias *" + event.getAnchor() + " has no anchor &" + event.getAnchor() + " before it");
      }
      if (target.node.isContainer() && ++collectionAliases > MAX_ALIASES) {
        throw new ManifestException(place(event), "too many aliases (at most " + MAX_ALIASES + "): the file looks like an alias bomb");
      }
      count(event, target.size);
      deliver(target.node, pack(event), target.keyText, false);
    }

    /** Hands a finished node to the map or list around it; in a map, every other node is a key. */
    private void deliver(JsonNode node, long place, String keyText, boolean mergeKey) {
      Frame parent = open.peek();
      if (parent == null) {
        root = node;
        rootPlace = place;
        return;
      }
      if (parent.container instanceof ArrayNode array) {
        array.add(node);
        parent.add(place);
        return;
      }
      if (parent.expectingKey) {
        parent.expectingKey = false;
        parent.key = null;
        if (mergeKey) {
          problems.add(new Problem(source(place), "merge keys (<<) are not supported: use 'defaults:' for values shared by accounts"));
        } else if (keyText == null) {
          problems.add(new Problem(source(place), "a key must be plain text"));
        } else if (parent.container.has(keyText)) {
          problems.add(new Problem(source(place), "duplicate key '" + keyText + "' (first at line " + parent.keyLine(keyText) + ")"));
        } else {
          parent.key = shared(keyText);
          parent.keyPlace = place;
        }
        return;
      }
      parent.expectingKey = true;
      if (parent.key != null) {
        ((ObjectNode) parent.container).set(parent.key, node);
        parent.add(parent.keyPlace);
        parent.add(place);
        if (eachPerson != null && open.size() == 2 && "users".equals(open.peekLast().key)) {
          eachPerson.person(parent.key, node, soFar);
        }
      }
    }

    /** The first thousand distinct keys are kept once; the rest are mostly handles, each seen once. */
    private String shared(String key) {
      String known = keyNames.get(key);
      if (known == null && keyNames.size() < 1024) {
        keyNames.put(key, key);
      }
      return known != null ? known : key;
    }

    /** Counts nodes as aliases expand them, so that a billion laughs stops at the bound. */
    private void count(Event event, long size) {
      nodes += size;
      if (nodes > MAX_NODES) {
        throw new ManifestException(place(event),
            "more than " + MAX_NODES + " values (aliases expand to too much): refusing to read further");
      }
    }

    private JsonNode unsupportedTag(Event event, Tag tag) {
      problems.add(new Problem(place(event),
          "tag '" + tag.getValue() + "' is not allowed: a manifest holds plain values, lists and maps"));
      return NODES.nullNode();
    }

    private Source place(Event event) {
      return YamlReader.source(file, event.getStartMark());
    }

    private Source source(long place) {
      return YamlDocument.unpack(file, place);
    }

    private static long pack(Event event) {
      Mark mark = event.getStartMark();
      return YamlDocument.pack(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static JsonNode value(Tag tag, String v) {
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

    /** A map or list being read, with the places of what it holds so far. */
    private static final class Frame {
      final JsonNode container;
      final long place;
      final String anchor;
      final long nodesAtStart;
      long[] places = new long[4];
      int used;
      boolean expectingKey = true;
      String key;
      long keyPlace;

      Frame(JsonNode container, long place, String anchor, long nodesAtStart) {
        this.container = container;
        this.place = place;
        this.anchor = anchor;
        this.nodesAtStart = nodesAtStart;
      }

      void add(long place) {
        if (used == places.length) {
          places = Arrays.copyOf(places, used * 2);
        }
        places[used++] = place;
      }

      long[] places() {
        return used == places.length ? places : Arrays.copyOf(places, used);
      }

      int keyLine(String key) {
        int i = 0;
        for (String name : container.propertyNames()) {
          if (name.equals(key)) {
            return (int) (places[2 * i] >>> 32);
          }
          i++;
        }
        return 0;
      }
    }

    /** What an anchor names: the node, its text when it can be a key, and how many nodes it expands to. */
    private record Anchored(JsonNode node, String keyText, long size) {}
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

package org.asrnas.nas.model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.Messages;

/**
 * A network or a search space, as read from JSON (docs/design.md §5). A model is a space whose
 * every node has exactly one candidate. The layers run in this order: for position p = 0..N, first
 * the fixed layers with {@code after == p}, then node p; then the linear output layer to the units.
 *
 * <pre>{@code
 * {
 *   "input_dim": 120, "units": 72, "width": 640, "dropout": 0.5,
 *   "candidates": ["tdnn-C1D1", "tdnn-C1D2", "tdnn-C2D1", "tdnn-C2D2"],
 *   "blocks": 6,
 *   "fixed": [{"after": 3, "op": "tdnn-C1D1S3"}]
 * }
 * }</pre>
 *
 * {@code blocks} is a count (every node takes the shared {@code candidates}) or an array of nodes,
 * each {@code {"op": "..."}}, {@code {"candidates": [...]}} or {@code {}} (the shared list), with
 * an optional {@code "width"}. {@code units} may be 0 to take the size of the training data's
 * units.txt. {@code "weight_sharing"} says how a supernet builds the candidates of a node: {@code
 * "none"} (the default, the paper's supernet: every candidate has its own weights) or {@code
 * "kernel"} (the TDNN candidates of a node with the same stride share one kernel of the node's
 * largest context, each using its centre taps at its own dilation, and one bias and LayerNorm; see
 * {@link WeightSharing#KERNEL}). It matters only to a supernet; a derived network is always built
 * with weights of its own.
 *
 * <p>Over 400 lines because the JSON reader and writer, with an error naming the key for every
 * malformed field, belong with the record they build.
 *
 * @param inputDim feature dimension
 * @param units output units including the blank (0 = not yet known)
 * @param width default node width
 * @param dropout dropout rate of every op that has one
 * @param nodes searchable nodes in order
 * @param fixed fixed layers and their positions
 * @param weightSharing how a supernet builds the candidates of a node
 */
public record ArchitectureSpec(
    int inputDim,
    int units,
    int width,
    double dropout,
    List<Node> nodes,
    List<FixedLayer> fixed,
    WeightSharing weightSharing) {

  /** How the candidates of one node share weights in a supernet. */
  public enum WeightSharing {
    /** Every candidate has weights of its own (the paper's supernet). */
    NONE,
    /**
     * The TDNN candidates of a node with the same stride share one (width, in, 2·Cmax+1) kernel,
     * bias and LayerNorm; a candidate of half context C and dilation D applies the 2C+1 centre taps
     * at dilation D (the "superkernel" of Single-Path NAS, Stamoulis et al. 2019). Other ops keep
     * their own weights. docs/experiments/supernet-warmup.md measures why the CPU recipes use it:
     * with independent weights the uniform single-path warm-up stays on CTC's blank plateau.
     */
    KERNEL;

    static WeightSharing parse(String s) {
      for (WeightSharing w : values()) {
        if (w.name().equalsIgnoreCase(s)) {
          return w;
        }
      }
      throw new IllegalArgumentException(
          "weight_sharing must be \"none\" or \"kernel\", got \"" + s + "\"");
    }
  }

  /** A network or space whose candidates have weights of their own. */
  public ArchitectureSpec(
      int inputDim,
      int units,
      int width,
      double dropout,
      List<Node> nodes,
      List<FixedLayer> fixed) {
    this(inputDim, units, width, dropout, nodes, fixed, WeightSharing.NONE);
  }

  /** One searchable node: its candidates and width. */
  public record Node(List<OpSpec> candidates, int width) {
    public Node {
      candidates = List.copyOf(candidates);
      Checks.checkArgument(!candidates.isEmpty(), "a node needs at least one candidate");
      Checks.checkArgument(
          width >= 1 && width <= MAX_WIDTH,
          "node width must be in [1, %s], got %s",
          MAX_WIDTH,
          width);
    }
  }

  /** A layer that is not searched, placed after {@code after} nodes. */
  public record FixedLayer(int after, OpSpec op, int width) {
    public FixedLayer {
      Checks.checkArgument(after >= 0, "fixed layer position must be >= 0, got %s", after);
      Checks.checkArgument(
          width >= 1 && width <= MAX_WIDTH,
          "fixed layer width must be in [1, %s], got %s",
          MAX_WIDTH,
          width);
    }
  }

  /** The most nodes (and the most fixed layers) of a network or space. */
  public static final int MAX_NODES = 1000;

  /** The largest input_dim and width of any layer. */
  public static final int MAX_WIDTH = 16384;

  /** The most output units. */
  public static final int MAX_UNITS = 100_000;

  /**
   * The most parameters (all candidates of a space counted; 2 GB of float32): far above every
   * network of data/nas/, low enough to fail in milliseconds instead of filling the memory.
   */
  public static final long MAX_PARAMETERS = 500_000_000L;

  public ArchitectureSpec {
    Checks.checkArgument(
        inputDim >= 1 && inputDim <= MAX_WIDTH,
        "input_dim must be in [1, %s], got %s",
        MAX_WIDTH,
        inputDim);
    Checks.checkArgument(
        units >= 0 && units != 1 && units <= MAX_UNITS,
        "units must be in [2, %s] (or 0 = from data), got %s",
        MAX_UNITS,
        units);
    Checks.checkArgument(
        width >= 1 && width <= MAX_WIDTH, "width must be in [1, %s], got %s", MAX_WIDTH, width);
    Checks.checkArgument(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got %s", dropout);
    nodes = List.copyOf(nodes);
    fixed = List.copyOf(fixed);
    Checks.checkArgument(
        nodes.size() <= MAX_NODES, "blocks has %s nodes, at most %s", nodes.size(), MAX_NODES);
    Checks.checkArgument(
        fixed.size() <= MAX_NODES, "fixed has %s layers, at most %s", fixed.size(), MAX_NODES);
    Checks.checkNotNull(weightSharing, "weightSharing");
    for (FixedLayer f : fixed) {
      Checks.checkArgument(
          f.after() <= nodes.size(),
          "fixed layer %s is after node %s but there are only %s nodes",
          f.op().name(),
          f.after(),
          nodes.size());
    }
    long params = parameterBound(inputDim, units, nodes, fixed);
    Checks.checkArgument(
        params <= MAX_PARAMETERS,
        "the network would have about %s parameters, more than %s; lower width, blocks or the"
            + " ops' sizes",
        params == Long.MAX_VALUE ? "> 9e18" : params,
        MAX_PARAMETERS);
  }

  /**
   * An upper bound of the parameter count (every candidate of every node, biases and LayerNorms
   * ignored), in long arithmetic that saturates instead of overflowing.
   */
  static long parameterBound(int inputDim, int units, List<Node> nodes, List<FixedLayer> fixed) {
    long total = 0;
    int dim = inputDim;
    try {
      for (int p = 0; p <= nodes.size(); p++) {
        for (FixedLayer f : fixed) {
          if (f.after() == p) {
            total = Math.addExact(total, weights(f.op(), dim, f.width()));
            dim = f.op().outputDim(dim, f.width());
          }
        }
        if (p < nodes.size()) {
          Node n = nodes.get(p);
          for (OpSpec op : n.candidates()) {
            total = Math.addExact(total, weights(op, dim, n.width()));
          }
          dim = n.candidates().get(0).outputDim(dim, n.width());
        }
      }
      return Math.addExact(total, Math.multiplyExact((long) dim, Math.max(units, 2)));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The weights of one op (biases ignored). */
  private static long weights(OpSpec op, int in, int width) {
    long w = width;
    if (op instanceof OpSpec.Tdnn t) {
      return Math.multiplyExact(Math.multiplyExact(w, in), t.kernel());
    }
    if (op instanceof OpSpec.SepConv c) {
      return Math.addExact((long) in * c.kernel(), w * in);
    }
    if (op instanceof OpSpec.Conv2d c) {
      return Math.addExact(
          (long) c.channels() * c.kernel() * c.kernel(),
          Math.multiplyExact(w * c.channels(), (in + 1) / 2));
    }
    if (op instanceof OpSpec.Blstm b) {
      return Math.multiplyExact(8L * b.hidden(), (long) in + b.hidden());
    }
    return 0; // identity, zero
  }

  /** True when every node has exactly one candidate (a trainable network, not a space). */
  public boolean isSingleOp() {
    return nodes.stream().allMatch(n -> n.candidates().size() == 1);
  }

  /** The network that picks candidate {@code choice[i]} at node i (as ST-NAS derives one). */
  public ArchitectureSpec derive(int[] choice) {
    Checks.checkArgument(
        choice.length == nodes.size(), "need %s choices, got %s", nodes.size(), choice.length);
    List<Node> out = new ArrayList<>();
    for (int i = 0; i < choice.length; i++) {
      Node n = nodes.get(i);
      Checks.checkArgument(
          choice[i] >= 0 && choice[i] < n.candidates().size(),
          "choice %s of node %s not in [0, %s)",
          choice[i],
          i,
          n.candidates().size());
      out.add(new Node(List.of(n.candidates().get(choice[i])), n.width()));
    }
    return new ArchitectureSpec(inputDim, units, width, dropout, out, fixed);
  }

  /**
   * This spec with its output size set from a units file of {@code units} units (incl. blank) where
   * it is 0 (unset), or this spec when it already has that size; a different size is an error
   * naming {@code specFile} and {@code unitsFile}. Training and search both start here.
   */
  public ArchitectureSpec fitUnits(int units, Path specFile, Path unitsFile)
      throws AsrInputException {
    if (units() == 0) {
      return withUnits(units);
    }
    if (units() != units) {
      throw AsrInputException.inFile(
          specFile,
          "units is "
              + units()
              + " but "
              + unitsFile
              + " has "
              + units
              + " units (incl. blank); set \"units\": "
              + units
              + " or 0");
    }
    return this;
  }

  public ArchitectureSpec withUnits(int u) {
    return new ArchitectureSpec(inputDim, u, width, dropout, nodes, fixed, weightSharing);
  }

  /** Overall frame subsampling of the network. */
  public int subsampling() {
    int s = 1;
    for (Node n : nodes) {
      s *= n.candidates().get(0).stride();
    }
    for (FixedLayer f : fixed) {
      s *= f.op().stride();
    }
    return s;
  }

  /** Output frames for {@code frames} input frames. */
  public int outputLength(int frames) {
    int len = frames;
    for (int p = 0; p <= nodes.size(); p++) {
      for (FixedLayer f : fixed) {
        if (f.after() == p) {
          len = f.op().outputLength(len);
        }
      }
      if (p < nodes.size()) {
        len = nodes.get(p).candidates().get(0).outputLength(len);
      }
    }
    return len;
  }

  /**
   * The input frames each output frame depends on (empty for a network with a BLSTM); see {@link
   * ReceptiveField}.
   */
  public java.util.Optional<ReceptiveField> receptiveField() {
    return ReceptiveField.of(this);
  }

  private static final Set<String> TOP_KEYS =
      Set.of(
          "input_dim",
          "units",
          "width",
          "dropout",
          "candidates",
          "blocks",
          "fixed",
          "weight_sharing",
          "comment");
  private static final Set<String> NODE_KEYS = Set.of("op", "candidates", "width", "comment");
  private static final Set<String> FIXED_KEYS = Set.of("after", "op", "width", "comment");

  /** Reads a JSON architecture; malformed input names the file and the key. */
  public static ArchitectureSpec read(Path file) throws IOException, AsrInputException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
      throw AsrInputException.inFile(file, e.getMessage());
    }
  }

  /** Parses JSON text (see the class comment). */
  public static ArchitectureSpec parse(String json) {
    JsonElement root = JsonParser.parseString(json);
    Checks.checkArgument(root.isJsonObject(), "expected a JSON object at the top level");
    JsonObject o = root.getAsJsonObject();
    checkKeys(o, TOP_KEYS, "top level");
    int inputDim = requireInt(o, "input_dim");
    int units = o.has("units") ? intValue(o.get("units"), "units") : 0;
    int width = requireInt(o, "width");
    double dropout = o.has("dropout") ? o.get("dropout").getAsDouble() : 0.0;
    List<OpSpec> shared = o.has("candidates") ? ops(o.getAsJsonArray("candidates")) : List.of();
    List<Node> nodes = new ArrayList<>();
    JsonElement blocks = o.get("blocks");
    Checks.checkArgument(blocks != null, "missing key 'blocks' (a count or an array of nodes)");
    if (blocks.isJsonPrimitive()) {
      Checks.checkArgument(!shared.isEmpty(), "'blocks' is a count, so 'candidates' is required");
      int count = intValue(blocks, "blocks");
      Checks.checkArgument(
          count >= 0 && count <= MAX_NODES,
          "'blocks' is %s; it must be a node count in [0, %s] or an array of nodes",
          count,
          MAX_NODES);
      for (int i = 0; i < count; i++) {
        nodes.add(new Node(shared, width));
      }
    } else {
      Checks.checkArgument(
          blocks.getAsJsonArray().size() <= MAX_NODES,
          "'blocks' lists %s nodes, at most %s",
          blocks.getAsJsonArray().size(),
          MAX_NODES);
      for (JsonElement e : blocks.getAsJsonArray()) {
        JsonObject n = e.getAsJsonObject();
        checkKeys(n, NODE_KEYS, "block " + nodes.size());
        List<OpSpec> c;
        if (n.has("op")) {
          Checks.checkArgument(
              !n.has("candidates"), "block %s has both op and candidates", nodes.size());
          c = List.of(OpSpec.parse(n.get("op").getAsString()));
        } else if (n.has("candidates")) {
          c = ops(n.getAsJsonArray("candidates"));
        } else {
          Checks.checkArgument(
              !shared.isEmpty(),
              "block %s has no op and there are no shared candidates",
              nodes.size());
          c = shared;
        }
        nodes.add(new Node(c, n.has("width") ? intValue(n.get("width"), "width") : width));
      }
    }
    List<FixedLayer> fixed = new ArrayList<>();
    if (o.has("fixed")) {
      for (JsonElement e : o.getAsJsonArray("fixed")) {
        JsonObject f = e.getAsJsonObject();
        checkKeys(f, FIXED_KEYS, "fixed layer " + fixed.size());
        fixed.add(
            new FixedLayer(
                requireInt(f, "after"),
                OpSpec.parse(f.get("op").getAsString()),
                f.has("width") ? intValue(f.get("width"), "width") : width));
      }
    }
    WeightSharing sharing =
        o.has("weight_sharing")
            ? WeightSharing.parse(o.get("weight_sharing").getAsString())
            : WeightSharing.NONE;
    return new ArchitectureSpec(inputDim, units, width, dropout, nodes, fixed, sharing);
  }

  /** The JSON form, which {@link #parse} reads back to an equal spec. */
  public String toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("input_dim", inputDim);
    o.addProperty("units", units);
    o.addProperty("width", width);
    o.addProperty("dropout", dropout);
    JsonArray blocks = new JsonArray();
    for (Node n : nodes) {
      JsonObject b = new JsonObject();
      if (n.candidates().size() == 1) {
        b.addProperty("op", n.candidates().get(0).name());
      } else {
        JsonArray c = new JsonArray();
        n.candidates().forEach(op -> c.add(op.name()));
        b.add("candidates", c);
      }
      if (n.width() != width) {
        b.addProperty("width", n.width());
      }
      blocks.add(b);
    }
    o.add("blocks", blocks);
    JsonArray fx = new JsonArray();
    for (FixedLayer f : fixed) {
      JsonObject b = new JsonObject();
      b.addProperty("after", f.after());
      b.addProperty("op", f.op().name());
      if (f.width() != width) {
        b.addProperty("width", f.width());
      }
      fx.add(b);
    }
    o.add("fixed", fx);
    if (weightSharing != WeightSharing.NONE) {
      o.addProperty("weight_sharing", weightSharing.name().toLowerCase(Locale.ROOT));
    }
    return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
  }

  private static List<OpSpec> ops(JsonArray a) {
    List<OpSpec> out = new ArrayList<>();
    for (JsonElement e : a) {
      out.add(OpSpec.parse(e.getAsString()));
    }
    return out;
  }

  private static int requireInt(JsonObject o, String key) {
    Checks.checkArgument(o.has(key), "missing key '%s'", key);
    return intValue(o.get(key), key);
  }

  /** An integral JSON number in int range (no silent truncation of 3.5 or wrap of 1e12). */
  private static int intValue(JsonElement e, String key) {
    Checks.checkArgument(
        e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber(),
        "'%s' must be an integer, got %s",
        key,
        shortText(e));
    java.math.BigDecimal d;
    try {
      d = e.getAsBigDecimal();
    } catch (NumberFormatException x) {
      throw new IllegalArgumentException("'" + key + "' must be an integer, got " + shortText(e));
    }
    Checks.checkArgument(
        d.signum() == 0 || d.stripTrailingZeros().scale() <= 0,
        "'%s' must be an integer, got %s",
        key,
        shortText(e));
    Checks.checkArgument(
        d.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
            && d.compareTo(java.math.BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0,
        "'%s' is %s, far above any sane value",
        key,
        shortText(e));
    return d.intValueExact();
  }

  private static String shortText(JsonElement e) {
    return Messages.abbreviate(e.toString(), 40);
  }

  private static void checkKeys(JsonObject o, Set<String> allowed, String where) {
    Set<String> unknown = new TreeSet<>(o.keySet());
    unknown.removeAll(allowed);
    Checks.checkArgument(
        unknown.isEmpty(),
        "unknown key(s) %s at %s; allowed: %s",
        unknown,
        where,
        new TreeSet<>(allowed));
  }
}

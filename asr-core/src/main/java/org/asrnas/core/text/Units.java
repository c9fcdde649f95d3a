package org.asrnas.core.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.asrnas.core.AsrInputException;
import org.asrnas.core.Checks;
import org.asrnas.core.data.KaldiOrder;
import org.asrnas.core.data.KaldiTables;

/**
 * The output units of a CTC model ({@code units.txt}: {@code unit id} per line). The blank {@code
 * <blk>} is always id 0; the other units follow with ids 1..N in the order given.
 */
public final class Units {
  public static final String BLANK = "<blk>";

  /** The word separator of character units (as ESPnet's {@code <space>}). */
  public static final String SPACE = "<space>";

  private final List<String> symbols;
  private final Map<String, Integer> ids;
  private final Path source;

  private Units(List<String> symbols) {
    this(symbols, null);
  }

  private Units(List<String> symbols, Path source) {
    this.source = source;
    Checks.checkArgument(
        !symbols.isEmpty() && symbols.get(0).equals(BLANK), "unit 0 must be %s", BLANK);
    this.symbols = List.copyOf(symbols);
    this.ids = new HashMap<>();
    for (int i = 0; i < symbols.size(); i++) {
      Checks.checkArgument(ids.put(symbols.get(i), i) == null, "duplicate unit %s", symbols.get(i));
    }
  }

  /** Units {@code <blk>} then {@code units} in the given order. */
  public static Units of(Collection<String> units) {
    List<String> all = new ArrayList<>();
    all.add(BLANK);
    all.addAll(units);
    return new Units(all);
  }

  /** Phone units: every phone of the lexicon, sorted in Kaldi order. */
  public static Units fromLexicon(Lexicon lexicon) {
    return of(lexicon.phones());
  }

  /** Character units: every character of the transcripts plus {@link #SPACE}, sorted. */
  public static Units fromText(Collection<String> transcripts) {
    SortedSet<String> chars = new TreeSet<>(KaldiOrder.IDS);
    for (String t : transcripts) {
      t.strip()
          .codePoints()
          .filter(c -> !Character.isWhitespace(c))
          .forEach(c -> chars.add(Character.toString(c)));
    }
    List<String> units = new ArrayList<>();
    units.add(SPACE);
    units.addAll(chars);
    return of(units);
  }

  /** Reads {@code units.txt}; ids must be 0..N-1 in order with {@code <blk>} at 0. */
  public static Units read(Path file) throws IOException, AsrInputException {
    List<String> lines = TextFiles.readAllLines(file);
    List<String> symbols = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = KaldiTables.fields(lines.get(i));
      if (f.length == 0) {
        continue;
      }
      if (f.length != 2) {
        throw AsrInputException.atLine(
            file, i + 1, "expected 'unit id', got '" + lines.get(i) + "'");
      }
      int id;
      try {
        id = Integer.parseInt(f[1]);
      } catch (NumberFormatException e) {
        throw AsrInputException.atLine(file, i + 1, "id '" + f[1] + "' is not an integer");
      }
      if (id != symbols.size()) {
        throw AsrInputException.atLine(
            file, i + 1, "id " + id + " out of order; ids must be 0, 1, 2, ... in file order");
      }
      if (id == 0 && !f[0].equals(BLANK)) {
        throw AsrInputException.atLine(
            file, i + 1, "id 0 must be the blank " + BLANK + ", got " + f[0]);
      }
      if (symbols.contains(f[0])) {
        throw AsrInputException.atLine(file, i + 1, "duplicate unit " + f[0]);
      }
      symbols.add(f[0]);
    }
    if (symbols.isEmpty()) {
      throw AsrInputException.inFile(file, "no units; expected '<blk> 0' and one unit per line");
    }
    return new Units(symbols, file);
  }

  /** The file this was read from, for messages; empty when built in memory. */
  public java.util.Optional<Path> source() {
    return java.util.Optional.ofNullable(source);
  }

  public void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i++) {
      lines.add(symbols.get(i) + " " + i);
    }
    KaldiTables.writeLinesAtomically(file, lines);
  }

  /** Number of units including the blank (the output dimension of the model). */
  public int size() {
    return symbols.size();
  }

  public String symbol(int id) {
    return symbols.get(id);
  }

  /** Id of a unit. @throws IllegalArgumentException for an unknown unit */
  public int id(String symbol) {
    Integer id = ids.get(symbol);
    Checks.checkArgument(id != null, "unknown unit '%s'", symbol);
    return id;
  }

  public boolean contains(String symbol) {
    return ids.containsKey(symbol);
  }

  public List<String> symbols() {
    return symbols;
  }

  /** Unit ids of a sequence of symbols. */
  public int[] encode(List<String> symbols) {
    int[] out = new int[symbols.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = id(symbols.get(i));
    }
    return out;
  }

  /** Symbols of a sequence of unit ids. */
  public List<String> decode(int[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(symbol(id));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Units u && u.symbols.equals(symbols);
  }

  @Override
  public int hashCode() {
    return symbols.hashCode();
  }
}

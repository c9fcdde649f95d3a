package org.asrnas.decoder.score;

import java.util.List;
import java.util.Locale;

/**
 * A word alignment: one {@link Edit} per aligned pair, in order.
 *
 * @param edits the alignment path
 */
public record Alignment(List<Edit> edits) {
  public Alignment {
    edits = List.copyOf(edits);
  }

  /** Kinds of alignment steps. */
  public enum Op {
    CORRECT,
    SUBSTITUTION,
    DELETION,
    INSERTION
  }

  /**
   * One step; {@code ref} is null for insertions, {@code hyp} for deletions; a correct step with a
   * null side is an optionally deletable word left out (sclite {@code -D}).
   */
  public record Edit(Op op, String ref, String hyp) {}

  public int count(Op op) {
    int n = 0;
    for (Edit e : edits) {
      if (e.op() == op) {
        n++;
      }
    }
    return n;
  }

  /**
   * sclite's {@code pra} lines: REF/HYP/Eval with errors in upper case, {@code *} for the empty
   * side, columns padded to the longer word.
   */
  public String[] praLines() {
    StringBuilder ref = new StringBuilder("REF:  ");
    StringBuilder hyp = new StringBuilder("HYP:  ");
    StringBuilder eval = new StringBuilder("Eval: ");
    for (Edit e : edits) {
      boolean error = e.op() != Op.CORRECT;
      // an optionally deletable word left out is correct: sclite shows blanks, not stars
      String gap = error ? "*" : " ";
      String r = e.ref() == null ? fill(gap, e.hyp().length()) : show(e.ref(), error);
      String h = e.hyp() == null ? fill(gap, e.ref().length()) : show(e.hyp(), error);
      int w = Math.max(r.length(), h.length());
      String mark =
          switch (e.op()) {
            case CORRECT -> "";
            case SUBSTITUTION -> "S";
            case DELETION -> "D";
            case INSERTION -> "I";
          };
      ref.append(pad(r, w)).append(' ');
      hyp.append(pad(h, w)).append(' ');
      eval.append(pad(mark, w)).append(' ');
    }
    return new String[] {ref.toString(), hyp.toString(), eval.toString()};
  }

  private static String show(String w, boolean error) {
    return error ? w.toUpperCase(Locale.ROOT) : w;
  }

  private static String fill(String c, int n) {
    return c.repeat(Math.max(1, n));
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }
}

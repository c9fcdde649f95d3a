package org.asrnas.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Quoting of the file names that the toolkit writes into {@code wav.scp} commands ({@code sox -R
 * PATH ... |}, {@code sph2pipe ... PATH |}), which later stages run through {@code bash -c}: a path
 * is one shell word whatever it contains, so a file name such as {@code a.wav;rm -rf x;#} is never
 * executed. Quoting follows POSIX sh (and Python's {@code shlex.quote}): a word of safe characters
 * stays as it is, anything else is put in single quotes, with a single quote written as {@code
 * '\''}.
 */
public final class ShellWords {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellWords() {}

  /** {@code word} as one shell word: unchanged when it is made of safe characters only. */
  public static String quote(String word) {
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * The words of a simple command line ({@code '...'}, {@code "..."} without expansions, and
   * backslash escapes); empty when the line uses other shell syntax (pipes, variables, globs,
   * redirections, comments, command separators), so callers fall back to treating it as opaque.
   */
  public static Optional<List<String>> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int j = line.indexOf('\'', i + 1);
        if (j < 0) {
          return Optional.empty();
        }
        cur.append(line, i + 1, j);
        inWord = true;
        i = j;
      } else if (c == '"') {
        int j = line.indexOf('"', i + 1);
        if (j < 0) {
          return Optional.empty();
        }
        String q = line.substring(i + 1, j);
        if (q.contains("$") || q.contains("`") || q.contains("\\") || q.contains("!")) {
          return Optional.empty();
        }
        cur.append(q);
        inWord = true;
        i = j;
      } else if (c == '\\') {
        if (i + 1 >= line.length() || line.charAt(i + 1) == '\n') {
          return Optional.empty();
        }
        cur.append(line.charAt(++i));
        inWord = true;
      } else if (c == ' ' || c == '\t') {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else if ("|&;<>()$`*?[]{}~#!\n\r".indexOf(c) >= 0) {
        return Optional.empty();
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return Optional.of(out);
  }
}

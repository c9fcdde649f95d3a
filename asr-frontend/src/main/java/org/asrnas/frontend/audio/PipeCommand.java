package org.asrnas.frontend.audio;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.asrnas.core.data.ShellWords;

/**
 * Recognises the {@code wav.scp} pipe commands that can be read without running anything: {@code
 * sph2pipe [-f wav|-f rif] [-p] [-c N] [-t b:e | -s b:e] FILE} and {@code sox FILE [-t wav|wavpcm]
 * [-b 16] [-e signed-integer] - [remix N]}. Anything else (other programs, other options, shell
 * syntax) is run through {@code bash -c}.
 */
sealed interface PipeCommand {
  /**
   * Read {@code file} natively.
   *
   * @param channel 0-based channel to keep, empty for all
   * @param startSeconds / endSeconds range to cut (sph2pipe -t), end -1 for "to the end"
   * @param startSample / endSample range in samples (sph2pipe -s), -1 when not given
   */
  record Native(
      String file,
      OptionalInt channel,
      double startSeconds,
      double endSeconds,
      long startSample,
      long endSample)
      implements PipeCommand {}

  /** Run through {@code bash -c}. */
  record Shell(String command) implements PipeCommand {}

  static PipeCommand parse(String command) {
    Optional<List<String>> words = ShellWords.split(command);
    if (words.isEmpty() || words.get().isEmpty()) {
      return new Shell(command);
    }
    List<String> w = words.get();
    String prog = w.get(0).substring(w.get(0).lastIndexOf('/') + 1);
    try {
      if (prog.equals("sph2pipe")) {
        return sph2pipe(w).map(p -> (PipeCommand) p).orElse(new Shell(command));
      }
      if (prog.equals("sox")) {
        return sox(w).map(p -> (PipeCommand) p).orElse(new Shell(command));
      }
    } catch (NumberFormatException e) {
      return new Shell(command);
    }
    return new Shell(command);
  }

  private static Optional<Native> sph2pipe(List<String> w) {
    String file = null;
    OptionalInt channel = OptionalInt.empty();
    double ts = 0;
    double te = -1;
    long ss = -1;
    long se = -1;
    for (int i = 1; i < w.size(); i++) {
      String a = w.get(i);
      switch (a) {
        case "-p" -> {}
        case "-f" -> {
          if (++i >= w.size() || !(w.get(i).equals("wav") || w.get(i).equals("rif"))) {
            return Optional.empty();
          }
        }
        case "-c" -> {
          if (++i >= w.size()) {
            return Optional.empty();
          }
          channel = OptionalInt.of(Integer.parseInt(w.get(i)) - 1);
        }
        case "-t", "-s" -> {
          if (++i >= w.size()) {
            return Optional.empty();
          }
          String[] be = w.get(i).split(":", -1);
          if (be.length != 2) {
            return Optional.empty();
          }
          if (a.equals("-t")) {
            ts = be[0].isEmpty() ? 0 : Double.parseDouble(be[0]);
            te = be[1].isEmpty() ? -1 : Double.parseDouble(be[1]);
          } else {
            ss = be[0].isEmpty() ? 0 : Long.parseLong(be[0]);
            se = be[1].isEmpty() ? -1 : Long.parseLong(be[1]);
          }
        }
        default -> {
          if (a.startsWith("-") || file != null) {
            return Optional.empty();
          }
          file = a;
        }
      }
    }
    if (file == null || channel.isPresent() && channel.getAsInt() < 0) {
      return Optional.empty();
    }
    return Optional.of(new Native(file, channel, ts, te, ss, se));
  }

  private static Optional<Native> sox(List<String> w) {
    if (w.size() < 3 || w.get(1).startsWith("-")) {
      return Optional.empty();
    }
    String file = w.get(1);
    int i = 2;
    boolean sawOutput = false;
    OptionalInt channel = OptionalInt.empty();
    while (i < w.size()) {
      String a = w.get(i);
      if (!sawOutput) {
        switch (a) {
          case "-t" -> {
            String t = i + 1 < w.size() ? w.get(i + 1) : "";
            if (!t.equals("wav") && !t.equals("wavpcm")) {
              return Optional.empty();
            }
            i += 2;
          }
          case "-b" -> {
            if (i + 1 >= w.size() || !w.get(i + 1).equals("16")) {
              return Optional.empty();
            }
            i += 2;
          }
          case "-e" -> {
            if (i + 1 >= w.size() || !w.get(i + 1).startsWith("signed")) {
              return Optional.empty();
            }
            i += 2;
          }
          case "-" -> {
            sawOutput = true;
            i++;
          }
          default -> {
            return Optional.empty();
          }
        }
      } else if (a.equals("remix") && i + 2 == w.size() && w.get(i + 1).matches("[1-9][0-9]*")) {
        channel = OptionalInt.of(Integer.parseInt(w.get(i + 1)) - 1);
        i += 2;
      } else {
        return Optional.empty();
      }
    }
    return sawOutput ? Optional.of(new Native(file, channel, 0, -1, -1, -1)) : Optional.empty();
  }
}

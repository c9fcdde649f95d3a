package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help of every command renders cleanly: no picocli warnings, a one-line summary that differs
 * from its siblings', option descriptions that picocli wraps itself.
 */
class HelpTextTest {
  private static void collect(CommandLine cl, List<CommandLine> out) {
    out.add(cl);
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!out.contains(sub)) {
        collect(sub, out);
      }
    }
  }

  @Test
  void everyCommandsHelpRendersWithoutWarningsWithinItsWidth() {
    List<CommandLine> all = new ArrayList<>();
    collect(AsrCommand.commandLine(), all);
    assertTrue(all.size() > 20, "commands found: " + all.size());
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> problems = new ArrayList<>();
    try {
      // picocli reports a description it cannot format (a lone '%') on stderr, then prints it raw
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      for (CommandLine cl : all) {
        String name = cl.getCommandSpec().qualifiedName();
        String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String line : usage.split("\n")) {
          if (line.length() > 100) {
            problems.add(name + ": help line over 100 columns: " + line);
          }
        }
        if (cl.getCommandName().equals("help")) {
          continue;
        }
        String summary = summary(cl);
        // the command list shows this line alone: it must be a whole sentence
        if (!summary.endsWith(".")) {
          problems.add(name + ": summary line is not a sentence: " + summary);
        }
      }
    } finally {
      System.setErr(err);
    }
    assertEquals(List.of(), problems);
    String warnings = captured.toString(StandardCharsets.UTF_8);
    assertFalse(warnings.contains("WARN"), warnings);
    assertEquals("", warnings.strip());
  }

  private static String summary(CommandLine cl) {
    String[] header = cl.getCommandSpec().usageMessage().header();
    String[] description = cl.getCommandSpec().usageMessage().description();
    return header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
  }

  @Test
  void subcommandsOfOneGroupHaveDistinctSummaries() {
    // a subclass inherits its parent's @Command header: a stage command that sets only
    // 'description' shows the parent's summary in the group's command list
    List<CommandLine> all = new ArrayList<>();
    collect(AsrCommand.commandLine(), all);
    List<String> problems = new ArrayList<>();
    for (CommandLine group : all) {
      Map<String, String> seen = new HashMap<>();
      for (Map.Entry<String, CommandLine> sub : group.getSubcommands().entrySet()) {
        if (sub.getKey().equals("help")) {
          continue;
        }
        String previous = seen.putIfAbsent(summary(sub.getValue()), sub.getKey());
        if (previous != null && !previous.equals(sub.getKey())) {
          problems.add(
              group.getCommandSpec().qualifiedName()
                  + ": "
                  + previous
                  + " and "
                  + sub.getKey()
                  + " share the summary "
                  + summary(sub.getValue()));
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void optionDescriptionsAreOneParagraphThatPicocliWraps() {
    // a description given as several strings prints one line per string, wrapped again at the
    // column limit, which leaves ragged half-empty lines
    List<CommandLine> all = new ArrayList<>();
    collect(AsrCommand.commandLine(), all);
    List<String> problems = new ArrayList<>();
    for (CommandLine cl : all) {
      for (CommandLine.Model.OptionSpec option : cl.getCommandSpec().options()) {
        if (option.description().length > 1) {
          problems.add(cl.getCommandSpec().qualifiedName() + " " + option.longestName());
        }
      }
      for (CommandLine.Model.PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
        if (p.description().length > 1) {
          problems.add(cl.getCommandSpec().qualifiedName() + " " + p.paramLabel());
        }
      }
    }
    assertEquals(List.of(), problems);
  }
}

package org.asrnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help of every command renders cleanly: no picocli warnings, a one-line summary. */
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
        String[] header = cl.getCommandSpec().usageMessage().header();
        String[] description = cl.getCommandSpec().usageMessage().description();
        String summary = header.length > 0 ? header[0] : description[0];
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
}

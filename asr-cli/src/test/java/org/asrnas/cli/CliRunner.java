package org.asrnas.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the asr command in-process and captures its exit code, stdout and stderr. */
record CliRunner(int exitCode, String out, String err) {
  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = AsrCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRunner(code, out.toString(), err.toString());
  }
}

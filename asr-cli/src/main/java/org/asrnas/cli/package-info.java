/**
 * The {@code asr} command: one top-level picocli command ({@link org.asrnas.cli.AsrCommand}) and
 * one thin class per subcommand that parses options and calls the library; no logic of its own.
 */
package org.asrnas.cli;

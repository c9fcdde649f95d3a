/**
 * The {@code asr} command: one top-level picocli command ({@link org.asrnas.cli.AsrCommand}) and
 * one thin class per subcommand that parses options and calls the library; no logic of its own.
 *
 * <p>Each command declares its own {@code @Option} fields, so commands look alike in shape; options
 * that several commands share with the same meaning are mixins ({@code SeedOption}, {@code
 * DeviceOptions}, {@code SynthOptions}, {@code TrainingDataOptions}, {@code ProvenanceOptions}).
 * The report generators ({@code SystemResults}, {@code ComparisonRuns}, {@code ResultTargets}) read
 * run files through {@code RunFiles}. docs/code-structure.md lists what a duplicate finder still
 * reports and why it stays.
 */
package org.asrnas.cli;

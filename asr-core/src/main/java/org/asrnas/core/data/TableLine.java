package org.asrnas.core.data;

/**
 * One line of a Kaldi table file: its 1-based line number, the key (first field) and the rest of
 * the line after the first run of whitespace (may be empty).
 */
public record TableLine(int lineNumber, String key, String rest) {}

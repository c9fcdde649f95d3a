/**
 * Strict reading of the toolkit's JSON configuration files: one JSON object per file, no NaN,
 * comments, single quotes or duplicate keys, and every problem reported as the file, line and
 * column with the offending value shortened to a readable length.
 */
package org.asrnas.core.json;

/**
 * Endpointing of long recordings: {@link org.asrnas.frontend.endpoint.Endpointer} compares each
 * frame's log energy with an adaptive noise floor and cuts a stream of samples into {@link
 * org.asrnas.frontend.endpoint.SpeechSegment}s (minimum pause to split, minimum segment, maximum
 * segment split at its quietest frame, padding), configured by {@link
 * org.asrnas.frontend.endpoint.EndpointerConfig}; docs/streaming.md describes the algorithm and its
 * defaults.
 */
package org.asrnas.frontend.endpoint;

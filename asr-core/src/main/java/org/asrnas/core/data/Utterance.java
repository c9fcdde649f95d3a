package org.asrnas.core.data;

import java.util.Optional;

/**
 * One utterance of a data directory, with everything the tables say about it.
 *
 * @param id utterance id
 * @param speakerId speaker id from {@code utt2spk}
 * @param audio the {@code wav.scp} entry of its recording
 * @param segment where it lies in the recording, if the directory has {@code segments}
 * @param transcript the words from {@code text}, if present
 */
public record Utterance(
    String id,
    String speakerId,
    WavEntry audio,
    Optional<Segment> segment,
    Optional<String> transcript) {}

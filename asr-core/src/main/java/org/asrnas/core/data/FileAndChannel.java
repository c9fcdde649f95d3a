package org.asrnas.core.data;

/**
 * A {@code reco2file_and_channel} line: recording id, the file name used in scoring ({@code stm}
 * and {@code ctm}), and the channel letter or number ({@code A}/{@code B} or {@code 1}/{@code 2}).
 */
public record FileAndChannel(String recordingId, String fileName, String channel) {}

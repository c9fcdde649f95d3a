package org.asrnas.cli;

import org.asrnas.core.DeviceSpec;
import picocli.CommandLine.Option;

/**
 * {@code --device} and {@code --threads} of the commands that run a network (train, infer, nas).
 */
final class DeviceOptions {
  @Option(
      names = "--device",
      description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})",
      defaultValue = "cpu")
  String device;

  @Option(
      names = "--threads",
      description = "compute threads (default: ASR_THREADS of bin/asr, else 1)")
  Integer threads;

  /** The parsed {@code --device}. */
  DeviceSpec deviceSpec() {
    return DeviceSpec.parse(device);
  }

  /**
   * {@code --threads}, else bin/asr's ASR_THREADS (passed as ai.djl.pytorch.num_threads), else 1.
   */
  int threads() {
    return threads != null ? threads : Integer.getInteger("ai.djl.pytorch.num_threads", 1);
  }
}

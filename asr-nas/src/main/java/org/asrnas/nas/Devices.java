package org.asrnas.nas;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.asrnas.core.DeviceSpec;

/** Maps the engine-neutral {@link DeviceSpec} ({@code --device}) to a DJL {@link Device}. */
public final class Devices {
  private Devices() {}

  /**
   * The DJL device for {@code spec}.
   *
   * @throws IllegalArgumentException for a GPU that this libtorch build cannot see, saying how to
   *     get a CUDA build
   */
  public static Device toDjl(DeviceSpec spec) {
    if (!spec.gpu()) {
      return Device.cpu();
    }
    int gpus = Engine.getInstance().getGpuCount();
    if (gpus == 0) {
      throw new IllegalArgumentException(
          "--device "
              + spec
              + " asked for a GPU, but libtorch here is a CPU build or sees no CUDA device"
              + " (PyTorch "
              + Engine.getInstance().getVersion()
              + "); set PYTORCH_LIBRARY_PATH to a CUDA 12.8 libtorch 2.7.1 with PYTORCH_FLAVOR=cu128"
              + " (README, 'Running on a GPU'), or use --device cpu");
    }
    if (spec.index() >= gpus) {
      throw new IllegalArgumentException(
          "--device "
              + spec
              + ": only "
              + gpus
              + " GPU(s) visible (gpu:0 .. gpu:"
              + (gpus - 1)
              + ")");
    }
    return Device.gpu(spec.index());
  }

  /**
   * Sets libtorch's thread counts; effective only before the engine first loads, so call it before
   * anything touches DJL. Inter-op threads stay at 1 (nothing here runs ops concurrently).
   */
  public static void setThreads(int intraOp) {
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }
}

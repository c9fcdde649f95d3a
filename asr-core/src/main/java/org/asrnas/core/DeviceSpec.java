package org.asrnas.core;

import java.util.Locale;

/**
 * Where a model runs, as given by {@code --device cpu|gpu[:N]}. Kept free of DJL so that every
 * module can parse the option; {@code asr-nas} maps it to a DJL device and fails with a clear
 * message when no CUDA build of libtorch is present.
 *
 * @param gpu true for a GPU
 * @param index GPU index (0 for the CPU)
 */
public record DeviceSpec(boolean gpu, int index) {
  public static final DeviceSpec CPU = new DeviceSpec(false, 0);

  public DeviceSpec {
    Checks.checkArgument(index >= 0, "device index must be >= 0, got %s", index);
    Checks.checkArgument(gpu || index == 0, "the CPU has no index");
  }

  /** Parses {@code cpu}, {@code gpu}, {@code gpu:N} (also {@code cuda}, {@code cuda:N}). */
  public static DeviceSpec parse(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    if (t.equals("cpu")) {
      return CPU;
    }
    String[] p = t.split(":", -1);
    if ((p[0].equals("gpu") || p[0].equals("cuda")) && p.length <= 2) {
      if (p.length == 1) {
        return new DeviceSpec(true, 0);
      }
      try {
        return new DeviceSpec(true, Integer.parseInt(p[1]));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(
        "unknown device '" + s + "'; use cpu, gpu or gpu:N (N = 0, 1, ...)");
  }

  @Override
  public String toString() {
    return gpu ? "gpu:" + index : "cpu";
  }
}

package org.asrnas.recognizer;

import ai.djl.ndarray.NDManager;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.asrnas.core.io.ChecksummedFile;
import org.asrnas.core.text.Units;
import org.asrnas.nas.train.ModelFile;

/** Rewrites a model file in format 2 (before the feature pipeline section), as asr wrote it. */
final class V2Model {
  private V2Model() {}

  static void write(Path from, Path to) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      ModelFile.Loaded l = ModelFile.read(from, m);
      Units u = l.units();
      ChecksummedFile.write(
          to,
          "ASR-NAS-MODEL-2",
          out -> {
            string(out, l.model().spec().toJson());
            string(out, l.config().toJson());
            string(out, String.join("\n", u.symbols().subList(1, u.size())));
            l.model().parameters().write(out);
          });
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}

package org.asrnas.frontend.audio;

import java.nio.file.Path;
import org.asrnas.core.AsrInputException;

/**
 * A well-formed file in a coding this reader does not decode (for example shorten's mu-law file
 * types, or SPHERE {@code shortpack}). {@link AudioReader} then runs a {@code wav.scp} pipe's own
 * program (such as sph2pipe) when it is installed, instead of reading the file natively.
 */
public final class UnsupportedCodingException extends AsrInputException {
  private static final long serialVersionUID = 1L;

  UnsupportedCodingException(Path file, long byteOffset, String message) {
    super(file, 0, byteOffset, message);
  }
}

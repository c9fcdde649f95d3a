package org.asrnas.core.io;

import org.asrnas.core.Checks;

/** The shape rule that {@link FloatMatrix} and {@link DoubleMatrix} share. */
final class MatrixShape {
  private MatrixShape() {}

  /** Rows and columns non-negative, and exactly {@code rows * cols} values, row-major. */
  static void checkShape(int rows, int cols, int values) {
    Checks.checkNonNegative(rows, "rows");
    Checks.checkNonNegative(cols, "cols");
    Checks.checkArgument(
        values == (long) rows * cols, "data has %s values, expected %s x %s", values, rows, cols);
  }
}

package org.asrnas.core.io;

import static org.asrnas.core.io.MatrixShape.checkShape;

import java.util.Arrays;
import org.asrnas.core.Checks;

/**
 * A dense row-major float matrix, shape (rows, cols): for features and log-probabilities one row
 * per frame. The data array is owned by the matrix; do not modify it after construction unless you
 * own both.
 */
public record FloatMatrix(int rows, int cols, float[] data) {
  public FloatMatrix {
    checkShape(rows, cols, data.length);
  }

  public static FloatMatrix zeros(int rows, int cols) {
    return new FloatMatrix(rows, cols, new float[Math.multiplyExact(rows, cols)]);
  }

  /** Copies a jagged array (every row the same length). */
  public static FloatMatrix of(float[][] rows) {
    int r = rows.length;
    int c = r == 0 ? 0 : rows[0].length;
    float[] d = new float[Math.multiplyExact(r, c)];
    for (int i = 0; i < r; i++) {
      Checks.checkArgument(
          rows[i].length == c, "row %s has %s values, expected %s", i, rows[i].length, c);
      System.arraycopy(rows[i], 0, d, i * c, c);
    }
    return new FloatMatrix(r, c, d);
  }

  public float get(int row, int col) {
    return data[row * cols + col];
  }

  public void set(int row, int col, float v) {
    data[row * cols + col] = v;
  }

  /** A copy of one row. */
  public float[] row(int row) {
    return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
  }

  /** Rows as a jagged array (copies). */
  public float[][] toArray() {
    float[][] out = new float[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = row(i);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatMatrix m
        && m.rows == rows
        && m.cols == cols
        && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatMatrix[" + rows + " x " + cols + "]";
  }
}

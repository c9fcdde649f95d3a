package org.asrnas.core.io;

import static org.asrnas.core.io.MatrixShape.checkShape;

import java.util.Arrays;

/**
 * A dense row-major double matrix, shape (rows, cols). Kaldi keeps statistics that sum many frames
 * (CMVN statistics, {@code DM} in archives) in double precision, because float sums of squares lose
 * digits after about a million frames.
 */
public record DoubleMatrix(int rows, int cols, double[] data) {
  public DoubleMatrix {
    checkShape(rows, cols, data.length);
  }

  public double get(int row, int col) {
    return data[row * cols + col];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DoubleMatrix m
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
    return "DoubleMatrix[" + rows + " x " + cols + "]";
  }
}

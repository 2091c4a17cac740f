package org.advmusic.experiments.report;

/**
 * A 2-D array drawn as an image: row 0 is drawn at the bottom (the lowest mel band), column 0 at the
 * left (the earliest frame).
 *
 * @param rows    the height (mel bands)
 * @param columns the width (time frames)
 * @param values  row-major, {@code rows * columns} values
 */
record Grid(int rows, int columns, double[] values) {

    /** Validates the size. */
    Grid {
        if (rows < 1 || columns < 1 || values.length != rows * columns) {
            throw new IllegalArgumentException("grid of " + rows + " x " + columns + " needs " + rows * columns
                    + " values, found " + values.length);
        }
    }

    /** The value at ({@code row}, {@code column}). */
    double value(int row, int column) {
        return values[row * columns + column];
    }

    /** {@code this - other}, element by element; both must have the same size. */
    Grid minus(Grid other) {
        if (other.rows != rows || other.columns != columns) {
            throw new IllegalArgumentException("cannot subtract a " + other.rows + " x " + other.columns + " grid from a "
                    + rows + " x " + columns + " grid");
        }
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] - other.values[i];
        }
        return new Grid(rows, columns, out);
    }

    /** The largest absolute finite value (0 when there is none). */
    double maxAbs() {
        double max = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }
}

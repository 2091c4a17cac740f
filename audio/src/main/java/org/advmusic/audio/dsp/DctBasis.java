package org.advmusic.audio.dsp;

/**
 * The orthonormal DCT-II (scipy {@code dct(type=2, norm='ortho')}, used by librosa's MFCC) as a
 * (count, size) matrix: {@code D[k][n] = s_k cos(pi k (2n + 1) / (2 size))} with
 * {@code s_0 = sqrt(1/size)}, {@code s_k = sqrt(2/size)}. A constant input v gives only
 * {@code c_0 = v sqrt(size)}.
 */
public final class DctBasis {
    private final int count;
    private final int size;
    private final double[] matrix;

    /**
     * @param count number of coefficients kept (rows), at most size
     * @param size  input length (columns)
     */
    public DctBasis(int count, int size) {
        if (count <= 0 || count > size) {
            throw new IllegalArgumentException("DCT: need 0 < coefficients <= input size, got " + count + " of " + size);
        }
        this.count = count;
        this.size = size;
        matrix = new double[count * size];
        for (int k = 0; k < count; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / size);
            for (int n = 0; n < size; n++) {
                matrix[k * size + n] = scale * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * size));
            }
        }
    }

    /** Number of coefficients. */
    public int count() {
        return count;
    }

    /** Input length. */
    public int size() {
        return size;
    }

    /** The (count, size) matrix, row-major; a copy. */
    public double[] matrix() {
        return matrix.clone();
    }

    /**
     * Transforms every column of a (size, columns) matrix.
     *
     * @param input (size, columns) row-major
     * @return (count, columns) row-major
     */
    public float[] applyToColumns(float[] input, int columns) {
        if (input.length != size * columns) {
            throw new IllegalArgumentException("DCT input has " + input.length + " values; expected " + size + " x " + columns);
        }
        float[] out = new float[count * columns];
        for (int k = 0; k < count; k++) {
            for (int n = 0; n < size; n++) {
                float d = (float) matrix[k * size + n];
                int in = n * columns;
                int o = k * columns;
                for (int t = 0; t < columns; t++) {
                    out[o + t] += d * input[in + t];
                }
            }
        }
        return out;
    }
}

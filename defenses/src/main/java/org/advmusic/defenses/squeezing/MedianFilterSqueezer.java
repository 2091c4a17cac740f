package org.advmusic.defenses.squeezing;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.advmusic.engine.Tensor;

/**
 * A median filter over the last two axes (frequency x time of a spectrogram), with the semantics of
 * {@code scipy.ndimage.median_filter} used by Xu et al.: the window of size {@code k} at index
 * {@code i} covers {@code i - k/2 .. i - k/2 + k - 1} (so a 2x2 window reaches up and left), edges
 * are extended by reflection ({@code d c b a | a b c d | d c b a}), and the result is the element of
 * rank {@code (kh kw) / 2} in sorted order (the upper median for an even count).
 *
 * <p>There is no median primitive on the backends: the filter runs on the host (in parallel over
 * planes) and the result is uploaded to the input's backend.
 */
public final class MedianFilterSqueezer implements Squeezer {
    private final int height;
    private final int width;

    /** @param height window rows, {@code width} window columns, each between 1 and 9 */
    public MedianFilterSqueezer(int height, int width) {
        if (height < 1 || width < 1 || height > 9 || width > 9 || height * width < 2) {
            throw new IllegalArgumentException("median squeezer: window " + height + "x" + width
                    + ", expected sizes between 1 and 9 and at least two elements");
        }
        this.height = height;
        this.width = width;
    }

    @Override
    public String name() {
        return "median-" + height + "x" + width;
    }

    @Override
    public Tensor apply(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("median squeezer: input " + x.shape() + " needs at least two axes");
        }
        int rows = x.dim(-2);
        int columns = x.dim(-1);
        int planes = x.size() / (rows * columns);
        double[] in = x.toDoubleArray();
        double[] out = new double[in.length];
        IntStream.range(0, planes).parallel().forEach(p -> filterPlane(in, out, p * rows * columns, rows, columns));
        return Tensor.fromArray(x.backend(), out, x.shape().dims());
    }

    private void filterPlane(double[] in, double[] out, int offset, int rows, int columns) {
        double[] window = new double[height * width];
        int rank = window.length / 2;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                int k = 0;
                for (int a = 0; a < height; a++) {
                    int r = reflect(i - height / 2 + a, rows);
                    for (int b = 0; b < width; b++) {
                        window[k++] = in[offset + r * columns + reflect(j - width / 2 + b, columns)];
                    }
                }
                Arrays.sort(window);
                out[offset + i * columns + j] = window[rank];
            }
        }
    }

    /** scipy's 'reflect' mode: the edge element is repeated, {@code -1 -> 0}, {@code n -> n - 1}. */
    static int reflect(int index, int n) {
        int period = 2 * n;
        int i = Math.floorMod(index, period);
        return i < n ? i : period - 1 - i;
    }
}

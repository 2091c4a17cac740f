package org.advmusic.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The composed {@code default} implementations of {@link Backend#channelAffine},
 * {@link Backend#channelLinearCombination} and {@link Backend#batchNormGradientSums} (the reference
 * backend does not override them, and the CUDA backend uses them too) against plain double loops
 * over {@code (batch, channels, spatial)}; they release their temporary buffers.
 */
class BatchNormPrimitiveDefaultsTest {
    private static final double TOLERANCE = 1e-12;
    /** (batch, channels, spatial): spatial 1 is BatchNorm1d's layout. */
    private static final int[][] LAYOUTS = {{2, 3, 4}, {5, 4, 1}, {1, 1, 7}, {3, 2, 5}};

    private final Backend reference = Backends.reference();

    private double[] values(long seed, int n) {
        return Tensor.uniform(reference, seed, Shape.of(n), -1, 2).toDoubleArray();
    }

    private double[] download(DeviceBuffer buffer) {
        double[] out = new double[buffer.length()];
        reference.download(buffer, out);
        return out;
    }

    @Test
    void channelAffineScalesAndShiftsEachChannel() {
        for (int[] l : LAYOUTS) {
            int n = l[0];
            int c = l[1];
            int s = l[2];
            double[] x = values(1, n * c * s);
            double[] scale = values(2, c);
            double[] shift = values(3, c);
            double[] withShift = new double[x.length];
            double[] withoutShift = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                int channel = i / s % c;
                withoutShift[i] = x[i] * scale[channel];
                withShift[i] = withoutShift[i] + shift[channel];
            }
            DeviceBuffer[] in = {reference.upload(x), reference.upload(scale), reference.upload(shift)};
            DeviceBuffer out = reference.allocate(x.length);
            long live = reference.liveBuffers();
            reference.fused().channelAffine(in[0], n, c, s, in[1], in[2], out);
            assertArrayEquals(withShift, download(out), TOLERANCE, "with shift " + layout(l));
            reference.fused().channelAffine(in[0], n, c, s, in[1], null, out);
            assertArrayEquals(withoutShift, download(out), TOLERANCE, "without shift " + layout(l));
            assertEquals(live, reference.liveBuffers(), "buffers left by channelAffine " + layout(l));
        }
    }

    @Test
    void channelLinearCombinationAddsTwoChannelAffineMaps() {
        for (int[] l : LAYOUTS) {
            int n = l[0];
            int c = l[1];
            int s = l[2];
            double[] a = values(4, n * c * s);
            double[] b = values(5, n * c * s);
            double[] aScale = values(6, c);
            double[] bScale = values(7, c);
            double[] shift = values(8, c);
            double[] expected = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                int channel = i / s % c;
                expected[i] = a[i] * aScale[channel] + b[i] * bScale[channel] + shift[channel];
            }
            DeviceBuffer[] in = {reference.upload(a), reference.upload(b), reference.upload(aScale),
                reference.upload(bScale), reference.upload(shift)};
            DeviceBuffer out = reference.allocate(a.length);
            long live = reference.liveBuffers();
            reference.fused().channelLinearCombination(in[0], in[1], n, c, s, in[2], in[3], in[4], out);
            assertArrayEquals(expected, download(out), TOLERANCE, layout(l));
            assertEquals(live, reference.liveBuffers(), "buffers left by channelLinearCombination " + layout(l));
        }
    }

    @Test
    void batchNormGradientSumsAddOverTheBatchAndSpatialAxes() {
        for (int[] l : LAYOUTS) {
            int n = l[0];
            int c = l[1];
            int s = l[2];
            double[] g = values(9, n * c * s);
            double[] x = values(10, n * c * s);
            double[] mean = values(11, c);
            double[] sumGrad = new double[c];
            double[] sumGradCentered = new double[c];
            for (int i = 0; i < g.length; i++) {
                int channel = i / s % c;
                sumGrad[channel] += g[i];
                sumGradCentered[channel] += g[i] * (x[i] - mean[channel]);
            }
            DeviceBuffer[] in = {reference.upload(g), reference.upload(x), reference.upload(mean)};
            DeviceBuffer[] out = {reference.allocate(c), reference.allocate(c)};
            long live = reference.liveBuffers();
            reference.fused().batchNormGradientSums(in[0], in[1], in[2], n, c, s, out[0], out[1]);
            assertArrayEquals(sumGrad, download(out[0]), TOLERANCE, "sum of g " + layout(l));
            assertArrayEquals(sumGradCentered, download(out[1]), TOLERANCE, "sum of g (x - mean) " + layout(l));
            assertEquals(live, reference.liveBuffers(), "buffers left by batchNormGradientSums " + layout(l));
        }
    }

    @Test
    void gradientSumsOfAnEmptyBatchAreZero() {
        DeviceBuffer sumGrad = reference.upload(new double[] {7, 7});
        DeviceBuffer sumGradCentered = reference.upload(new double[] {7, 7});
        reference.fused().batchNormGradientSums(reference.allocate(0), reference.allocate(0), reference.allocate(2), 0, 2, 3,
                sumGrad, sumGradCentered);
        assertArrayEquals(new double[2], download(sumGrad));
        assertArrayEquals(new double[2], download(sumGradCentered));
    }

    private static String layout(int[] l) {
        return "(" + l[0] + ", " + l[1] + ", " + l[2] + ")";
    }
}

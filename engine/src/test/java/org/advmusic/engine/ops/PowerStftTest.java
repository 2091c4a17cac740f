package org.advmusic.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.Shape;
import org.advmusic.engine.StftPlan;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The power STFT at the front end's size (n 2048, hop 512, periodic Hann): the CPU backend's FFT and
 * inverse FFT against the float64 plain DFT of the reference backend's fused kernels, and the
 * matrix-product composition ({@link FusedKernels}' default, the CUDA path) against the same reference. The gradient check itself is in
 * {@link OpGradientCases}.
 */
class PowerStftTest {
    private static final Backend REFERENCE = Backends.reference();

    /** The periodic Hann window of n samples. */
    static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    /** Power and input gradient of {@code sum(power * R)} on {@code backend}. */
    private static double[][] run(Backend backend, StftPlan plan, Tensor signalOnReference, long seed) {
        Tensor signal = signalOnReference.to(backend).requiresGrad(true);
        Tensor power = PowerStft.apply(signal, plan);
        Tensor weights = Tensor.uniform(REFERENCE, seed, power.shape(), -1, 1).to(backend);
        Tensor gradient = Autograd.grad(power.mul(weights).sum(), signal)[0];
        return new double[][] {power.toDoubleArray(), gradient.toDoubleArray()};
    }

    /** Fails unless every element of {@code actual} is within {@code tolerance} times the largest expected magnitude. */
    static void assertCloseRelativeToLargest(String what, double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": length");
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            largest = Math.max(largest, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(largest > 0, what + ": all zero");
        assertTrue(worst <= tolerance * largest, what + ": largest difference " + worst + " against magnitude " + largest);
    }

    @Test
    void cpuFftMatchesThePlainDftForwardAndBackward() {
        StftPlan plan = new StftPlan(hann(2048), 512, true);
        Tensor signal = Tensor.uniform(REFERENCE, 5, Shape.of(3, 5000), -1, 1);
        double[][] expected = run(REFERENCE, plan, signal, 6);
        double[][] actual = run(Backends.get("cpu"), plan, signal, 6);
        assertEquals(3 * 1025 * 10, expected[0].length);
        assertCloseRelativeToLargest("power", expected[0], actual[0], 1e-5);
        assertCloseRelativeToLargest("gradient", expected[1], actual[1], 1e-5);
    }

    /** Many frames per signal: the CPU loops transform frames in blocks that cross signals and thread ranges. */
    @Test
    void cpuFftMatchesThePlainDftOverBlocksOfFrames() {
        for (boolean center : new boolean[] {true, false}) {
            StftPlan plan = new StftPlan(hann(64), 16, center);
            Tensor signal = Tensor.uniform(REFERENCE, 9, Shape.of(3, 1001), -1, 1);
            double[][] expected = run(REFERENCE, plan, signal, 10);
            double[][] actual = run(Backends.get("cpu"), plan, signal, 10);
            assertCloseRelativeToLargest("centred " + center + ", power", expected[0], actual[0], 1e-5);
            assertCloseRelativeToLargest("centred " + center + ", gradient", expected[1], actual[1], 1e-5);
        }
    }

    @Test
    void matrixProductImplementationMatchesThePlainDft() {
        for (boolean center : new boolean[] {true, false}) {
            StftPlan plan = new StftPlan(hann(64), 16, center);
            int length = 300;
            int batch = 2;
            int frames = plan.frames(length);
            Tensor signal = Tensor.uniform(REFERENCE, 7, Shape.of(batch, length), -1, 1);
            Tensor gradPower = Tensor.uniform(REFERENCE, 8, Shape.of(batch, plan.bins(), frames), -1, 1);
            double[][] byLoops = transform(plan, signal, gradPower, false);
            double[][] byProducts = transform(plan, signal, gradPower, true);
            for (int i = 0; i < byLoops.length; i++) {
                assertCloseRelativeToLargest("centred " + center + ", output " + i, byLoops[i], byProducts[i], 1e-12);
            }
        }
    }

    /**
     * Spectrum, power and the adjoint applied to {@code gradPower}, by the reference backend's plain DFT
     * or by the default composition of its primitives (matrix products).
     */
    private static double[][] transform(StftPlan plan, Tensor signal, Tensor gradPower, boolean byProducts) {
        int batch = signal.dim(0);
        int length = signal.dim(1);
        int frames = plan.frames(length);
        DeviceBuffer spectrum = REFERENCE.allocate(batch * 2 * plan.bins() * frames);
        DeviceBuffer power = REFERENCE.allocate(batch * plan.bins() * frames);
        DeviceBuffer gradSignal = REFERENCE.allocate(batch * length);
        FusedKernels composed = () -> REFERENCE;
        FusedKernels kernels = byProducts ? composed : REFERENCE.fused();
        kernels.powerStft(plan, length, signal.buffer(), spectrum, power, batch);
        kernels.powerStftBackward(plan, length, spectrum, gradPower.buffer(), gradSignal, batch);
        double[][] out = new double[3][];
        DeviceBuffer[] buffers = {spectrum, power, gradSignal};
        for (int i = 0; i < 3; i++) {
            out[i] = new double[buffers[i].length()];
            REFERENCE.download(buffers[i], out[i]);
            buffers[i].release();
        }
        return out;
    }

    @Test
    void aSignalThatGivesNoFrameIsRefusedWithItsLength() {
        StftPlan plan = new StftPlan(hann(64), 16, false);
        Tensor tooShort = Tensor.zeros(REFERENCE, Shape.of(1, 40));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PowerStft.apply(tooShort, plan));
        assertTrue(e.getMessage().contains("40 samples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StftPlan(new double[7], 2, true));
    }
}

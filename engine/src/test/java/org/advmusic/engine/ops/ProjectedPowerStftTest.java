package org.advmusic.engine.ops;

import static org.advmusic.engine.ops.PowerStftTest.assertCloseRelativeToLargest;
import static org.advmusic.engine.ops.PowerStftTest.hann;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BackendOptions;
import org.advmusic.engine.Backends;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.Shape;
import org.advmusic.engine.StftPlan;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The projected power STFT: the CPU backend's fused frame-by-frame kernel (FFT, power, banded
 * projection) against the float64 reference (plain DFT and dense product), against the composed default
 * of {@link FusedKernels} on the CPU backend itself, and across thread counts. The gradient check is in
 * {@link OpGradientCases}.
 */
class ProjectedPowerStftTest {
    private static final Backend REFERENCE = Backends.reference();

    /**
     * Triangles over the bins, like a mel filterbank, with an empty first row and a zero inside the
     * last row's band so that the bands' edges matter: (rows, bins).
     */
    static double[] triangles(int rows, int bins) {
        double[] m = new double[rows * bins];
        for (int r = 1; r < rows; r++) {
            double centre = (r + 0.5) * bins / rows;
            double halfWidth = 0.8 * bins / rows + r;
            for (int k = 0; k < bins; k++) {
                m[r * bins + k] = Math.max(0, 1 - Math.abs(k - centre) / halfWidth) / r;
            }
        }
        m[(rows - 1) * bins + (int) ((rows - 0.5) * bins / rows)] = 0;
        return m;
    }

    /** Output and input gradient of {@code sum(out * R)} on {@code backend}. */
    private static double[][] run(Backend backend, StftPlan plan, Tensor signalOnReference, double[] projection,
                                  int rows, long seed) {
        Tensor signal = signalOnReference.to(backend).requiresGrad(true);
        Tensor out = ProjectedPowerStft.apply(signal, plan, Tensor.fromArray(backend, projection, rows, plan.bins()));
        Tensor weights = Tensor.uniform(REFERENCE, seed, out.shape(), -1, 1).to(backend);
        Tensor gradient = Autograd.grad(out.mul(weights).sum(), signal)[0];
        return new double[][] {out.toDoubleArray(), gradient.toDoubleArray()};
    }

    @Test
    void cpuKernelMatchesTheFloat64ReferenceAtTheFrontEndsSize() {
        StftPlan plan = new StftPlan(hann(2048), 512, true);
        Tensor signal = Tensor.uniform(REFERENCE, 11, Shape.of(3, 5000), -1, 1);
        double[] projection = triangles(24, plan.bins());
        double[][] expected = run(REFERENCE, plan, signal, projection, 24, 12);
        double[][] actual = run(Backends.get("cpu"), plan, signal, projection, 24, 12);
        assertEquals(3 * 24 * 10, expected[0].length);
        assertCloseRelativeToLargest("projected power", expected[0], actual[0], 1e-5);
        assertCloseRelativeToLargest("gradient", expected[1], actual[1], 1e-5);
    }

    /** Many frames per signal, centred and not: frames and signals split across threads. */
    @Test
    void cpuKernelMatchesItsComposedDefaultAndTheReference() {
        Backend cpu = Backends.get("cpu");
        for (boolean center : new boolean[] {true, false}) {
            StftPlan plan = new StftPlan(hann(64), 16, center);
            Tensor signal = Tensor.uniform(REFERENCE, 13, Shape.of(3, 1001), -1, 1);
            double[] projection = triangles(7, plan.bins());
            Tensor gradOut = withSilentFrames(Tensor.uniform(REFERENCE, 14, Shape.of(3, 7, plan.frames(1001)), -1, 1));
            double[][] fused = transform(cpu, cpu.fused(), plan, signal, projection, 7, gradOut);
            FusedKernels composed = () -> cpu;
            double[][] byDefault = transform(cpu, composed, plan, signal, projection, 7, gradOut);
            double[][] reference = transform(REFERENCE, REFERENCE.fused(), plan, signal, projection, 7, gradOut);
            for (int i = 0; i < 2; i++) {
                assertCloseRelativeToLargest("centred " + center + ", composed, output " + i, byDefault[i], fused[i], 1e-5);
                assertCloseRelativeToLargest("centred " + center + ", reference, output " + i, reference[i], fused[i], 1e-5);
            }
        }
    }

    /** {@code g (batch, rows, frames)} with every third frame's column zero, as where the clip stops gradients. */
    private static Tensor withSilentFrames(Tensor g) {
        double[] values = g.toDoubleArray();
        int frames = g.dim(2);
        for (int i = 0; i < values.length; i++) {
            if (i % frames % 3 == 0) {
                values[i] = 0;
            }
        }
        return Tensor.fromArray(REFERENCE, values, g.dim(0), g.dim(1), frames);
    }

    /** The projected power and the adjoint applied to {@code gradOut}, by {@code kernels} on {@code backend}. */
    private static double[][] transform(Backend backend, FusedKernels kernels, StftPlan plan, Tensor signal,
                                        double[] projection, int rows, Tensor gradOut) {
        int batch = signal.dim(0);
        int length = signal.dim(1);
        int frames = plan.frames(length);
        Tensor x = signal.to(backend);
        Tensor m = Tensor.fromArray(backend, projection, rows, plan.bins());
        Tensor g = gradOut.to(backend);
        DeviceBuffer spectrum = backend.allocate(batch * 2 * plan.bins() * frames);
        DeviceBuffer out = backend.allocate(batch * rows * frames);
        DeviceBuffer gradSignal = backend.allocate(batch * length);
        kernels.projectedPowerStft(plan, length, x.buffer(), m.buffer(), rows, spectrum, out, batch);
        kernels.projectedPowerStftBackward(plan, length, m.buffer(), rows, spectrum, g.buffer(), gradSignal, batch);
        double[][] result = new double[2][];
        DeviceBuffer[] buffers = {out, gradSignal};
        for (int i = 0; i < 2; i++) {
            result[i] = new double[buffers[i].length()];
            backend.download(buffers[i], result[i]);
        }
        for (DeviceBuffer b : new DeviceBuffer[] {spectrum, out, gradSignal}) {
            b.release();
        }
        return result;
    }

    @Test
    void cpuResultsAreBitIdenticalOnOneAndTwoThreads() {
        StftPlan plan = new StftPlan(hann(64), 16, true);
        Tensor signal = Tensor.uniform(REFERENCE, 15, Shape.of(5, 3000), -1, 1);
        double[] projection = triangles(9, plan.bins());
        double[][] one = run(Backends.get("cpu", BackendOptions.defaults().withThreads(1)), plan, signal, projection, 9, 16);
        double[][] two = run(Backends.get("cpu", BackendOptions.defaults().withThreads(2)), plan, signal, projection, 9, 16);
        assertArrayEquals(one[0], two[0], "projected power");
        assertArrayEquals(one[1], two[1], "gradient");
    }

    @Test
    void aProjectionOfTheWrongWidthIsRefusedWithItsShape() {
        StftPlan plan = new StftPlan(hann(64), 16, true);
        Tensor signal = Tensor.zeros(REFERENCE, Shape.of(1, 200));
        Tensor wrong = Tensor.zeros(REFERENCE, Shape.of(4, 32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProjectedPowerStft.apply(signal, plan, wrong));
        assertTrue(e.getMessage().contains("(4, 32)") && e.getMessage().contains("33"), e.getMessage());
    }
}

package org.advmusic.engine.backend.cpu;

import static org.advmusic.engine.backend.cpu.CpuTesting.assertBitIdentical;
import static org.advmusic.engine.backend.cpu.CpuTesting.values;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.junit.jupiter.api.Test;

/**
 * The CPU backend's rectified convolution (the maximum taken as Winograd writes its output tiles, or with the
 * bias in one pass after the packed product) and its input gradient (the gate as one vector pass) give the
 * same bits as the composed defaults of {@link FusedKernels} over the backend's own convolution kernels (the
 * convolution, then the rectifier; the gate, then the input gradient), on Winograd geometries and on others,
 * for 1, 2 and 3 threads.
 */
class RectifiedConvolutionTest {
    private static final Conv2dGeometry[] GEOMETRIES = {
        new Conv2dGeometry(16, 30, 29, 3, 3, 1, 1, 1, 1), // Winograd, several blocks; input gradient too
        new Conv2dGeometry(17, 9, 12, 3, 3, 1, 1, 0, 0),
        new Conv2dGeometry(1, 20, 21, 3, 3, 1, 1, 1, 1),   // too few channels: the packed GEMM
    };
    private static final int OUT_CHANNELS = 18;
    private static final int BATCH = 3;

    @Test
    void fusedKernelsGiveTheBitsOfTheComposedDefaults() {
        for (Conv2dGeometry g : GEOMETRIES) {
            float[][] expected = null;
            for (ParallelExecutor threads : new ParallelExecutor[] {new ParallelExecutor(1), new ParallelExecutor(2),
                    CpuTesting.THREE_THREADS}) {
                CpuBackend cpu = new CpuBackend(threads, GemmKernels.vector());
                FusedKernels composed = composedOn(cpu);
                float[][] fused = run(cpu, cpu.fused(), g);
                String what = g + " on " + threads.threads() + " threads";
                float[][] byDefault = run(cpu, composed, g);
                assertBitIdentical("rectified convolution, " + what, byDefault[0], fused[0]);
                assertBitIdentical("rectified input gradient, " + what, byDefault[1], fused[1]);
                if (expected == null) {
                    expected = fused;
                } else {
                    assertBitIdentical("rectified convolution, 1 thread vs " + what, expected[0], fused[0]);
                    assertBitIdentical("rectified input gradient, 1 thread vs " + what, expected[1], fused[1]);
                }
            }
        }
    }

    /** The defaults of the rectified kernels, over the backend's own convolution and input gradient. */
    private static FusedKernels composedOn(CpuBackend cpu) {
        return new FusedKernels() {
            @Override
            public Backend primitives() {
                return cpu;
            }

            @Override
            public void conv2d(Conv2dGeometry g, DeviceBuffer x, DeviceBuffer weight, DeviceBuffer bias,
                               int outChannels, DeviceBuffer out, int batch) {
                cpu.fused().conv2d(g, x, weight, bias, outChannels, out, batch);
            }

            @Override
            public void conv2dInputGradient(Conv2dGeometry g, DeviceBuffer gradOut, DeviceBuffer weight,
                                            int outChannels, DeviceBuffer gradX, int batch) {
                cpu.fused().conv2dInputGradient(g, gradOut, weight, outChannels, gradX, batch);
            }
        };
    }

    /** The rectified output (about half of it zero) and the input gradient of a random output gradient. */
    private static float[][] run(CpuBackend cpu, FusedKernels kernels, Conv2dGeometry g) {
        int outSize = BATCH * OUT_CHANNELS * g.colColumns();
        DeviceBuffer x = cpu.upload(values(61, BATCH * g.inputSize()));
        DeviceBuffer weight = cpu.upload(values(62, OUT_CHANNELS * g.colRows()));
        DeviceBuffer bias = cpu.upload(values(63, OUT_CHANNELS));
        DeviceBuffer out = cpu.upload(values(64, outSize));
        kernels.rectifiedConv2d(g, x, weight, bias, OUT_CHANNELS, out, BATCH);
        DeviceBuffer gradX = cpu.upload(values(65, BATCH * g.inputSize()));
        kernels.rectifiedConv2dInputGradient(g, cpu.upload(values(66, outSize)), out, weight, OUT_CHANNELS, gradX,
                BATCH);
        float[][] results = {new float[outSize], new float[BATCH * g.inputSize()]};
        cpu.download(out, results[0]);
        cpu.download(gradX, results[1]);
        return results;
    }
}

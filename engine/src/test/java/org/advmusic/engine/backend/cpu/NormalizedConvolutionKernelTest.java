package org.advmusic.engine.backend.cpu;

import static org.advmusic.engine.backend.cpu.CpuTesting.assertBitIdentical;
import static org.advmusic.engine.backend.cpu.CpuTesting.values;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.junit.jupiter.api.Test;

/**
 * The CPU backend's normalised convolution (the per-channel affine map and the rectifier applied as Winograd
 * writes its output tiles) gives the same bits as the composed default of {@link FusedKernels} over the
 * backend's own kernels (the convolution with its bias, then the batch-norm pass), with and without bias and
 * rectifier, on Winograd geometries and on another, for 1, 2 and 3 threads.
 */
class NormalizedConvolutionKernelTest {
    private static final Conv2dGeometry[] GEOMETRIES = {
        new Conv2dGeometry(16, 30, 29, 3, 3, 1, 1, 1, 1), // Winograd, several blocks
        new Conv2dGeometry(17, 9, 12, 3, 3, 1, 1, 0, 0),
        new Conv2dGeometry(1, 20, 21, 3, 3, 1, 1, 1, 1),   // too few channels: the packed GEMM
    };
    private static final int OUT_CHANNELS = 18;
    private static final int BATCH = 3;

    @Test
    void fusedKernelGivesTheBitsOfTheComposedDefault() {
        for (Conv2dGeometry g : GEOMETRIES) {
            for (int variant = 0; variant < 4; variant++) {
                boolean withBias = (variant & 1) != 0;
                boolean rectified = (variant & 2) != 0;
                float[] first = null;
                for (ParallelExecutor threads : new ParallelExecutor[] {new ParallelExecutor(1),
                        new ParallelExecutor(2), CpuTesting.THREE_THREADS}) {
                    CpuBackend cpu = new CpuBackend(threads, GemmKernels.vector());
                    String what = g + (withBias ? ", bias" : "") + (rectified ? ", rectified" : "") + " on "
                            + threads.threads() + " threads";
                    float[] fused = run(cpu, cpu.fused(), g, withBias, rectified);
                    assertBitIdentical(what, run(cpu, composedOn(cpu), g, withBias, rectified), fused);
                    if (first == null) {
                        first = fused;
                    } else {
                        assertBitIdentical("1 thread vs " + what, first, fused);
                    }
                }
            }
        }
    }

    /** The default of the normalised convolution, over the backend's own convolution and batch-norm kernels. */
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
            public void channelAffine(DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer scale,
                                      DeviceBuffer shift, DeviceBuffer out) {
                cpu.fused().channelAffine(x, batch, channels, spatial, scale, shift, out);
            }

            @Override
            public void rectifiedChannelAffine(DeviceBuffer x, int batch, int channels, int spatial,
                                               DeviceBuffer scale, DeviceBuffer shift, DeviceBuffer out) {
                cpu.fused().rectifiedChannelAffine(x, batch, channels, spatial, scale, shift, out);
            }
        };
    }

    /** The output (about half of it zero when rectified). */
    private static float[] run(CpuBackend cpu, FusedKernels kernels, Conv2dGeometry g, boolean withBias,
                               boolean rectified) {
        int outSize = BATCH * OUT_CHANNELS * g.colColumns();
        DeviceBuffer out = cpu.upload(values(64, outSize));
        kernels.normalizedConv2d(g, cpu.upload(values(61, BATCH * g.inputSize())),
                cpu.upload(values(62, OUT_CHANNELS * g.colRows())), withBias ? cpu.upload(values(63, OUT_CHANNELS)) : null,
                cpu.upload(values(65, OUT_CHANNELS, 0.5, 1.5)), cpu.upload(values(66, OUT_CHANNELS)), rectified,
                OUT_CHANNELS, out, BATCH);
        float[] result = new float[outSize];
        cpu.download(out, result);
        return result;
    }
}

package org.advmusic.engine.backend.cpu;

import static org.advmusic.engine.backend.cpu.CpuTesting.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.ReduceOp;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same results, to the bit: a few SGD steps of a small convolutional network repeated on
 * the same backend, and on backends with 1, 2 and 3 threads (the CPU backend's order of operations
 * depends on the shapes only, never on the thread count), for both GEMM kernels; and matrix products
 * of every transpose combination, Winograd convolutions, long sums and the batch-norm sums, whose work is split
 * differently for each thread count.
 */
class DeterminismTest {
    private static final ParallelExecutor ONE_THREAD = new ParallelExecutor(1);
    private static final ParallelExecutor TWO_THREADS = new ParallelExecutor(2);

    private static float[] train(CpuBackend backend) {
        TinyConvNet net = new TinyConvNet(backend, 2024);
        double first = net.step(0.05);
        double last = first;
        for (int i = 0; i < 3; i++) {
            last = net.step(0.05);
        }
        assertTrue(last < first, "the loss should fall over four steps: " + first + " -> " + last);
        return net.state();
    }

    @Test
    void repeatedRunsAreBitIdentical() {
        CpuBackend backend = new CpuBackend(TWO_THREADS, GemmKernels.vector());
        assertBitIdentical("two runs on 2 threads", train(backend), train(backend));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        float[] one = train(new CpuBackend(ONE_THREAD, GemmKernels.vector()));
        assertBitIdentical("1 vs 2 threads", one, train(new CpuBackend(TWO_THREADS, GemmKernels.vector())));
        assertBitIdentical("1 vs 3 threads", one, train(CpuTesting.VECTOR));
    }

    @Test
    void gemmIsBitIdenticalForEveryThreadCount() {
        // ragged sizes, so that slices cut through register tiles differently for each thread count
        int m = 37;
        int n = 29;
        int k = 1001;
        for (GemmKernel kernel : new GemmKernel[] {GemmKernels.vector(), new PlainGemmKernel()}) {
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 1) != 0;
                boolean transB = (t & 2) != 0;
                float[] one = product(new CpuBackend(ONE_THREAD, kernel), transA, transB, m, n, k);
                for (ParallelExecutor threads : new ParallelExecutor[] {TWO_THREADS, CpuTesting.THREE_THREADS}) {
                    assertBitIdentical(kernel.name() + (transA ? " A^T" : " A") + (transB ? " B^T" : " B") + ", 1 vs "
                            + threads.threads() + " threads", one,
                            product(new CpuBackend(threads, kernel), transA, transB, m, n, k));
                }
            }
        }
    }

    private static float[] product(CpuBackend cpu, boolean transA, boolean transB, int m, int n, int k) {
        DeviceBuffer c = cpu.upload(CpuTesting.values(3, m * n));
        cpu.gemm(transA, transB, m, n, k, 0.5, cpu.upload(CpuTesting.values(1, m * k)),
                cpu.upload(CpuTesting.values(2, k * n)), 0.25, c);
        float[] out = new float[m * n];
        cpu.download(c, out);
        return out;
    }

    @Test
    void winogradConvolutionIsBitIdenticalForEveryThreadCount() {
        // several blocks of tiles and several parts of the weight gradient's sum
        Conv2dGeometry g = new Conv2dGeometry(16, 30, 29, 3, 3, 1, 1, 1, 1);
        int batch = 5;
        int outChannels = 17;
        float[][] one = winograd(new CpuBackend(ONE_THREAD, GemmKernels.vector()), g, outChannels, batch);
        for (ParallelExecutor threads : new ParallelExecutor[] {TWO_THREADS, CpuTesting.THREE_THREADS}) {
            float[][] other = winograd(new CpuBackend(threads, GemmKernels.vector()), g, outChannels, batch);
            assertBitIdentical("Winograd output, 1 vs " + threads.threads() + " threads", one[0], other[0]);
            assertBitIdentical("Winograd weight gradient, 1 vs " + threads.threads() + " threads", one[1], other[1]);
        }
    }

    private static float[][] winograd(CpuBackend cpu, Conv2dGeometry g, int outChannels, int batch) {
        DeviceBuffer x = cpu.upload(CpuTesting.values(5, batch * g.inputSize()));
        DeviceBuffer out = cpu.allocate(batch * outChannels * g.colColumns());
        cpu.fused().conv2d(g, x, cpu.upload(CpuTesting.values(6, outChannels * g.colRows())), null, outChannels, out, batch);
        DeviceBuffer gradWeight = cpu.allocate(outChannels * g.colRows());
        cpu.fused().conv2dWeightGradient(g, x, out, outChannels, gradWeight, batch);
        float[][] results = {new float[batch * outChannels * g.colColumns()], new float[outChannels * g.colRows()]};
        cpu.download(out, results[0]);
        cpu.download(gradWeight, results[1]);
        return results;
    }

    @Test
    void longSumsAreBitIdenticalForEveryThreadCount() {
        float[] values = CpuTesting.values(4, 3 * 70_001);
        float[] one = rowSums(new CpuBackend(ONE_THREAD, new PlainGemmKernel()), values);
        assertBitIdentical("row sums, 1 vs 3 threads", one, rowSums(CpuTesting.PLAIN, values));
    }

    private static float[] rowSums(CpuBackend cpu, float[] values) {
        DeviceBuffer sums = cpu.allocate(3);
        cpu.reduce(ReduceOp.SUM, cpu.upload(values), 3, 70_001, 1, sums);
        float[] out = new float[3];
        cpu.download(sums, out);
        return out;
    }

    @Test
    void batchNormPassesAreBitIdenticalForEveryThreadCount() {
        float[] one = batchNormPasses(new CpuBackend(ONE_THREAD, new PlainGemmKernel()));
        assertBitIdentical("batch norm, 1 vs 2 threads", one,
                batchNormPasses(new CpuBackend(TWO_THREADS, new PlainGemmKernel())));
        assertBitIdentical("batch norm, 1 vs 3 threads", one, batchNormPasses(CpuTesting.PLAIN));
    }

    /** Batch-norm statistics and gradient sums of (16, 7, 3001), large enough to be split by channel. */
    private static float[] batchNormPasses(CpuBackend cpu) {
        int batch = 16;
        int channels = 7;
        int spatial = 3001;
        int size = batch * channels * spatial;
        DeviceBuffer x = cpu.upload(CpuTesting.values(5, size, -1, 3));
        DeviceBuffer g = cpu.upload(CpuTesting.values(6, size));
        DeviceBuffer sums = cpu.allocate(4 * channels); // mean, variance, sum of g, sum of g (x - mean)
        DeviceBuffer[] perChannel = new DeviceBuffer[4];
        for (int i = 0; i < perChannel.length; i++) {
            perChannel[i] = cpu.allocate(channels);
        }
        cpu.batchNormStatistics(x, batch, channels, spatial, perChannel[0], perChannel[1]);
        cpu.fused().batchNormGradientSums(g, x, perChannel[0], batch, channels, spatial, perChannel[2], perChannel[3]);
        for (int i = 0; i < perChannel.length; i++) {
            cpu.copy(perChannel[i], 0, sums, i * channels, channels);
        }
        float[] out = new float[4 * channels];
        cpu.download(sums, out);
        return out;
    }

    @Test
    void thePlainKernelIsDeterministicToo() {
        float[] one = train(new CpuBackend(ONE_THREAD, new PlainGemmKernel()));
        assertBitIdentical("plain kernel, 1 vs 3 threads", one, train(CpuTesting.PLAIN));
    }
}

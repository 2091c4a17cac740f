package org.advmusic.engine;

/**
 * The power STFT and its adjoint composed of {@link Backend} primitives: the defaults of
 * {@link FusedKernels#powerStft} and {@link FusedKernels#powerStftBackward}, for backends without a
 * dedicated transform (CUDA uses it: no CUDA kernel of its own is needed). Frames are cut by
 * {@link Backend#im2col} (framing is a one-row convolution with stride hop), multiplied by the
 * windowed DFT basis ({@link StftPlan#windowedBasis}, uploaded for the call) in one batched
 * {@link Backend#gemm}, and squared
 * and summed; the backward pass runs the same steps transposed ({@link Backend#col2im} is the adjoint
 * of framing). O(n^2) per frame instead of an FFT's O(n log n), which a GPU's GEMM absorbs.
 */
final class StftByMatrixProduct {
    private StftByMatrixProduct() {
    }

    /** The sizes of one call: frames per signal, basis rows (2 bins), column and spectrum sizes per signal. */
    private record Sizes(Conv2dGeometry framing, int n, int frames, int rows, int colSize, int spectrumSize, int chunk) {
        static Sizes of(StftPlan plan, int length, int batch) {
            Conv2dGeometry framing = plan.framing(length);
            int n = plan.frameLength();
            int frames = framing.colColumns();
            int rows = 2 * plan.bins();
            return new Sizes(framing, n, frames, rows, n * frames, rows * frames,
                    FusedKernels.convolutionChunk(batch, n * frames));
        }
    }

    /** See {@link FusedKernels#powerStft}. */
    static void forward(Backend backend, StftPlan plan, int length, DeviceBuffer signal, DeviceBuffer spectrum,
                        DeviceBuffer power, int batch) {
        Sizes z = Sizes.of(plan, length, batch);
        DeviceBuffer basis = backend.upload(plan.windowedBasis());
        DeviceBuffer col = backend.allocateUninitialized(z.chunk() * z.colSize());
        DeviceBuffer squares = backend.allocateUninitialized(batch * z.spectrumSize());
        try {
            for (int b0 = 0; b0 < batch; b0 += z.chunk()) {
                int samples = Math.min(z.chunk(), batch - b0);
                backend.im2col(z.framing(), signal, b0 * length, col, 0, samples);
                // per signal: (2 bins, n) x (n, frames) -> (2 bins, frames), the basis shared (stride 0)
                backend.gemm(false, false, z.rows(), z.frames(), z.n(), 1.0, basis, 0, 0, col, 0, z.colSize(),
                        0.0, spectrum, b0 * z.spectrumSize(), z.spectrumSize(), samples);
            }
            // power = re^2 + im^2: (batch, 2, bins frames) squared, summed over the middle axis
            Shape layout = Shape.of(batch * z.spectrumSize());
            backend.binary(BinaryOp.MUL, spectrum, layout, spectrum, layout, squares, layout);
            backend.reduce(ReduceOp.SUM, squares, batch, 2, plan.bins() * z.frames(), power);
        } finally {
            squares.release();
            col.release();
            basis.release();
        }
    }

    /** See {@link FusedKernels#powerStftBackward}. */
    static void backward(Backend backend, StftPlan plan, int length, DeviceBuffer spectrum,
                         DeviceBuffer gradPower, DeviceBuffer gradSignal, int batch) {
        Sizes z = Sizes.of(plan, length, batch);
        DeviceBuffer basis = backend.upload(plan.windowedBasis());
        DeviceBuffer col = backend.allocateUninitialized(z.chunk() * z.colSize());
        DeviceBuffer gradSpectrum = backend.allocateUninitialized(batch * z.spectrumSize());
        try {
            // d power / d re = 2 re, d power / d im = 2 im: (batch, 2, bins frames) * (batch, 1, bins frames)
            Shape both = Shape.of(batch, 2, plan.bins() * z.frames());
            backend.binary(BinaryOp.MUL, spectrum, both, gradPower, Shape.of(batch, 1, plan.bins() * z.frames()),
                    gradSpectrum, both);
            for (int b0 = 0; b0 < batch; b0 += z.chunk()) {
                int samples = Math.min(z.chunk(), batch - b0);
                // per signal: 2 (2 bins, n)^T x (2 bins, frames) -> (n, frames)
                backend.gemm(true, false, z.n(), z.frames(), z.rows(), 2.0, basis, 0, 0, gradSpectrum,
                        b0 * z.spectrumSize(), z.spectrumSize(), 0.0, col, 0, z.colSize(), samples);
                backend.col2im(z.framing(), col, 0, gradSignal, b0 * length, samples);
            }
        } finally {
            gradSpectrum.release();
            col.release();
            basis.release();
        }
    }
}

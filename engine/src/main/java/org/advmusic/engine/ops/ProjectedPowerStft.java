package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.StftPlan;
import org.advmusic.engine.Tensor;

/**
 * A fixed linear projection of the power spectrogram, {@code projection x |STFT(x)|^2} for each row of
 * {@code (N, length)}: {@code (N, length) -> (N, rows, frames)} with a constant {@code (rows, bins)}
 * projection, e.g. a mel filterbank (librosa's {@code melspectrogram} with power 2). The same
 * mathematics as {@link PowerStft} followed by a matrix product, as one operation so that a backend
 * may fuse the two (the CPU backend never forms the {@code (N, bins, frames)} power); differentiable
 * with respect to the signal only.
 */
public final class ProjectedPowerStft extends GradFunction {
    private final StftPlan plan;
    private final Tensor projection;
    private final Tensor spectrum;

    private ProjectedPowerStft(Tensor signal, StftPlan plan, Tensor projection, Tensor spectrum) {
        super(signal);
        this.plan = plan;
        this.projection = projection;
        this.spectrum = spectrum;
    }

    /**
     * @param signal     (N, length)
     * @param projection (rows, bins) with bins = 1 + n / 2, on the signal's backend; a constant (no gradient)
     * @return (N, rows, frames)
     */
    public static Tensor apply(Tensor signal, StftPlan plan, Tensor projection) {
        signal.requireRank("projectedPowerStft", 2, "(signals, samples)");
        projection.requireRank("projectedPowerStft projection", 2, "(rows, " + plan.bins() + " bins)");
        if (projection.dim(1) != plan.bins()) {
            throw new IllegalArgumentException("projectedPowerStft: projection has shape " + projection.shape()
                    + ", expected (rows, " + plan.bins() + ") for " + plan);
        }
        int batch = signal.dim(0);
        int length = signal.dim(1);
        int rows = projection.dim(0);
        int frames = plan.frames(length);
        // the forward pass's spectrum, kept for the backward pass in the backend's own layout
        Tensor spectrum = Tensor.empty(signal.backend(), Shape.of(batch, 2 * plan.bins() * frames));
        Tensor out = Tensor.empty(signal.backend(), Shape.of(batch, rows, frames));
        signal.backend().fused().projectedPowerStft(plan, length, signal.buffer(), projection.buffer(), rows,
                spectrum.buffer(), out.buffer(), batch);
        return Autograd.shouldRecord(signal)
                ? out.withGradFunction(new ProjectedPowerStft(signal, plan, projection, spectrum)) : out;
    }

    // Y[r, t] = sum_k M[r, k] P[k, t], so dL/dP[k, t] = sum_r M[r, k] dL/dY[r, t] (the projection's transpose),
    // and dL/dx is the power STFT's adjoint of that (see PowerStft): the backend computes both
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor signal = inputs()[0];
        Tensor gradSignal = Tensor.empty(signal.backend(), signal.shape());
        signal.backend().fused().projectedPowerStftBackward(plan, signal.dim(1), projection.buffer(),
                projection.dim(0), spectrum.buffer(), g.buffer(), gradSignal.buffer(), signal.dim(0));
        return new Tensor[] {gradSignal};
    }
}

package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.StftPlan;
import org.advmusic.engine.Tensor;

/**
 * The power spectrogram {@code |STFT(x)|^2} of each row of {@code (N, length)}: frames of n samples
 * every hop samples (zero-padded by n / 2 when the plan is centred), windowed, one-sided DFT, squared
 * magnitude; {@code (N, length) -> (N, 1 + n / 2, frames)} as librosa's {@code |stft(x)|^2}.
 */
public final class PowerStft extends GradFunction {
    private final StftPlan plan;
    private final Tensor spectrum;

    private PowerStft(Tensor signal, StftPlan plan, Tensor spectrum) {
        super(signal);
        this.plan = plan;
        this.spectrum = spectrum;
    }

    /**
     * @param signal (N, length)
     * @return (N, bins, frames) power, bins = 1 + n / 2
     */
    public static Tensor apply(Tensor signal, StftPlan plan) {
        signal.requireRank("powerStft", 2, "(signals, samples)");
        int batch = signal.dim(0);
        int length = signal.dim(1);
        int frames = plan.frames(length);
        Tensor spectrum = Tensor.empty(signal.backend(), Shape.of(batch, 2, plan.bins(), frames));
        Tensor power = Tensor.empty(signal.backend(), Shape.of(batch, plan.bins(), frames));
        signal.backend().fused().powerStft(plan, length, signal.buffer(), spectrum.buffer(), power.buffer(), batch);
        return Autograd.shouldRecord(signal) ? power.withGradFunction(new PowerStft(signal, plan, spectrum)) : power;
    }

    // P[k, t] = re^2 + im^2 with re = sum_j w_j cos(2 pi k j / n) x[t hop + j - pad], im = -sum_j w_j sin(...) x[...]:
    // dL/dx[s] = sum_{t, k, j reading s} dL/dP[k, t] 2 (re w_j cos(2 pi k j / n) - im w_j sin(2 pi k j / n)),
    // the adjoint of the windowed DFT of 2 dL/dP X, overlap-added over the frames (the backend computes it)
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor signal = inputs()[0];
        Tensor gradSignal = Tensor.empty(signal.backend(), signal.shape());
        signal.backend().fused().powerStftBackward(plan, signal.dim(1), spectrum.buffer(), g.buffer(), gradSignal.buffer(),
                signal.dim(0));
        return new Tensor[] {gradSignal};
    }
}

package org.advmusic.attacks;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Random starting points inside a norm ball around each sample. */
final class BallSampling {
    private BallSampling() {
    }

    /**
     * {@code x + d} with {@code d} uniform in the ball of radius {@code epsilon}: independent uniform
     * coordinates for Linf; for L2 a Gaussian direction scaled to radius {@code eps * u^(1/D)}, which
     * is uniform in volume. Not clipped to the box.
     */
    static Tensor uniform(Norm norm, Tensor x, double epsilon, long seed) {
        try (var ignored = Autograd.noGrad()) {
            if (norm == Norm.LINF) {
                return x.add(Tensor.uniform(x.backend(), seed, x.shape(), -epsilon, epsilon));
            }
            int n = x.dim(0);
            int d = x.size() / Math.max(1, n);
            Tensor direction = PerSample.normalizeL2(Tensor.randn(x.backend(), CounterRandom.derive(seed, 1), x.shape()));
            double[] u = Tensor.rand(x.backend(), CounterRandom.derive(seed, 2), Shape.of(n)).toDoubleArray();
            double[] radius = new double[n];
            for (int i = 0; i < n; i++) {
                radius[i] = epsilon * Math.pow(u[i], 1.0 / d);
            }
            return x.add(PerSample.scaleRows(direction, radius));
        }
    }
}

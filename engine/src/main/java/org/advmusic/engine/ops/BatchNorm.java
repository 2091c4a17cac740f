package org.advmusic.engine.ops;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * Batch normalisation over axis 1 of {@code (N, C, ...)}:
 * {@code y = gamma * (x - mu) / sqrt(var + eps) + beta}. In training, {@code mu} and {@code var}
 * are this batch's per-channel statistics (biased variance) and the running averages are updated
 * in place with PyTorch's rule (unbiased variance); in inference the running averages are used.
 */
public final class BatchNorm extends GradFunction {
    private final Tensor normalized;
    private final Tensor inverseStd;
    private final boolean batchStatistics;
    private final int[] reducedAxes;

    private BatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor normalized, Tensor inverseStd,
                      boolean batchStatistics, int[] reducedAxes) {
        super(x, gamma, beta);
        this.normalized = normalized;
        this.inverseStd = inverseStd;
        this.batchStatistics = batchStatistics;
        this.reducedAxes = reducedAxes;
    }

    /**
     * Normalises with the batch's statistics and updates {@code runningMean} and
     * {@code runningVariance} (both modified): {@code r = (1 - momentum) r + momentum * batch value}.
     *
     * @param x     (N, C, ...) with at least two values per channel
     * @param gamma (C) scale; {@code beta} (C) shift; running statistics (C)
     * @return the same shape as x
     */
    public static Tensor training(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance,
                                  double momentum, double epsilon) {
        int channels = validate(x, gamma, beta, runningMean, runningVariance, epsilon);
        Backend backend = x.backend();
        int batch = x.dim(0);
        int spatial = x.size() / (batch * channels);
        int count = batch * spatial;
        if (count < 2) {
            throw new IllegalArgumentException("batchNorm: input " + x.shape()
                    + " has one value per channel; training needs at least two (use a larger batch or eval mode)");
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchNorm: momentum is " + momentum + ", expected within [0, 1]");
        }
        Tensor mean = Tensor.empty(backend, Shape.of(channels));
        Tensor variance = Tensor.empty(backend, Shape.of(channels));
        backend.batchNormStatistics(x.buffer(), batch, channels, spatial, mean.buffer(), variance.buffer());
        try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            runningMean.scaleShiftInPlace(1 - momentum, 0).addInPlace(mean.mul(momentum));
            runningVariance.scaleShiftInPlace(1 - momentum, 0)
                    .addInPlace(variance.mul(momentum * count / (count - 1.0)));
        }
        return normalize(x, gamma, beta, mean, variance, epsilon, true);
    }

    /** Normalises with the running statistics (evaluation mode); modifies nothing. */
    public static Tensor inference(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance,
                                   double epsilon) {
        validate(x, gamma, beta, runningMean, runningVariance, epsilon);
        return normalize(x, gamma, beta, runningMean, runningVariance, epsilon, false);
    }

    private static Tensor normalize(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance,
                                    double epsilon, boolean batchStatistics) {
        int[] channelDims = new int[x.rank()];
        Arrays.fill(channelDims, 1);
        channelDims[1] = x.dim(1);
        Tensor normalized;
        Tensor inverseStd;
        Tensor y;
        try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) { // temporaries die here
            inverseStd = variance.add(epsilon).pow(-0.5).reshape(channelDims);
            normalized = x.sub(mean.reshape(channelDims)).mul(inverseStd);
            y = normalized.mul(gamma.reshape(channelDims)).add(beta.reshape(channelDims));
            scope.retain(inverseStd);
            scope.retain(normalized);
            scope.retain(y);
        }
        if (!Autograd.shouldRecord(x, gamma, beta)) {
            return y;
        }
        int[] reduced = new int[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i != 1) {
                reduced[j++] = i;
            }
        }
        return y.withGradFunction(new BatchNorm(x, gamma, beta, normalized, inverseStd, batchStatistics, reduced));
    }

    private static int validate(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, double epsilon) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("batchNorm: input has shape " + x.shape() + ", expected (N, C, ...)");
        }
        Shape c = Shape.of(x.dim(1));
        for (Tensor t : new Tensor[] {gamma, beta, mean, variance}) {
            if (!t.shape().equals(c)) {
                throw new IllegalArgumentException("batchNorm: a parameter or statistic has shape " + t.shape()
                        + ", expected " + c + " for input " + x.shape());
            }
            x.requireSameBackend("batchNorm", t);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("batchNorm: epsilon is " + epsilon + ", expected > 0");
        }
        return x.dim(1);
    }

    // with xhat = (x - mu) s, s = 1/sqrt(var + eps), y = gamma xhat + beta and M values per channel:
    //   dL/dbeta = sum g,  dL/dgamma = sum g xhat,
    //   dL/dx = gamma s / M (M g - sum g - xhat sum g xhat) with batch statistics,
    //   dL/dx = gamma s g with fixed (running) statistics
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor x = inputs()[0];
        Tensor gamma = inputs()[1];
        Shape channelShape = inverseStd.shape();
        Tensor gradBeta = g.sum(false, reducedAxes);
        Tensor gradGamma = g.mul(normalized).sum(false, reducedAxes);
        Tensor gradX = null;
        if (needs[0]) {
            Tensor scale = gamma.reshape(channelShape.dims()).mul(inverseStd);
            if (batchStatistics) {
                double m = (double) x.size() / x.dim(1);
                Tensor centred = g.mul(m).sub(gradBeta.reshape(channelShape.dims()))
                        .sub(normalized.mul(gradGamma.reshape(channelShape.dims())));
                gradX = centred.mul(scale.mul(1.0 / m));
            } else {
                gradX = g.mul(scale);
            }
        }
        return new Tensor[] {gradX, needs[1] ? gradGamma : null, needs[2] ? gradBeta : null};
    }
}

package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.unrecorded.Elementwise;

/**
 * Batch normalisation over axis 1 of {@code (N, C, ...)}:
 * {@code y = gamma * (x - mu) / sqrt(var + eps) + beta}. In training, {@code mu} and {@code var}
 * are this batch's per-channel statistics (biased variance) and the running averages are updated
 * in place with PyTorch's rule (unbiased variance); in inference the running averages are used.
 *
 * <p>Cost: the forward pass is one fused pass over x ({@link FusedKernels#channelAffine}) after the
 * statistics, if any; the backward pass is one pass with fixed statistics and two with batch
 * statistics ({@link FusedKernels#batchNormGradientSums}, then {@link FusedKernels#channelLinearCombination}),
 * and the parameters' gradients come from those sums, which are skipped when only the input gradient
 * is asked for with fixed statistics (an attack on a model in evaluation mode). Only the per-channel
 * mean and inverse standard deviation are kept for the backward pass.
 *
 * <p>The {@code rectified} variants compute {@code relu(batchNorm(x))} as one operation (a network's
 * usual conv -> batch norm -> ReLU): the rectifier costs no pass of its own forward, nor backward with
 * fixed statistics ({@link FusedKernels#rectifiedChannelAffine}, {@link FusedKernels#rectifiedChannelScale}).
 */
public final class BatchNorm extends GradFunction {
    private final Tensor mean;
    private final Tensor inverseStd;
    private final boolean batchStatistics;
    /** The rectified output, or null when there is no rectifier. */
    private final Tensor rectifiedOutput;

    private BatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor inverseStd, boolean batchStatistics,
                      Tensor rectifiedOutput) {
        super(x, gamma, beta);
        this.mean = mean;
        this.inverseStd = inverseStd;
        this.batchStatistics = batchStatistics;
        this.rectifiedOutput = rectifiedOutput;
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
        return training(x, gamma, beta, runningMean, runningVariance, momentum, epsilon, false);
    }

    /** {@link #training}, followed by a ReLU when {@code rectified}. */
    public static Tensor training(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance,
                                  double momentum, double epsilon, boolean rectified) {
        int channels = validate(x, gamma, beta, runningMean, runningVariance, epsilon);
        Backend backend = x.backend();
        int batch = x.dim(0);
        int spatial = x.shape().innerSize(1);
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
            InPlace.add(InPlace.scaleShift(runningMean, 1 - momentum, 0), mean.mul(momentum));
            InPlace.add(InPlace.scaleShift(runningVariance, 1 - momentum, 0),
                    variance.mul(momentum * count / (count - 1.0)));
        }
        return normalize(x, gamma, beta, mean, variance, epsilon, true, rectified);
    }

    /** Normalises with the running statistics (evaluation mode); modifies nothing. */
    public static Tensor inference(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance,
                                   double epsilon) {
        return inference(x, gamma, beta, runningMean, runningVariance, epsilon, false);
    }

    /** {@link #inference}, followed by a ReLU when {@code rectified}. */
    public static Tensor inference(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance,
                                   double epsilon, boolean rectified) {
        validate(x, gamma, beta, runningMean, runningVariance, epsilon);
        return normalize(x, gamma, beta, runningMean, runningVariance, epsilon, false, rectified);
    }

    // forward, with s = 1/sqrt(var + eps): y = gamma (x - mu) s + beta = x scale + shift, where
    // scale = gamma s and shift = beta - mu scale are per-channel (C) values, so one pass over x
    // (which also takes max(y, 0) when rectified)
    private static Tensor normalize(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance,
                                    double epsilon, boolean batchStatistics, boolean rectified) {
        boolean record = Autograd.shouldRecord(x, gamma, beta);
        Tensor y = Tensor.empty(x.backend(), x.shape());
        Tensor inverseStd;
        Tensor savedMean;
        try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) { // temporaries die here
            inverseStd = variance.add(epsilon).pow(-0.5);
            Tensor scale = gamma.mul(inverseStd);
            Tensor shift = beta.sub(mean.mul(scale));
            // (N, C, ...) -> (N, C, ...)
            if (rectified) {
                x.backend().fused().rectifiedChannelAffine(x.buffer(), x.dim(0), x.dim(1), x.shape().innerSize(1),
                        scale.buffer(), shift.buffer(), y.buffer());
            } else {
                x.backend().fused().channelAffine(x.buffer(), x.dim(0), x.dim(1), x.shape().innerSize(1), scale.buffer(),
                        shift.buffer(), y.buffer());
            }
            // the running mean may be updated in place before the backward pass runs
            savedMean = batchStatistics || !record ? mean : mean.copy();
            scope.retain(inverseStd);
            scope.retain(savedMean);
        }
        if (!record) {
            return y;
        }
        return y.withGradFunction(new BatchNorm(x, gamma, beta, savedMean, inverseStd, batchStatistics,
                rectified ? y : null));
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

    // backward, with xhat = (x - mu) s, M = N * (spatial size) values per channel and the per-channel
    // sums Sg = sum g and Sgc = sum g (x - mu), so that sum g xhat = s Sgc:
    //   dL/dbeta = Sg,  dL/dgamma = s Sgc,
    //   dL/dx = gamma s g with fixed (running) statistics,
    //   dL/dx = gamma s / M (M g - Sg - xhat s Sgc) with batch statistics (mu and var depend on x),
    //         = g gScale + x xScale + shift, one pass, with the per-channel coefficients
    //           gScale = gamma s,  xScale = -gamma s^3 Sgc / M,  shift = -gamma s Sg / M - mu xScale
    // rectified, z = relu(y): dL/dy = dL/dz 1[z > 0], and with fixed statistics dL/dx = 1[z > 0] g gamma s in one pass
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor x = inputs()[0];
        Tensor gamma = inputs()[1];
        Backend backend = x.backend();
        FusedKernels kernels = backend.fused();
        int batch = x.dim(0);
        int channels = x.dim(1);
        int spatial = x.shape().innerSize(1);
        if (rectifiedOutput != null) {
            if (!batchStatistics && !needs[1] && !needs[2]) {
                Tensor gradX = Tensor.empty(backend, x.shape());
                kernels.rectifiedChannelScale(g.buffer(), rectifiedOutput.buffer(), batch, channels, spatial,
                        gamma.mul(inverseStd).buffer(), gradX.buffer());
                return new Tensor[] {gradX, null, null};
            }
            g = Elementwise.binary(BinaryOp.RELU_BACKWARD, g, rectifiedOutput);
        }
        Tensor sumGrad = null;
        Tensor sumGradCentered = null;
        if (needs[1] || needs[2] || needs[0] && batchStatistics) {
            sumGrad = Tensor.empty(backend, mean.shape());
            sumGradCentered = Tensor.empty(backend, mean.shape());
            // (N, C, ...) twice -> (C) twice
            kernels.batchNormGradientSums(g.buffer(), x.buffer(), mean.buffer(), batch, channels, spatial,
                    sumGrad.buffer(), sumGradCentered.buffer());
        }
        Tensor gradX = null;
        if (needs[0]) { // (N, C, ...) -> (N, C, ...)
            gradX = Tensor.empty(backend, x.shape());
            Tensor gScale = gamma.mul(inverseStd);
            if (batchStatistics) {
                double m = (double) batch * spatial;
                Tensor xScale = gScale.mul(inverseStd.mul(inverseStd)).mul(sumGradCentered).mul(-1 / m);
                Tensor shift = gScale.mul(sumGrad).mul(-1 / m).sub(mean.mul(xScale));
                kernels.channelLinearCombination(g.buffer(), x.buffer(), batch, channels, spatial, gScale.buffer(),
                        xScale.buffer(), shift.buffer(), gradX.buffer());
            } else {
                kernels.channelAffine(g.buffer(), batch, channels, spatial, gScale.buffer(), null, gradX.buffer());
            }
        }
        return new Tensor[] {gradX, needs[1] ? sumGradCentered.mul(inverseStd) : null, needs[2] ? sumGrad : null};
    }
}

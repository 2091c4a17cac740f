package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.unrecorded.Elementwise;

/**
 * A convolution followed by batch normalisation with fixed (running) statistics, and optionally by a ReLU:
 * {@code relu(gamma (conv(x, W) + b - mu) / sqrt(var + eps) + beta)} as one operation. With
 * {@code s = gamma / sqrt(var + eps)} the normalisation is the per-channel affine map {@code z s + (beta - mu s)}
 * of {@link BatchNorm}'s forward pass, and {@link FusedKernels#normalizedConv2d} applies it (and the rectifier)
 * as the convolution writes its output: no pass over the feature maps of its own, and the same numbers as
 * {@link Convolution} followed by {@link BatchNorm#inference} (the CPU backend's fused kernel gives the same
 * bits as the two). A network in evaluation mode runs its conv -> batch norm -> ReLU this way (an attack's
 * many passes); the weights stay as they are, so a backend's caches of transformed weights serve training and
 * evaluation alike.
 *
 * <p>Every input gets its gradient; an input-gradient-only backward ({@link Autograd#grad} of the input) does
 * the rectifier's gate with the scale in one pass and the convolution's input gradient, as the two operations
 * would.
 */
public final class NormalizedConvolution extends GradFunction {
    private final Conv2dGeometry geometry;
    private final Tensor runningMean;
    /** {@code 1 / sqrt(var + eps)} and {@code s = gamma / sqrt(var + eps)}, (K) each. */
    private final Tensor inverseStd;
    private final Tensor scale;
    /** The rectified output, or null when there is no rectifier. */
    private final Tensor rectifiedOutput;

    private NormalizedConvolution(Tensor x, Tensor weight, Tensor bias, Tensor gamma, Tensor beta,
                                  Conv2dGeometry geometry, Tensor runningMean, Tensor inverseStd, Tensor scale,
                                  Tensor rectifiedOutput) {
        super(x, weight, bias, gamma, beta);
        this.geometry = geometry;
        this.runningMean = runningMean;
        this.inverseStd = inverseStd;
        this.scale = scale;
        this.rectifiedOutput = rectifiedOutput;
    }

    /**
     * @param x               (N, C, H, W)
     * @param weight          (K, C, kh, kw)
     * @param bias            (K), or null
     * @param gamma           the batch norm's scale (K); {@code beta} its shift (K)
     * @param runningMean     the statistics normalised with (K), not differentiated; likewise {@code runningVariance}
     * @param rectified       whether a ReLU follows
     * @return (N, K, OH, OW) as {@link Convolution#apply}
     */
    public static Tensor apply(Tensor x, Tensor weight, Tensor bias, Tensor gamma, Tensor beta, Tensor runningMean,
                               Tensor runningVariance, double epsilon, boolean rectified, int strideH, int strideW,
                               int padH, int padW) {
        Conv2dGeometry g = Convolution.geometry(x, weight, bias, strideH, strideW, padH, padW);
        int k = weight.dim(0);
        for (Tensor t : new Tensor[] {gamma, beta, runningMean, runningVariance}) {
            if (!t.shape().equals(Shape.of(k))) {
                throw new IllegalArgumentException("batchNorm after conv2d: a parameter or statistic has shape "
                        + t.shape() + ", expected (" + k + ",) for the weight " + weight.shape());
            }
            x.requireSameBackend("batchNorm after conv2d", t);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("batchNorm after conv2d: epsilon is " + epsilon + ", expected > 0");
        }
        boolean record = Autograd.shouldRecord(x, weight, bias, gamma, beta);
        int n = x.dim(0);
        Tensor out = Tensor.empty(x.backend(), Shape.of(n, k, g.outHeight(), g.outWidth()));
        Tensor inverseStd;
        Tensor scale;
        Tensor savedMean;
        try (var noGrad = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) { // temporaries die here
            // BatchNorm's per-channel coefficients: y = z scale + shift
            inverseStd = runningVariance.add(epsilon).pow(-0.5);
            scale = gamma.mul(inverseStd);
            Tensor shift = beta.sub(runningMean.mul(scale));
            // (N, C, H, W) -> (N, K, OH, OW)
            x.backend().fused().normalizedConv2d(g, x.buffer(), weight.buffer(), bias == null ? null : bias.buffer(),
                    scale.buffer(), shift.buffer(), rectified, k, out.buffer(), n);
            savedMean = record ? runningMean.copy() : null; // the running mean may change before the backward pass
            scope.retain(inverseStd);
            scope.retain(scale);
            if (savedMean != null) {
                scope.retain(savedMean);
            }
        }
        if (!record) {
            return out;
        }
        return out.withGradFunction(new NormalizedConvolution(x, weight, bias, gamma, beta, g, savedMean, inverseStd,
                scale, rectified ? out : null));
    }

    // z = conv(x, W) + b, y = relu(s (z - mu) + beta) (or without relu), s = gamma r, r = 1/sqrt(var + eps);
    // G = dL/d(s (z - mu) + beta) = dL/dy 1[y > 0] (or dL/dy):
    //   dL/dz = s G,  dL/dx = the convolution's input gradient of s G,
    //   dL/dW[k] = s[k] GW[k] with GW = sum_n G_n col(X_n)^T,  dL/db = s sum G over n, y, x,
    //   dL/dbeta = sum G,  dL/dgamma[k] = sum G (z - mu) r = r[k] (sum_{c, i, j} GW[k, c, i, j] W[k, c, i, j]
    //                                                            + (b[k] - mu[k]) sum G[k])
    @Override
    protected Tensor[] backward(Tensor gradOut, boolean[] needs) {
        Tensor[] in = inputs();
        Tensor x = in[0];
        Tensor weight = in[1];
        Tensor bias = in[2];
        Backend backend = x.backend();
        FusedKernels kernels = backend.fused();
        int n = x.dim(0);
        int k = weight.dim(0);
        int spatial = geometry.colColumns();
        Tensor gradX = null;
        if (needs[0]) { // (N, K, OH, OW) -> (N, C, H, W)
            Tensor gradZ = Tensor.empty(backend, gradOut.shape());
            if (rectifiedOutput != null) {
                kernels.rectifiedChannelScale(gradOut.buffer(), rectifiedOutput.buffer(), n, k, spatial, scale.buffer(),
                        gradZ.buffer());
            } else {
                kernels.channelAffine(gradOut.buffer(), n, k, spatial, scale.buffer(), null, gradZ.buffer());
            }
            gradX = Tensor.empty(backend, x.shape());
            kernels.conv2dInputGradient(geometry, gradZ.buffer(), weight.buffer(), k, gradX.buffer(), n);
        }
        if (!needs[1] && !needs[2] && !needs[3] && !needs[4]) {
            return new Tensor[] {gradX, null, null, null, null};
        }
        Tensor g = rectifiedOutput == null ? gradOut : Elementwise.binary(BinaryOp.RELU_BACKWARD, gradOut, rectifiedOutput);
        // (N, C, H, W) and (N, K, OH, OW) -> (K, C, kh, kw) and (K)
        Tensor gradUnscaledWeight = Tensor.empty(backend, weight.shape());
        kernels.conv2dWeightGradient(geometry, x.buffer(), g.buffer(), k, gradUnscaledWeight.buffer(), n);
        Tensor sumGrad = Sum.apply(g, false, 0, 2, 3);
        Tensor gradWeight = needs[1] ? gradUnscaledWeight.mul(scale.reshape(k, 1, 1, 1)) : null;
        Tensor gradBias = needs[2] ? sumGrad.mul(scale) : null;
        Tensor gradGamma = null;
        if (needs[3]) {
            Tensor centeredBias = bias == null ? runningMean.neg() : bias.sub(runningMean);
            gradGamma = gradUnscaledWeight.mul(weight).sum(false, 1, 2, 3).add(sumGrad.mul(centeredBias))
                    .mul(inverseStd);
        }
        return new Tensor[] {gradX, gradWeight, gradBias, gradGamma, needs[4] ? sumGrad : null};
    }
}

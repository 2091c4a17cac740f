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
 * {@code relu(gamma (conv(x, W) + b - mu) / sqrt(var + eps) + beta)}, computed as one convolution with the
 * batch norm folded into its weights. With {@code s = gamma / sqrt(var + eps)} per output channel,
 * {@code W'[k] = W[k] s[k]} and {@code b'[k] = b[k] s[k] + beta[k] - mu[k] s[k]}, the result is
 * {@code relu(conv(x, W') + b')} ({@link FusedKernels#rectifiedConv2d}): no pass over the feature maps for
 * the normalisation, and, on the backends that fuse it, none for the rectifier in the forward pass.
 * A network in evaluation mode runs its conv -> batch norm -> ReLU this way (an attack's many passes).
 *
 * <p>The backward pass uses the folded parameters of its forward pass: a model's parameters must not change
 * between a forward pass and its backward pass (as for every operation that reads a parameter then).
 *
 * <p>The values are those of {@link Convolution} followed by {@link BatchNorm#inference} (and the ReLU) up to
 * rounding: the products are rounded in another order. Every input gets its exact gradient (the backward
 * pass differentiates through the folding), so the path serves whichever gradients are asked for; an
 * input-gradient-only backward ({@link Autograd#grad} of the input) does just the convolution's input
 * gradient.
 */
public final class NormalizedConvolution extends GradFunction {
    private final Conv2dGeometry geometry;
    private final Tensor runningMean;
    private final Tensor runningVariance;
    private final double epsilon;
    private final FoldedParameters folded;
    /** The rectified output, or null when there is no rectifier. */
    private final Tensor rectifiedOutput;

    private NormalizedConvolution(Tensor x, Tensor weight, Tensor bias, Tensor gamma, Tensor beta, Conv2dGeometry geometry,
                                  Tensor runningMean, Tensor runningVariance, double epsilon, FoldedParameters folded,
                                  Tensor rectifiedOutput) {
        super(x, weight, bias, gamma, beta);
        this.geometry = geometry;
        this.runningMean = runningMean;
        this.runningVariance = runningVariance;
        this.epsilon = epsilon;
        this.folded = folded;
        this.rectifiedOutput = rectifiedOutput;
    }

    /**
     * The folded weight {@code W'} and bias {@code b'} of one convolution + batch norm pair, in buffers kept
     * from call to call and owned as the weight {@code W} is ({@link MemoryScope#ownedLike}: by nobody for a
     * layer's parameter): a backend may recognise weights it has seen before by their buffer (the CPU backend keeps the Winograd transform of unchanged weights). They are computed again
     * from the current parameters and statistics at every use (a pass over the {@code K C kh kw} weights, small
     * beside the convolution), so an optimizer step or a loaded state dict is always seen. One per layer; a
     * layer's forward pass and its backward pass must not overlap another forward pass of the same layer with
     * other parameters.
     */
    public static final class FoldedParameters {
        private Tensor weight;
        private Tensor bias;
        private Tensor scale;
        private Tensor inverseStd;

        /**
         * Writes {@code W' = W s}, {@code b' = b s + beta - mu s}, {@code s = gamma / sqrt(var + eps)} and
         * {@code 1 / sqrt(var + eps)} into this holder's buffers (allocated on first use, or again when the
         * backend or the shapes change or their owner released them).
         */
        synchronized void refresh(Tensor w, Tensor b, Tensor gamma, Tensor beta, Tensor mean, Tensor variance,
                                  double epsilon) {
            Backend backend = w.backend();
            int k = w.dim(0);
            if (weight == null || weight.backend() != backend || !weight.shape().equals(w.shape())
                    || weight.buffer().isReleased()) {
                weight = MemoryScope.ownedLike(w, Tensor.empty(backend, w.shape()));
                bias = MemoryScope.ownedLike(w, Tensor.empty(backend, Shape.of(k)));
                scale = MemoryScope.ownedLike(w, Tensor.empty(backend, Shape.of(k)));
                inverseStd = MemoryScope.ownedLike(w, Tensor.empty(backend, Shape.of(k)));
            }
            try (var noGrad = Autograd.noGrad(); MemoryScope ignored = MemoryScope.open()) {
                // the per-channel scale and shift of BatchNorm's forward pass: y = z s + (beta - mu s)
                Tensor r = variance.add(epsilon).pow(-0.5);
                Tensor s = gamma.mul(r);
                Tensor shift = beta.sub(mean.mul(s));
                Tensor foldedBias = b == null ? shift : b.mul(s).add(shift);
                // (K, C kh kw) scaled per row k: one pass over the weights
                backend.fused().channelAffine(w.buffer(), 1, k, w.size() / k, s.buffer(), null, weight.buffer());
                backend.copy(foldedBias.buffer(), 0, bias.buffer(), 0, k);
                backend.copy(s.buffer(), 0, scale.buffer(), 0, k);
                backend.copy(r.buffer(), 0, inverseStd.buffer(), 0, k);
            }
        }
    }

    /**
     * @param x         (N, C, H, W)
     * @param weight    (K, C, kh, kw)
     * @param bias      (K), or null
     * @param gamma     the batch norm's scale (K); {@code beta} its shift (K)
     * @param runningMean the statistics normalised with (K), not differentiated; likewise {@code runningVariance}
     * @param rectified whether a ReLU follows
     * @param folded    this layer's holder of the folded parameters (overwritten)
     * @return (N, K, OH, OW) as {@link Convolution#apply}
     */
    public static Tensor apply(Tensor x, Tensor weight, Tensor bias, Tensor gamma, Tensor beta, Tensor runningMean,
                               Tensor runningVariance, double epsilon, boolean rectified, int strideH, int strideW,
                               int padH, int padW, FoldedParameters folded) {
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
        folded.refresh(weight, bias, gamma, beta, runningMean, runningVariance, epsilon);
        int n = x.dim(0);
        Tensor out = Tensor.empty(x.backend(), Shape.of(n, k, g.outHeight(), g.outWidth()));
        FusedKernels kernels = x.backend().fused();
        // (N, C, H, W) -> (N, K, OH, OW)
        if (rectified) {
            kernels.rectifiedConv2d(g, x.buffer(), folded.weight.buffer(), folded.bias.buffer(), k, out.buffer(), n);
        } else {
            kernels.conv2d(g, x.buffer(), folded.weight.buffer(), folded.bias.buffer(), k, out.buffer(), n);
        }
        if (!Autograd.shouldRecord(x, weight, bias, gamma, beta)) {
            return out;
        }
        return out.withGradFunction(new NormalizedConvolution(x, weight, bias, gamma, beta, g, runningMean,
                runningVariance, epsilon, folded, rectified ? out : null));
    }

    // z = conv(x, W') + b', y = relu(z) (or y = z); G = dL/dz = dL/dy 1[y > 0] (or dL/dy):
    //   dL/dx = the convolution's input gradient of G with W',
    //   dL/dW' = sum_n G_n col(X_n)^T,  dL/db' = sum of G over n, y, x;
    // with W'[k] = W[k] s[k], b'[k] = (b[k] - mu[k]) s[k] + beta[k], s = gamma r, r = 1/sqrt(var + eps):
    //   dL/dW[k] = dL/dW'[k] s[k],  dL/db = dL/db' s,  dL/dbeta = dL/db',
    //   dL/dgamma[k] = r[k] (sum_{c, i, j} dL/dW'[k, c, i, j] W[k, c, i, j] + dL/db'[k] (b[k] - mu[k]))
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
        Tensor gradX = null;
        if (needs[0]) { // (N, K, OH, OW) -> (N, C, H, W)
            gradX = Tensor.empty(backend, x.shape());
            if (rectifiedOutput != null) {
                kernels.rectifiedConv2dInputGradient(geometry, gradOut.buffer(), rectifiedOutput.buffer(),
                        folded.weight.buffer(), k, gradX.buffer(), n);
            } else {
                kernels.conv2dInputGradient(geometry, gradOut.buffer(), folded.weight.buffer(), k, gradX.buffer(), n);
            }
        }
        if (!needs[1] && !needs[2] && !needs[3] && !needs[4]) {
            return new Tensor[] {gradX, null, null, null, null};
        }
        Tensor g = rectifiedOutput == null ? gradOut : Elementwise.binary(BinaryOp.RELU_BACKWARD, gradOut, rectifiedOutput);
        // (N, C, H, W) and (N, K, OH, OW) -> (K, C, kh, kw) and (K)
        Tensor gradFoldedWeight = Tensor.empty(backend, weight.shape());
        kernels.conv2dWeightGradient(geometry, x.buffer(), g.buffer(), k, gradFoldedWeight.buffer(), n);
        Tensor gradFoldedBias = Sum.apply(g, false, 0, 2, 3);
        Tensor gradWeight = needs[1] ? gradFoldedWeight.mul(folded.scale.reshape(k, 1, 1, 1)) : null;
        Tensor gradBias = needs[2] ? gradFoldedBias.mul(folded.scale) : null;
        Tensor gradGamma = null;
        if (needs[3]) {
            Tensor centeredBias = bias == null ? runningMean.neg() : bias.sub(runningMean);
            gradGamma = gradFoldedWeight.mul(weight).sum(false, 1, 2, 3).add(gradFoldedBias.mul(centeredBias))
                    .mul(folded.inverseStd);
        }
        return new Tensor[] {gradX, gradWeight, gradBias, gradGamma, needs[4] ? gradFoldedBias : null};
    }
}

package org.advmusic.nn.layers;

import java.util.List;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.Convolution;
import org.advmusic.engine.ops.NormalizedConvolution;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;
import org.advmusic.nn.Parameter;

/**
 * A 2-D convolution with a square kernel, PyTorch's parameter names and layout: {@code weight}
 * {@code (out, in, k, k)} (Kaiming normal) and {@code bias} {@code (out)} (zero).
 */
public final class Conv2d extends Module {
    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int padding;

    /**
     * @param kernelSize side of the square kernel
     * @param stride     step between windows, both axes
     * @param padding    zeros added on every side
     * @param withBias   whether to add a bias
     * @param seed       initialisation seed
     */
    public Conv2d(Backend backend, int inChannels, int outChannels, int kernelSize, int stride, int padding,
                  boolean withBias, long seed) {
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv2d: channels " + inChannels + " -> " + outChannels + ", kernel "
                    + kernelSize + ", stride " + stride + ", padding " + padding
                    + "; expected positive sizes and a padding >= 0");
        }
        int fanIn = inChannels * kernelSize * kernelSize;
        weight = addParameter("weight", () -> Initialization.kaimingNormal(backend, seed,
                Shape.of(outChannels, inChannels, kernelSize, kernelSize), fanIn));
        bias = withBias ? addParameter("bias", () -> Tensor.zeros(backend, Shape.of(outChannels))) : null;
        this.stride = stride;
        this.padding = padding;
    }

    /** The weight {@code (out, in, k, k)}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code (out)}, or null. */
    public Parameter bias() {
        return bias;
    }

    /** (N, in, H, W) -> (N, out, (H + 2 pad - k) / stride + 1, likewise W) */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        return Convolution.apply(input, weight.value(), bias == null ? null : bias.value(), stride, stride, padding,
                padding);
    }

    /**
     * In evaluation mode, followed by a {@link BatchNorm2d} also in evaluation mode (and perhaps a {@link ReLU}):
     * one operation ({@link NormalizedConvolution}) that normalises and rectifies as the convolution writes its
     * output; the same values and the gradients of every parameter.
     */
    @Override
    protected Fused computeFusedWith(List<? extends Module> following, Tensor input) {
        if (isTraining() || !(following.get(0) instanceof BatchNorm2d norm) || norm.isTraining()) {
            return null;
        }
        boolean rectified = following.size() > 1 && following.get(1) instanceof ReLU;
        Tensor out = NormalizedConvolution.apply(input, weight.value(), bias == null ? null : bias.value(),
                norm.weight().value(), norm.bias().value(), norm.runningMean(), norm.runningVariance(),
                AbstractBatchNorm.EPSILON, rectified, stride, stride, padding, padding);
        return new Fused(out, rectified ? 2 : 1);
    }
}

package org.advmusic.nn.layers;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;
import org.advmusic.nn.Parameter;

/**
 * A dense layer {@code y = x W^T + b} with PyTorch's parameter names and layout: {@code weight}
 * {@code (out, in)} (Xavier uniform) and {@code bias} {@code (out)} (zero).
 */
public final class Linear extends Module {
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param inFeatures  size of each input sample
     * @param outFeatures size of each output sample
     * @param withBias    whether to add a bias
     * @param seed        initialisation seed
     */
    public Linear(Backend backend, int inFeatures, int outFeatures, boolean withBias, long seed) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: features " + inFeatures + " -> " + outFeatures
                    + ", expected positive sizes");
        }
        weight = addParameter("weight", () -> Initialization.xavierUniform(backend, seed,
                Shape.of(outFeatures, inFeatures), inFeatures, outFeatures));
        bias = withBias ? addParameter("bias", () -> Tensor.zeros(backend, Shape.of(outFeatures))) : null;
    }

    /** A layer with a bias. */
    public Linear(Backend backend, int inFeatures, int outFeatures, long seed) {
        this(backend, inFeatures, outFeatures, true, seed);
    }

    /** The weight {@code (out, in)}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code (out)}, or null. */
    public Parameter bias() {
        return bias;
    }

    /** (N, in) -> (N, out) */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        return org.advmusic.engine.ops.Affine.apply(input, weight.value(), bias == null ? null : bias.value());
    }
}

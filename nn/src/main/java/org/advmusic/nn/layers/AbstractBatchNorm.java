package org.advmusic.nn.layers;

import java.util.List;
import org.advmusic.engine.Backend;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.BatchNorm;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;
import org.advmusic.nn.Parameter;

/**
 * Batch normalisation over the channel axis (axis 1) with PyTorch's names and defaults: parameters
 * {@code weight} (scale, 1) and {@code bias} (shift, 0); buffers {@code running_mean} (0),
 * {@code running_var} (1) and {@code num_batches_tracked} (0, a scalar); momentum 0.1 and epsilon
 * 1e-5. In training mode it normalises with the batch's statistics and updates the running ones (in
 * place); in evaluation mode it uses the running statistics and modifies nothing.
 */
public abstract class AbstractBatchNorm extends Module {
    /** Weight of the newest batch in the running averages (PyTorch's default). */
    public static final double MOMENTUM = 0.1;
    /** Added to the variance before the square root (PyTorch's default). */
    public static final double EPSILON = 1e-5;

    private final int channels;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVariance;
    private final Tensor batchesTracked;

    /** @param channels the size of axis 1 of the input */
    protected AbstractBatchNorm(Backend backend, int channels) {
        if (channels <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + channels
                    + " channels, expected a positive number");
        }
        this.channels = channels;
        Shape c = Shape.of(channels);
        weight = addParameter("weight", () -> Tensor.ones(backend, c));
        bias = addParameter("bias", () -> Tensor.zeros(backend, c));
        runningMean = addBuffer("running_mean", () -> Tensor.zeros(backend, c));
        runningVariance = addBuffer("running_var", () -> Tensor.ones(backend, c));
        batchesTracked = addBuffer("num_batches_tracked", () -> Tensor.zeros(backend, Shape.scalar()));
    }

    /** Whether this layer accepts an input of this rank. */
    protected abstract boolean acceptsRank(int rank);

    /** The accepted layout for error messages, e.g. {@code "(N, C, H, W)"}. */
    protected abstract String layout();

    /** The number of channels. */
    public int channels() {
        return channels;
    }

    /** The scale {@code gamma} (C). */
    public Parameter weight() {
        return weight;
    }

    /** The shift {@code beta} (C). */
    public Parameter bias() {
        return bias;
    }

    /** The running mean (C), a live buffer. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance (C), a live buffer. */
    public Tensor runningVariance() {
        return runningVariance;
    }

    /** (N, C, ...) -> the same shape */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        return normalize(input, false);
    }

    /** Followed by a {@link ReLU}: {@code relu(batchNorm(x))} in one pass, with no tensor for the values in between. */
    @Override
    protected Fused computeFusedWith(List<? extends Module> following, Tensor input) {
        return following.get(0) instanceof ReLU ? new Fused(normalize(input, true), 1) : null;
    }

    private Tensor normalize(Tensor input, boolean rectified) {
        if (!acceptsRank(input.rank()) || input.dim(1) != channels) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input has shape " + input.shape()
                    + ", expected " + layout().replace("C", Integer.toString(channels)));
        }
        if (!isTraining()) {
            return BatchNorm.inference(input, weight.value(), bias.value(), runningMean, runningVariance, EPSILON,
                    rectified);
        }
        Tensor out = BatchNorm.training(input, weight.value(), bias.value(), runningMean, runningVariance,
                MOMENTUM, EPSILON, rectified);
        InPlace.scaleShift(batchesTracked, 1.0, 1.0);
        return out;
    }
}

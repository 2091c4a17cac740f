package org.advmusic.engine.ops;

import java.util.function.UnaryOperator;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;

/**
 * The straight-through estimator, or BPDA with the identity (Athalye et al. 2018): the forward pass
 * applies a function that may have no useful derivative (rounding, a median filter), the backward
 * pass treats it as the identity. It lets white-box attacks see through non-differentiable input
 * transformations instead of being stopped by zero gradients.
 */
public final class StraightThrough extends GradFunction {

    private StraightThrough(Tensor x) {
        super(x);
    }

    /**
     * @param x         any shape
     * @param transform computed without recording; must return the same shape
     * @return {@code transform(x)}, whose gradient with respect to {@code x} is passed through unchanged
     */
    public static Tensor apply(Tensor x, UnaryOperator<Tensor> transform) {
        Tensor out;
        try (var ignored = Autograd.noGrad()) {
            out = transform.apply(x.detach());
        }
        if (!out.shape().equals(x.shape())) {
            throw new IllegalArgumentException("straightThrough: the transform changed shape " + x.shape() + " to " + out.shape());
        }
        if (!Autograd.shouldRecord(x)) {
            return out;
        }
        Tensor recorded = Tensor.view(out.shape(), out.buffer());
        return recorded.withGradFunction(new StraightThrough(x));
    }

    // treated as the identity: dL/dx = dL/dy
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {g};
    }
}

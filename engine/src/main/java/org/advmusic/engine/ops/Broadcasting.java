package org.advmusic.engine.ops;

import java.util.ArrayList;
import java.util.List;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.unrecorded.Elementwise;

/**
 * The one place where gradients of broadcasting operations are reduced back to an input's shape,
 * and where gradients of reductions are expanded back to the input's shape.
 */
final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * Sums {@code gradient} over the axes along which {@code target} was broadcast (missing leading
     * axes, and axes of size 1 in {@code target}), giving a tensor of shape {@code target}.
     */
    static Tensor reduceTo(Tensor gradient, Shape target) {
        Shape from = gradient.shape();
        if (from.equals(target)) {
            return gradient;
        }
        int offset = from.rank() - target.rank();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < from.rank(); i++) {
            if (i < offset || target.dim(i - offset) == 1 && from.dim(i) != 1) {
                axes.add(i);
            }
        }
        Tensor summed = Sum.apply(gradient, true, axes.stream().mapToInt(Integer::intValue).toArray());
        return summed.reshape(target.dims());
    }

    /** Repeats {@code x} along its broadcast axes to the larger shape {@code target} (a new tensor). */
    static Tensor expand(Tensor x, Shape target) {
        if (x.shape().equals(target)) {
            return x;
        }
        Tensor zero = Tensor.scalar(x.backend(), 0.0);
        return Elementwise.binaryInto(BinaryOp.ADD, x, zero, target);
    }
}

package org.advmusic.engine.ops;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** The same elements in a new shape of equal size; shares the input's buffer (no copy). */
public final class Reshape extends GradFunction {

    private Reshape(Tensor x) {
        super(x);
    }

    /** {@code x} viewed with {@code dims}; one entry may be -1 and is then inferred. */
    public static Tensor apply(Tensor x, int... dims) {
        Shape target = resolve(x.shape(), dims);
        if (target.equals(x.shape()) && !Autograd.shouldRecord(x)) {
            return x;
        }
        Tensor out = Tensor.view(target, x.buffer());
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Reshape(x)) : out;
    }

    private static Shape resolve(Shape from, int[] dims) {
        int[] d = dims.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("reshape: target " + Arrays.toString(dims)
                        + " has an invalid size " + d[i] + " (only one -1 is allowed)");
            } else {
                known *= d[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || from.size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot infer -1 in " + Arrays.toString(dims)
                        + " for " + from.size() + " elements of shape " + from);
            }
            d[inferred] = (int) (from.size() / known);
            known *= d[inferred];
        }
        if (known != from.size()) {
            throw new IllegalArgumentException("reshape: cannot view shape " + from + " (" + from.size()
                    + " elements) as " + Arrays.toString(dims) + " (" + known + " elements)");
        }
        return Shape.of(d);
    }

    // reshaping moves no values: the gradient is reshaped back
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {g.reshape(inputs()[0].shape().dims())};
    }
}

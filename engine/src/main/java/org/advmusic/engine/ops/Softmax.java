package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Softmax along one axis: {@code y_i = e^{x_i} / sum_j e^{x_j}}, computed stably. */
public final class Softmax extends GradFunction {
    private final Tensor output;
    private final int axis;

    private Softmax(Tensor x, Tensor output, int axis) {
        super(x);
        this.output = output;
        this.axis = axis;
    }

    /** Softmax of {@code x} along {@code axis}; same shape. */
    public static Tensor apply(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        Tensor out = Tensor.empty(x.backend(), s);
        x.backend().softmax(x.buffer(), s.outerSize(a), s.dim(a), s.innerSize(a), out.buffer(), false);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Softmax(x, out.detach(), a)) : out;
    }

    // dy_i/dx_j = y_i (1[i == j] - y_j), so dL/dx = y * (g - sum_j g_j y_j)
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor dot = g.mul(output).sum(true, axis);
        return new Tensor[] {output.mul(g.sub(dot))};
    }
}

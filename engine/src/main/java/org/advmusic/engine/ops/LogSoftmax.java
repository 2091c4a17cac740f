package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Log-softmax along one axis: {@code y_i = x_i - log sum_j e^{x_j}}, computed stably. */
public final class LogSoftmax extends GradFunction {
    private final Tensor output;
    private final int axis;

    private LogSoftmax(Tensor x, Tensor output, int axis) {
        super(x);
        this.output = output;
        this.axis = axis;
    }

    /** Log-softmax of {@code x} along {@code axis}; same shape. */
    public static Tensor apply(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        Tensor out = Tensor.empty(x.backend(), s);
        x.backend().softmax(x.buffer(), s.outerSize(a), s.dim(a), s.innerSize(a), out.buffer(), true);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new LogSoftmax(x, out.detach(), a)) : out;
    }

    // dy_i/dx_j = 1[i == j] - softmax(x)_j, so dL/dx = g - e^y * sum_i g_i
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor total = g.sum(true, axis);
        return new Tensor[] {g.sub(output.exp().mul(total))};
    }
}

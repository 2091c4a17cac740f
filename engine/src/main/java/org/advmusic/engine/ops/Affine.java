package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * The affine map of a dense layer, {@code y = x W^T + b}, with PyTorch's weight layout
 * {@code (out, in)}; one GEMM forward and one per needed gradient backward (no transposed copy).
 */
public final class Affine extends GradFunction {

    private Affine(Tensor x, Tensor weight, Tensor bias) {
        super(x, weight, bias);
    }

    /**
     * @param x      (N, in)
     * @param weight (out, in)
     * @param bias   (out), or null
     * @return (N, out)
     */
    public static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
        x.requireRank("linear", 2, "(batch, features)");
        weight.requireRank("linear weight", 2, "(out, in)");
        x.requireSameBackend("linear", weight);
        int batch = x.dim(0);
        int in = x.dim(1);
        int out = weight.dim(0);
        if (weight.dim(1) != in) {
            throw new IllegalArgumentException("linear: input has shape " + x.shape() + " but the weight is "
                    + weight.shape() + "; expected (out, " + in + ")");
        }
        if (bias != null && !bias.shape().equals(Shape.of(out))) {
            throw new IllegalArgumentException("linear: bias has shape " + bias.shape() + ", expected (" + out + ",)");
        }
        Backend backend = x.backend();
        // (N, in) x (out, in)^T -> (N, out)
        Tensor y = Tensor.empty(backend, Shape.of(batch, out));
        backend.gemm(false, true, batch, out, in, 1.0, x.buffer(), weight.buffer(), 0.0, y.buffer());
        if (bias != null) {
            x.requireSameBackend("linear", bias);
            backend.binary(BinaryOp.ADD, y.buffer(), y.shape(), bias.buffer(), bias.shape(), y.buffer(), y.shape());
        }
        return Autograd.shouldRecord(x, weight, bias) ? y.withGradFunction(new Affine(x, weight, bias)) : y;
    }

    // y = x W^T + b: dL/dx = G W, dL/dW = G^T x, dL/db = sum over the batch of G
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor x = inputs()[0];
        Tensor weight = inputs()[1];
        Backend backend = g.backend();
        int batch = x.dim(0);
        int in = x.dim(1);
        int out = weight.dim(0);
        Tensor gradX = null;
        Tensor gradW = null;
        if (needs[0]) {
            gradX = Tensor.empty(backend, x.shape());
            backend.gemm(false, false, batch, in, out, 1.0, g.buffer(), weight.buffer(), 0.0, gradX.buffer());
        }
        if (needs[1]) {
            gradW = Tensor.empty(backend, weight.shape());
            backend.gemm(true, false, out, in, batch, 1.0, g.buffer(), x.buffer(), 0.0, gradW.buffer());
        }
        Tensor gradB = needs[2] ? Sum.apply(g, false, 0) : null;
        return new Tensor[] {gradX, gradW, gradB};
    }
}

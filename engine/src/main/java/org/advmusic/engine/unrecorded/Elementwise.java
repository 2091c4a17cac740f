package org.advmusic.engine.unrecorded;

import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;

/** Launches elementwise primitives on tensors; shared by the operation classes. Records nothing. */
public final class Elementwise {
    private Elementwise() {
    }

    /** A new tensor {@code op(x; p, q)}. */
    public static Tensor unary(UnaryOp op, Tensor x, double p, double q) {
        Tensor out = Tensor.empty(x.backend(), x.shape());
        x.backend().unary(op, x.buffer(), out.buffer(), x.size(), p, q);
        return out;
    }

    /** A new tensor {@code op(a, b)} of the broadcast shape; the operation's name is {@code op}'s. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String name = op.name().toLowerCase();
        a.requireSameBackend(name, b);
        Shape out = Shape.broadcast(name, a.shape(), b.shape());
        return binaryInto(op, a, b, out);
    }

    /** A new tensor {@code op(a, b)} with both operands broadcast to {@code outShape}. */
    public static Tensor binaryInto(BinaryOp op, Tensor a, Tensor b, Shape outShape) {
        Tensor out = Tensor.empty(a.backend(), outShape);
        a.backend().binary(op, a.buffer(), a.shape(), b.buffer(), b.shape(), out.buffer(), outShape);
        return out;
    }
}

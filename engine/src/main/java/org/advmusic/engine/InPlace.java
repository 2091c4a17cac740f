package org.advmusic.engine;

/**
 * Updates that overwrite a tensor's elements instead of making a new tensor: parameter and optimizer
 * updates, running statistics, and rows of a result batch. They are never recorded in the graph, so
 * they are refused on a tensor computed by a recorded operation (its backward pass could read the
 * changed values). Each returns its target, so updates can be nested.
 */
public final class InPlace {
    private InPlace() {
    }

    /** Sets every element of {@code target} to {@code value}; modifies and returns {@code target}. */
    public static Tensor fill(Tensor target, double value) {
        check("fill", target);
        target.backend().fill(target.buffer(), value);
        return target;
    }

    /** Copies {@code source}'s elements into {@code target} (same shape and backend); modifies and returns {@code target}. */
    public static Tensor copy(Tensor target, Tensor source) {
        check("copy", target);
        target.requireSameShape("copy", source);
        target.requireSameBackend("copy", source);
        target.backend().copy(source.buffer(), 0, target.buffer(), 0, target.size());
        return target;
    }

    /** {@code target = target + other}, {@code other} broadcast to the target's shape; modifies and returns {@code target}. */
    public static Tensor add(Tensor target, Tensor other) {
        return binary("add", BinaryOp.ADD, target, other);
    }

    /** {@code target = target - other}, {@code other} broadcast to the target's shape; modifies and returns {@code target}. */
    public static Tensor sub(Tensor target, Tensor other) {
        return binary("sub", BinaryOp.SUB, target, other);
    }

    /** {@code target = scale * target + shift}; modifies and returns {@code target}. */
    public static Tensor scaleShift(Tensor target, double scale, double shift) {
        check("scaleShift", target);
        target.backend().unary(UnaryOp.SCALE_SHIFT, target.buffer(), target.buffer(), target.size(), scale, shift);
        return target;
    }

    /**
     * Overwrites rows {@code rows[i]} of the first axis of {@code target} with row {@code i} of
     * {@code source}; the other rows are unchanged. Modifies and returns {@code target}.
     */
    public static Tensor setRows(Tensor target, int[] rows, Tensor source) {
        check("setRows", target);
        target.requireSameBackend("setRows", source);
        Shape shape = target.shape();
        int n = shape.dim(0);
        if (source.rank() != target.rank() || !source.shape().withDim(0, n).equals(shape)
                || source.dim(0) != rows.length) {
            throw new IllegalArgumentException("setRows: " + rows.length + " rows of shape " + source.shape()
                    + " do not fit rows of " + shape);
        }
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IndexOutOfBoundsException("setRows: row " + r + " is outside [0, " + n + ") of shape " + shape);
            }
        }
        target.backend().scatterRows(source.buffer(), shape.size() / n, rows, target.buffer());
        return target;
    }

    private static Tensor binary(String operation, BinaryOp op, Tensor target, Tensor other) {
        check(operation, target);
        target.requireSameBackend(operation, other);
        Shape out = Shape.broadcast(operation, target.shape(), other.shape());
        if (!out.equals(target.shape())) {
            throw new IllegalArgumentException(operation + ": operand of shape " + other.shape()
                    + " would enlarge the target of shape " + target.shape());
        }
        target.backend().binary(op, target.buffer(), target.shape(), other.buffer(), other.shape(),
                target.buffer(), target.shape());
        return target;
    }

    private static void check(String operation, Tensor target) {
        if (target.gradFunction() != null && Autograd.isEnabled()) {
            throw new IllegalStateException(operation + " in place: the tensor of shape " + target.shape()
                    + " was computed by " + target.gradFunction().name()
                    + "; in-place updates are for leaves (parameters, buffers)");
        }
    }
}

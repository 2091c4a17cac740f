package org.advmusic.engine.unrecorded;

import org.advmusic.engine.Tensor;

/** Elementwise selection {@code condition != 0 ? a : b} of three same-shaped tensors. Not differentiable. */
public final class Where {
    private Where() {
    }

    /** A new tensor taking {@code a} where the condition is non-zero and {@code b} elsewhere. */
    public static Tensor apply(Tensor condition, Tensor a, Tensor b) {
        condition.requireSameShape("where", a);
        condition.requireSameShape("where", b);
        condition.requireSameBackend("where", a);
        condition.requireSameBackend("where", b);
        Tensor out = Tensor.empty(a.backend(), a.shape());
        a.backend().where(condition.buffer(), a.buffer(), b.buffer(), out.buffer(), a.size());
        return out;
    }
}

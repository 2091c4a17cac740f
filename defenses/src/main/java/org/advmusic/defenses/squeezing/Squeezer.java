package org.advmusic.defenses.squeezing;

import org.advmusic.engine.Tensor;

/** An input transformation that removes detail; not differentiable in general. */
public interface Squeezer {

    /** A short name for reports, e.g. "bit-depth-5" or "median-2x2". */
    String name();

    /**
     * @param x (N, ...) inputs; not modified
     * @return a new tensor of the same shape, not connected to any graph
     */
    Tensor apply(Tensor x);
}

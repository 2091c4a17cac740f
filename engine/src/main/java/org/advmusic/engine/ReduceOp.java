package org.advmusic.engine;

/** Reductions along one axis for {@link Backend#reduce}. */
public enum ReduceOp {
    /** sum of the elements */
    SUM,
    /** largest element (NaN if any element is NaN) */
    MAX,
    /** smallest element (NaN if any element is NaN) */
    MIN,
    /** index of the first largest element, stored as a value of the backend's dtype */
    ARGMAX
}

/**
 * Functions on tensors that never record a graph: the piecewise-constant ones (comparisons,
 * {@link org.advmusic.engine.unrecorded.Sign}, {@link org.advmusic.engine.unrecorded.Argmax}),
 * selection by a condition ({@link org.advmusic.engine.unrecorded.Where}), and
 * {@link org.advmusic.engine.unrecorded.Elementwise}, which launches one elementwise primitive on
 * tensors (the operations of {@link org.advmusic.engine.ops} build on it and record their own graph
 * node).
 */
package org.advmusic.engine.unrecorded;

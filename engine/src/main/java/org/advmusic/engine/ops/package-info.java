/**
 * The differentiable operations, one class each. Every class has a static {@code apply} (the
 * forward pass, written only against {@link org.advmusic.engine.Backend} primitives) and, beside it,
 * {@code backward} with the derivative written in a comment. Classes that do not extend
 * {@link org.advmusic.engine.GradFunction} ({@link org.advmusic.engine.ops.Sign},
 * {@link org.advmusic.engine.ops.Argmax}, {@link org.advmusic.engine.ops.Compare},
 * {@link org.advmusic.engine.ops.Where}) are not differentiable and never record a graph.
 */
package org.advmusic.engine.ops;

/**
 * The differentiable operations, one class each, named after the mathematics (the layers of
 * {@code org.advmusic.nn.layers} that wrap some of them carry PyTorch's module names instead: the
 * operation {@link org.advmusic.engine.ops.Convolution} is used by the layer {@code Conv2d}). Every class
 * has a static {@code apply} (the forward pass, written only against {@link org.advmusic.engine.Backend}
 * primitives) and, beside it, {@code backward} with the derivative written in a comment. Functions that
 * are not differentiable (comparisons, sign, argmax, selection) live in
 * {@link org.advmusic.engine.unrecorded}; updates in place in {@link org.advmusic.engine.InPlace}.
 */
package org.advmusic.engine.ops;

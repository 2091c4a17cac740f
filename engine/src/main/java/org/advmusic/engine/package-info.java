/**
 * The advmusic engine: {@link org.advmusic.engine.Tensor}s on a {@link org.advmusic.engine.Backend},
 * define-by-run reverse-mode automatic differentiation ({@link org.advmusic.engine.Autograd}), and
 * {@link org.advmusic.engine.MemoryScope}s that release device buffers deterministically.
 *
 * <p>Every differentiable operation lives in {@code org.advmusic.engine.ops}, one class per
 * operation, with its forward and backward side by side. Operations are written only against the
 * {@link org.advmusic.engine.Backend} primitives, which is what makes each of them run unchanged on
 * the float64 reference backend, the fast float32 CPU backend and the CUDA backend.
 */
package org.advmusic.engine;

/**
 * The fast float32 CPU backend: {@link org.advmusic.engine.backend.cpu.CpuBackend}, its buffers and
 * caching allocator, its thread pool, and the GEMM kernels (a register-blocked Vector API kernel and a
 * plain-Java fallback) behind a common driver. Each loop here has a readable float64 counterpart in
 * {@link org.advmusic.engine.backend.reference.ReferenceBackend} and a parity test against it.
 */
package org.advmusic.engine.backend.cpu;

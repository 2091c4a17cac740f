/**
 * JMH benchmarks of GEMM and convolution parameterised by backend name ({@code cpu}, {@code cuda}),
 * and {@link org.advmusic.bench.cuda.BackendBenchmarks}, a main that runs them on the backends
 * available on this machine.
 */
package org.advmusic.bench.cuda;

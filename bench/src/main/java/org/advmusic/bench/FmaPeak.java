package org.advmusic.bench;

import org.advmusic.engine.backend.cpu.VectorFmaLoop;

/**
 * The machine's measured float32 peak: the cpu backend's FMA control loop ({@link VectorFmaLoop}, twelve
 * independent chains of fused multiply-adds on vectors of the preferred width). Requires
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class FmaPeak {
    private static final VectorFmaLoop LOOP = new VectorFmaLoop();

    private FmaPeak() {
    }

    /** Floating-point operations of {@link #run} per iteration: 12 chains x lanes x 2. */
    public static long flopsPerIteration() {
        return LOOP.flopsPerIteration();
    }

    /** The vector width in bits. */
    public static int vectorBits() {
        return VectorFmaLoop.vectorBits();
    }

    /** {@code iterations} rounds of twelve independent FMAs; returns a sum so the work is kept. */
    public static float run(long iterations) {
        return (float) LOOP.applyAsDouble(iterations);
    }
}

package org.advmusic.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FMA control loop on the Vector API: twelve independent chains of fused multiply-adds on vectors
 * of the preferred width (more chains than FMA latency times FMA units on current x86 cores). Loaded
 * by name only when the {@code jdk.incubator.vector} module is present (see {@link ControlLoops}); the
 * bench module's FMA peak benchmark runs it too.
 */
public final class VectorFmaLoop implements ControlLoops.FmaLoop {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    /** The vector width in bits. */
    public static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    /** Floating-point operations per iteration: chains x lanes x 2. */
    @Override
    public long flopsPerIteration() {
        return 2L * CHAINS * SPECIES.length();
    }

    /** Runs {@code iterations} rounds; returns a sum of the chains so the work is kept. */
    @Override
    public double applyAsDouble(long iterations) {
        FloatVector x = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector y = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 0.1f);
        FloatVector c1 = FloatVector.broadcast(SPECIES, 0.2f);
        FloatVector c2 = FloatVector.broadcast(SPECIES, 0.3f);
        FloatVector c3 = FloatVector.broadcast(SPECIES, 0.4f);
        FloatVector c4 = FloatVector.broadcast(SPECIES, 0.5f);
        FloatVector c5 = FloatVector.broadcast(SPECIES, 0.6f);
        FloatVector c6 = FloatVector.broadcast(SPECIES, 0.7f);
        FloatVector c7 = FloatVector.broadcast(SPECIES, 0.8f);
        FloatVector c8 = FloatVector.broadcast(SPECIES, 0.9f);
        FloatVector c9 = FloatVector.broadcast(SPECIES, 1.0f);
        FloatVector c10 = FloatVector.broadcast(SPECIES, 1.1f);
        FloatVector c11 = FloatVector.broadcast(SPECIES, 1.2f);
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(x, y);
            c1 = c1.fma(x, y);
            c2 = c2.fma(x, y);
            c3 = c3.fma(x, y);
            c4 = c4.fma(x, y);
            c5 = c5.fma(x, y);
            c6 = c6.fma(x, y);
            c7 = c7.fma(x, y);
            c8 = c8.fma(x, y);
            c9 = c9.fma(x, y);
            c10 = c10.fma(x, y);
            c11 = c11.fma(x, y);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}

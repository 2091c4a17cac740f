package org.advmusic.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormLoops#rectifiedScale} a vector at a time on the incubating Vector API (used only when the
 * {@code jdk.incubator.vector} module is present, see {@link CpuFusedKernels}): the gate
 * {@code v > 0 ? g scale : +0} as a compare and a blend. The scalar {@link ReluGate} works on the float's bits
 * with long arithmetic, which the JIT does not turn into vector instructions; this loop is the backward pass
 * of every batch norm + ReLU pair of an attack's input gradient, a full pass over each activation. Same bits
 * as the scalar loop (a blocked element is +0, NaN blocks).
 */
final class VectorReluGate {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorReluGate() {
    }

    /** {@code out[i] = (output[i] > 0 ? g[i] : 0) * scale} for {@code start <= i < end} (blocked: +0). */
    static void rectifiedScale(float[] g, float[] output, float scale, float[] out, int start, int end) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = start;
        for (int bound = end - LANES; i <= bound; i += LANES) {
            VectorMask<Float> open = FloatVector.fromArray(SPECIES, output, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(SPECIES, g, i).mul(scale), open).intoArray(out, i);
        }
        for (; i < end; i++) {
            out[i] = ReluGate.gate(g[i] * scale, output[i]);
        }
    }
}

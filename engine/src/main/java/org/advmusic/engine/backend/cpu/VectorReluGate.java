package org.advmusic.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormLoops#rectifiedScale} over whole rows a vector at a time on the incubating Vector API (used
 * only when the {@code jdk.incubator.vector} module is present, see {@link CpuFusedKernels}): the gate
 * {@code v > 0 ? g scale : +0} as a compare and a blend. The scalar {@link ReluGate} works on the float's bits
 * with long arithmetic, which the JIT does not turn into vector instructions; this loop is the backward pass
 * of every batch norm + ReLU pair of an attack's input gradient, a full pass over each activation. Same bits
 * as the scalar loop (a blocked element is +0, NaN blocks).
 *
 * <p>Like the other vector kernels it is one loop nest, rows included, with every vector operation inside
 * it and more bytecode than the JIT inlines into a hot caller ({@code VectorKernelSizeTest}): compiled on
 * its own, its vector operations cannot be left as Java calls by a caller that ran out of inlining room.
 */
final class VectorReluGate {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorReluGate() {
    }

    /**
     * {@code out[i] = (output[i] > 0 ? g[i] : 0) * scale[c]} for the rows {@code [rowStart, rowEnd)} of
     * {@code spatial} elements of arrays laid out as {@code (batch, channels, spatial)} (row r belongs to
     * channel {@code r % channels}); blocked elements are +0.
     */
    static void rectifiedScale(float[] g, float[] output, float[] scale, float[] out, int channels, int spatial,
                               int rowStart, int rowEnd) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int channel = rowEnd > rowStart ? rowStart % channels : 0;
        for (int row = rowStart; row < rowEnd; row++) {
            float a = scale[channel];
            int i = row * spatial;
            int end = i + spatial;
            for (; i <= end - 4 * LANES; i += 4 * LANES) { // four vectors a step
                FloatVector g0 = FloatVector.fromArray(SPECIES, g, i).mul(a);
                FloatVector g1 = FloatVector.fromArray(SPECIES, g, i + LANES).mul(a);
                FloatVector g2 = FloatVector.fromArray(SPECIES, g, i + 2 * LANES).mul(a);
                FloatVector g3 = FloatVector.fromArray(SPECIES, g, i + 3 * LANES).mul(a);
                zero.blend(g0, FloatVector.fromArray(SPECIES, output, i).compare(VectorOperators.GT, 0f))
                        .intoArray(out, i);
                zero.blend(g1, FloatVector.fromArray(SPECIES, output, i + LANES).compare(VectorOperators.GT, 0f))
                        .intoArray(out, i + LANES);
                zero.blend(g2, FloatVector.fromArray(SPECIES, output, i + 2 * LANES).compare(VectorOperators.GT, 0f))
                        .intoArray(out, i + 2 * LANES);
                zero.blend(g3, FloatVector.fromArray(SPECIES, output, i + 3 * LANES).compare(VectorOperators.GT, 0f))
                        .intoArray(out, i + 3 * LANES);
            }
            for (; i <= end - LANES; i += LANES) {
                zero.blend(FloatVector.fromArray(SPECIES, g, i).mul(a),
                        FloatVector.fromArray(SPECIES, output, i).compare(VectorOperators.GT, 0f)).intoArray(out, i);
            }
            for (; i < end; i++) {
                out[i] = ReluGate.gate(g[i] * a, output[i]);
            }
            channel = channel + 1 == channels ? 0 : channel + 1;
        }
    }
}

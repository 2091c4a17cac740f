package org.advmusic.engine.backend.cpu;

/**
 * The loops of the softmax family on float arrays: exponentials in double precision after
 * subtracting the maximum, sums in double, one line (or row) per call so that callers can
 * parallelise over lines.
 */
final class SoftmaxLoops {
    private SoftmaxLoops() {
    }

    /**
     * Softmax (or log-softmax) of the {@code n} elements {@code x[base + j * step]} into the same
     * positions of {@code out}.
     */
    static void line(float[] x, int base, int n, int step, float[] out, boolean log) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[base + j * step]);
        }
        double total = 0;
        for (int j = 0; j < n; j++) {
            total += Math.exp(x[base + j * step] - max);
        }
        double logTotal = Math.log(total);
        for (int j = 0; j < n; j++) {
            int at = base + j * step;
            double shifted = x[at] - max;
            out[at] = (float) (log ? shifted - logTotal : Math.exp(shifted) / total);
        }
    }

    /**
     * One row of the fused softmax cross-entropy: writes the row's probabilities and returns
     * {@code -log softmax(z)[label] = log(sum exp(z - max)) + max - z[label]}.
     */
    static float crossEntropyRow(float[] logits, int base, int classes, int label, float[] probabilities) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[base + c]);
        }
        double total = 0;
        for (int c = 0; c < classes; c++) {
            total += Math.exp(logits[base + c] - max);
        }
        for (int c = 0; c < classes; c++) {
            probabilities[base + c] = (float) (Math.exp(logits[base + c] - max) / total);
        }
        return (float) (Math.log(total) + max - logits[base + label]);
    }

    /** {@code gradLogits[c] = gradLoss * (probabilities[c] - [c == label])} for one row. */
    static void crossEntropyBackwardRow(float[] probabilities, int base, int classes, int label, float gradLoss,
                                        float[] gradLogits) {
        for (int c = 0; c < classes; c++) {
            gradLogits[base + c] = gradLoss * (probabilities[base + c] - (c == label ? 1f : 0f));
        }
    }
}

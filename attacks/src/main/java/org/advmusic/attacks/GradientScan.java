package org.advmusic.attacks;

import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * Looks for signs of gradient masking: samples whose input gradient of the cross-entropy is exactly
 * zero, not finite, or vanishingly small. Such gradients fool gradient-based attacks into reporting
 * robustness that is not there (Athalye et al. 2018).
 */
public final class GradientScan {
    /** An L2 norm below this counts as vanishing. */
    public static final double VANISHING = 1e-10;

    /**
     * @param norms     L2 norm of every sample's input gradient
     * @param zero      samples with an exactly zero gradient
     * @param notFinite samples with a NaN or infinite gradient
     * @param vanishing samples with a non-zero gradient below {@link #VANISHING}
     */
    public record Result(double[] norms, int zero, int notFinite, int vanishing) {
        /** Whether every gradient is finite and non-vanishing. */
        public boolean healthy() {
            return zero == 0 && notFinite == 0 && vanishing == 0;
        }
    }

    private GradientScan() {
    }

    /** Scans {@code inputs} (N, ...) with their labels, {@code batchSize} samples at a time. */
    public static Result scan(Classifier model, Tensor inputs, int[] labels, int batchSize) {
        int n = labels.length;
        double[] norms = new double[n];
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            try (MemoryScope scope = MemoryScope.open()) {
                int[] batchLabels = java.util.Arrays.copyOfRange(labels, from, from + count);
                InputGradient.Evaluation e = InputGradient.evaluate(model, inputs.narrow(0, from, count),
                        AttackObjective.crossEntropy(batchLabels, null));
                System.arraycopy(PerSample.l2(e.gradient()), 0, norms, from, count);
            }
        }
        int zero = 0;
        int notFinite = 0;
        int vanishing = 0;
        for (double v : norms) {
            if (!Double.isFinite(v)) {
                notFinite++;
            } else if (v == 0) {
                zero++;
            } else if (v < VANISHING) {
                vanishing++;
            }
        }
        return new Result(norms, zero, notFinite, vanishing);
    }
}

package org.advmusic.nn.svm;

/**
 * Hyperparameters of a C-SVC with the RBF kernel {@code K(a, b) = exp(-gamma ||a - b||^2)}; the
 * defaults are scikit-learn's ({@code tol=1e-3}, {@code cache_size=200}, {@code shrinking=True}).
 *
 * @param c             the box bound C of the dual (> 0)
 * @param gamma         the kernel coefficient (> 0)
 * @param tolerance     the solver's stopping tolerance on the maximal KKT violation (> 0)
 * @param cacheMegabytes memory for cached kernel columns of one two-class problem (> 0)
 * @param shrinking     whether the solver shrinks the working problem
 * @param threads       threads training the one-vs-one pairs (>= 1)
 * @param probability   whether to fit Platt probabilities (scikit-learn's {@code probability=True}): an
 *                      internal 5-fold cross-validation per pair, about five times the training work
 * @param probabilitySeed drives the internal cross-validation's shuffle (scikit-learn's {@code random_state})
 */
public record SvcParameters(double c, double gamma, double tolerance, double cacheMegabytes, boolean shrinking,
                            int threads, boolean probability, long probabilitySeed) {

    public SvcParameters {
        requirePositive("C", c);
        requirePositive("gamma", gamma);
        requirePositive("tolerance", tolerance);
        requirePositive("cache size (MB)", cacheMegabytes);
        if (threads < 1) {
            throw new IllegalArgumentException("SVC thread count is " + threads + ", expected >= 1");
        }
    }

    /** C and gamma with scikit-learn's other defaults, on one thread. */
    public static SvcParameters of(double c, double gamma) {
        return new SvcParameters(c, gamma, 1e-3, 200, true, 1, false, 0);
    }

    /** The same parameters trained on {@code count} threads. */
    public SvcParameters withThreads(int count) {
        return new SvcParameters(c, gamma, tolerance, cacheMegabytes, shrinking, count, probability, probabilitySeed);
    }

    /** The same parameters with Platt probabilities fitted (or not), the internal cross-validation shuffled by {@code seed}. */
    public SvcParameters withProbability(boolean fit, long seed) {
        return new SvcParameters(c, gamma, tolerance, cacheMegabytes, shrinking, threads, fit, seed);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("SVC " + name + " must be a positive finite number, got " + value);
        }
    }
}

package org.advmusic.nn.svm;

import java.util.SplittableRandom;

/**
 * The sigmoid of one two-class problem fitted on decision values that the pair's own SVC did not
 * see, as libsvm's {@code svm_binary_svc_probability}: the points shuffled and cut into
 * {@value #FOLDS} folds; each fold's decision values come from an SVC trained on the other folds
 * (positive points first, each class in shuffled order; same C and kernel); a fold whose training
 * part holds one class only gets +1 or -1. libsvm shuffles with C's {@code rand()}, this with a
 * seeded {@link SplittableRandom}: the folds, hence A and B, differ slightly from scikit-learn's.
 */
final class PairCalibration {
    static final int FOLDS = 5;

    private PairCalibration() {
    }

    /**
     * @param kernel     the kernel over the point set holding the pair's points
     * @param points     (l) the pair's points (indices into the kernel's set); not modified
     * @param y          (l) +1 / -1 labels; not modified
     * @param parameters C, tolerance, shrinking and cache of the pair's SVC
     * @param seed       drives the shuffle
     * @return {A, B} of {@code P(+1 | f) = 1 / (1 + exp(A f + B))}
     */
    static double[] sigmoid(KernelRows kernel, int[] points, byte[] y, SvcParameters parameters, long seed) {
        int l = points.length;
        int[] order = new int[l];
        for (int i = 0; i < l; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < l; i++) {
            int j = i + random.nextInt(l - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] decisions = new double[l];
        for (int fold = 0; fold < FOLDS; fold++) {
            int begin = fold * l / FOLDS;
            int end = (fold + 1) * l / FOLDS;
            foldDecisions(kernel, points, y, order, begin, end, parameters, decisions);
        }
        boolean[] positive = new boolean[l];
        for (int i = 0; i < l; i++) {
            positive[i] = y[i] > 0;
        }
        return PlattScaling.fit(decisions, positive);
    }

    /** Decision values of the points {@code order[begin..end)} from an SVC trained on the rest. */
    private static void foldDecisions(KernelRows kernel, int[] points, byte[] y, int[] order, int begin, int end,
                                      SvcParameters parameters, double[] decisions) {
        int l = points.length;
        int size = l - (end - begin);
        int[] train = new int[size]; // positions in the pair, positive points first
        int positives = 0;
        for (int pass = 0; pass < 2; pass++) {
            int filled = pass == 0 ? 0 : positives;
            for (int k = 0; k < l; k++) {
                int i = order[k];
                if ((k < begin || k >= end) && (y[i] > 0) == (pass == 0)) {
                    train[filled++] = i;
                }
            }
            if (pass == 0) {
                positives = filled;
            }
        }
        if (positives == 0 || positives == size) {
            double constant = size == 0 ? 0 : positives > 0 ? 1 : -1;
            for (int k = begin; k < end; k++) {
                decisions[order[k]] = constant;
            }
            return;
        }
        int[] trainPoints = new int[size];
        byte[] trainY = new byte[size];
        for (int s = 0; s < size; s++) {
            trainPoints[s] = points[train[s]];
            trainY[s] = y[train[s]];
        }
        int[] solverPoints = trainPoints.clone(); // the solver reorders these two
        byte[] solverY = trainY.clone();
        long cacheBytes = (long) (parameters.cacheMegabytes() * (1 << 20));
        SmoSolver.Solution solution = SmoSolver.solve(new BinaryKernelMatrix(kernel, solverPoints, solverY, cacheBytes),
                solverY, parameters.c(), parameters.c(), parameters.tolerance(), parameters.shrinking());
        double[] alpha = solution.signedAlpha();
        for (int k = begin; k < end; k++) {
            int point = points[order[k]];
            double sum = 0;
            for (int s = 0; s < size; s++) {
                if (alpha[s] != 0) {
                    sum += alpha[s] * kernel.value(trainPoints[s], point);
                }
            }
            decisions[order[k]] = sum - solution.rho();
        }
    }
}

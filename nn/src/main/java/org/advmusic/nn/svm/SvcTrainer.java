package org.advmusic.nn.svm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Trains a one-vs-one C-SVC as libsvm's {@code svm_train} does (scikit-learn's {@code SVC.fit}):
 * classes sorted ascending; for every pair {@code i < j} a two-class problem made of class i's
 * points (y = +1) followed by class j's points (y = -1), each class in input order, solved by
 * {@link SmoSolver}; a point is a support vector when its coefficient is non-zero in any pair. The
 * pairs are independent and run on {@link SvcParameters#threads()} threads; the result does not
 * depend on the thread count.
 */
public final class SvcTrainer {
    private SvcTrainer() {
    }

    /**
     * One solved pair: the signed coefficients of its points (class i's, then class j's), rho, and the
     * Platt sigmoid {A, B} (null without probabilities).
     */
    private record PairSolution(double[] signedAlpha, double rho, double[] sigmoid) {
    }

    /**
     * @param x      (N, F) standardised features; not modified
     * @param labels (N) class labels (any integers; at least two distinct)
     * @return the trained model
     */
    public static SvcModel fit(double[][] x, int[] labels, SvcParameters parameters) {
        if (x.length != labels.length) {
            throw new IllegalArgumentException("SVC training data has " + x.length + " rows but " + labels.length
                    + " labels");
        }
        requireFinite(x);
        KernelRows kernel = new KernelRows(x, parameters.gamma(), KernelRows.defaultBudget(), parameters.threads());
        return fit(kernel, IntStream.range(0, x.length).toArray(), labels, parameters);
    }

    /**
     * Trains on a subset of a kernel's point set (a cross-validation fold), reading kernel values
     * from {@code kernel}, which must have been built with {@code parameters.gamma()}.
     *
     * @param kernel the kernel over a point set of finite features
     * @param points (n) the training points, indices into {@code kernel}'s set; the model's
     *               support indices are positions in this array
     * @param labels (n) the class label of each training point
     */
    static SvcModel fit(KernelRows kernel, int[] points, int[] labels, SvcParameters parameters) {
        if (kernel.gamma() != parameters.gamma()) {
            throw new IllegalArgumentException("kernel rows of gamma " + kernel.gamma() + " for an SVC of gamma "
                    + parameters.gamma());
        }
        int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException("SVC training needs at least 2 classes, got " + Arrays.toString(classes));
        }
        int k = classes.length;
        int[][] members = new int[k][];
        for (int c = 0; c < k; c++) {
            int label = classes[c];
            members[c] = IntStream.range(0, labels.length).filter(r -> labels[r] == label).toArray();
        }
        int[][] pairs = new int[k * (k - 1) / 2][];
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                pairs[p++] = new int[] {i, j};
            }
        }
        List<PairSolution> solutions = Pools.run(parameters.threads(), "SVC training", () -> Arrays.stream(pairs)
                .parallel().map(pair -> solvePair(kernel, points, members[pair[0]], members[pair[1]], parameters,
                        pairSeed(parameters.probabilitySeed(), pair[0], pair[1]))).toList());
        return assemble(classes, members, pairs, solutions, kernel, points, parameters);
    }

    /** The internal cross-validation's seed of pair (i, j): the same whatever the thread order. */
    private static long pairSeed(long seed, int i, int j) {
        return seed * 0x9E3779B97F4A7C15L + 1_000_003L * i + j;
    }

    /**
     * Class i's points (y = +1) then class j's (y = -1), each in input order, solved by SMO; with
     * probabilities, the pair's sigmoid first (libsvm's order).
     */
    private static PairSolution solvePair(KernelRows kernel, int[] points, int[] positive, int[] negative,
                                          SvcParameters parameters, long seed) {
        int l = positive.length + negative.length;
        int[] pairPoints = new int[l];
        byte[] y = new byte[l];
        for (int r = 0; r < positive.length; r++) {
            pairPoints[r] = points[positive[r]];
            y[r] = +1;
        }
        for (int r = 0; r < negative.length; r++) {
            pairPoints[positive.length + r] = points[negative[r]];
            y[positive.length + r] = -1;
        }
        double[] sigmoid = parameters.probability() ? PairCalibration.sigmoid(kernel, pairPoints, y, parameters, seed) : null;
        long cacheBytes = (long) (parameters.cacheMegabytes() * (1 << 20));
        BinaryKernelMatrix q = new BinaryKernelMatrix(kernel, pairPoints, y, cacheBytes); // reorders pairPoints and y
        SmoSolver.Solution s = SmoSolver.solve(q, y, parameters.c(), parameters.c(), parameters.tolerance(),
                parameters.shrinking());
        return new PairSolution(s.signedAlpha(), s.rho(), sigmoid);
    }

    private static SvcModel assemble(int[] classes, int[][] members, int[][] pairs, List<PairSolution> solutions,
                                     KernelRows kernel, int[] points, SvcParameters parameters) {
        int k = classes.length;
        boolean[][] nonZero = new boolean[k][];
        for (int c = 0; c < k; c++) {
            nonZero[c] = new boolean[members[c].length];
        }
        for (int p = 0; p < pairs.length; p++) {
            int i = pairs[p][0];
            int j = pairs[p][1];
            double[] alpha = solutions.get(p).signedAlpha();
            for (int r = 0; r < members[i].length; r++) {
                nonZero[i][r] |= alpha[r] != 0;
            }
            for (int r = 0; r < members[j].length; r++) {
                nonZero[j][r] |= alpha[members[i].length + r] != 0;
            }
        }
        // position of every support vector in the model, per class member (-1: not a support vector)
        int[][] position = new int[k][];
        int[] counts = new int[k];
        List<Integer> indices = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            position[c] = new int[members[c].length];
            for (int r = 0; r < members[c].length; r++) {
                position[c][r] = nonZero[c][r] ? indices.size() : -1;
                if (nonZero[c][r]) {
                    indices.add(members[c][r]);
                    counts[c]++;
                }
            }
        }
        int total = indices.size();
        double[][] coefficients = new double[k - 1][total];
        double[] rho = new double[pairs.length];
        for (int p = 0; p < pairs.length; p++) {
            int i = pairs[p][0];
            int j = pairs[p][1];
            double[] alpha = solutions.get(p).signedAlpha();
            rho[p] = solutions.get(p).rho();
            for (int r = 0; r < members[i].length; r++) {
                if (position[i][r] >= 0) {
                    coefficients[j - 1][position[i][r]] = alpha[r];
                }
            }
            for (int r = 0; r < members[j].length; r++) {
                if (position[j][r] >= 0) {
                    coefficients[i][position[j][r]] = alpha[members[i].length + r];
                }
            }
        }
        int[] supportIndices = indices.stream().mapToInt(Integer::intValue).toArray();
        double[][] supportVectors = new double[total][];
        for (int s = 0; s < total; s++) {
            supportVectors[s] = kernel.point(points[supportIndices[s]]).clone();
        }
        double[] probA = null;
        double[] probB = null;
        if (parameters.probability()) {
            probA = new double[pairs.length];
            probB = new double[pairs.length];
            for (int q = 0; q < pairs.length; q++) {
                probA[q] = solutions.get(q).sigmoid()[0];
                probB[q] = solutions.get(q).sigmoid()[1];
            }
        }
        return new SvcModel(classes, supportVectors, supportIndices, counts, coefficients, rho, parameters.c(),
                parameters.gamma(), probA, probB);
    }

    static void requireFinite(double[][] x) {
        int features = x.length == 0 ? 0 : x[0].length;
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != features) {
                throw new IllegalArgumentException("SVC training row " + r + " has " + x[r].length
                        + " features, expected " + features);
            }
            for (int f = 0; f < features; f++) {
                if (!Double.isFinite(x[r][f])) {
                    throw new IllegalArgumentException("SVC training row " + r + ", feature " + f + " is " + x[r][f]
                            + " (expected a finite number)");
                }
            }
        }
    }
}

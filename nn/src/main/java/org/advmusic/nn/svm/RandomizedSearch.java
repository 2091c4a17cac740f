package org.advmusic.nn.svm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * scikit-learn's {@code RandomizedSearchCV} for the RBF C-SVC: candidates drawn from a
 * {@link SearchSpace}, each scored by stratified k-fold cross-validation accuracy, the best (highest
 * mean; the first on ties) refit on all the training data. The (candidate, fold) fits are independent
 * and run on {@code threads} threads, each fit on one thread; results do not depend on the thread count.
 */
public final class RandomizedSearch {
    private RandomizedSearch() {
    }

    /**
     * The outcome of a search.
     *
     * @param candidates every candidate in drawing order, with its fold accuracies and rank
     * @param best       the best candidate
     * @param refit      the best parameters trained on all the training data
     */
    public record Result(List<CandidateScore> candidates, CandidateScore best, SvcModel refit) {
    }

    /**
     * @param x         (N, F) standardised training features
     * @param labels    (N) class labels
     * @param space     the hyperparameter distribution
     * @param count     candidates to draw
     * @param folds     cross-validation folds
     * @param seed      drives the candidates (the folds are scikit-learn's unshuffled stratified folds)
     * @param threads   threads running the fits
     * @param className names a label in messages (e.g. a class with fewer samples than folds)
     * @param progress  told after each finished fit (its count so far); may be null
     */
    public static Result run(double[][] x, int[] labels, SearchSpace space, int count, int folds, long seed,
                             int threads, IntFunction<String> className, IntConsumer progress) {
        return run(x, labels, space, count, folds, seed, threads, className, progress, null);
    }

    /**
     * The search, its refit model with Platt probabilities when {@code probabilitySeed} is not null
     * (the seed of their internal cross-validation; the candidates are scored without them).
     */
    public static Result run(double[][] x, int[] labels, SearchSpace space, int count, int folds, long seed,
                             int threads, IntFunction<String> className, IntConsumer progress, Long probabilitySeed) {
        if (x.length != labels.length) {
            throw new IllegalArgumentException("search data has " + x.length + " rows but " + labels.length + " labels");
        }
        SvcTrainer.requireFinite(x);
        int[] assignment = StratifiedKFold.assign(labels, folds, null, className);
        List<SvcParameters> candidates = space.sample(count, seed);
        double[][] accuracies = new double[count][folds];
        AtomicInteger done = new AtomicInteger();
        // one kernel per gamma, shared by its candidates and their folds (every fold trains on a subset of x)
        Map<Double, List<Integer>> byGamma = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byGamma.computeIfAbsent(candidates.get(i).gamma(), g -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Double, List<Integer>> group : byGamma.entrySet()) {
            KernelRows kernel = new KernelRows(x, group.getKey(), KernelRows.defaultBudget(), threads);
            List<Integer> members = group.getValue();
            Pools.run(threads, "randomized search", () -> {
                IntStream.range(0, members.size() * folds).parallel().forEach(task -> {
                    int candidate = members.get(task / folds);
                    int fold = task % folds;
                    accuracies[candidate][fold] = foldAccuracy(kernel, labels, assignment, fold,
                            candidates.get(candidate));
                    int finished = done.incrementAndGet();
                    if (progress != null) {
                        progress.accept(finished);
                    }
                });
                return null;
            });
        }
        List<CandidateScore> scores = rank(candidates, accuracies);
        CandidateScore best = scores.stream().filter(s -> s.rank() == 1).findFirst().orElseThrow();
        SvcParameters refitParameters = best.parameters().withThreads(threads);
        if (probabilitySeed != null) {
            refitParameters = refitParameters.withProbability(true, probabilitySeed);
        }
        SvcModel refit = SvcTrainer.fit(x, labels, refitParameters);
        return new Result(scores, best, refit);
    }

    /**
     * Accuracy on fold {@code fold} of the model trained on the other folds.
     *
     * @param kernel     the kernel of the candidate's gamma over the whole training set
     * @param labels     (N) labels of the whole training set
     * @param assignment (N) the fold of each row
     */
    static double foldAccuracy(KernelRows kernel, int[] labels, int[] assignment, int fold, SvcParameters parameters) {
        int[] train = StratifiedKFold.rows(assignment, fold, false);
        int[] test = StratifiedKFold.rows(assignment, fold, true);
        int[] trainY = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            trainY[i] = labels[train[i]];
        }
        SvcModel model = SvcTrainer.fit(kernel, train, trainY, parameters.withThreads(1));
        int correct = 0;
        for (int r : test) {
            correct += model.predict(kernel.point(r)) == labels[r] ? 1 : 0;
        }
        return (double) correct / test.length;
    }

    private static List<CandidateScore> rank(List<SvcParameters> candidates, double[][] accuracies) {
        List<CandidateScore> unranked = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            unranked.add(new CandidateScore(candidates.get(i), accuracies[i], 0));
        }
        List<CandidateScore> out = new ArrayList<>();
        for (CandidateScore s : unranked) {
            int better = (int) unranked.stream().filter(o -> o.mean() > s.mean()).count();
            out.add(new CandidateScore(s.parameters(), s.foldAccuracies(), better + 1));
        }
        return out;
    }
}

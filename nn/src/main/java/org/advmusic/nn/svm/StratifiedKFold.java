package org.advmusic.nn.svm;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Stratified k-fold assignment, scikit-learn's {@code StratifiedKFold} algorithm: classes are numbered
 * in order of first appearance, the labels sorted by that number are dealt to the folds in turn
 * ({@code sorted[f::k]}), which fixes how many samples of each class
 * each fold gets; each class's samples then fill its fold quota in input order (or in an order
 * shuffled with a seed). Every fold thus holds about {@code 1/k} of every class.
 */
public final class StratifiedKFold {
    private StratifiedKFold() {
    }

    /**
     * @param labels    (N) class labels
     * @param folds     the number of folds k (>= 2)
     * @param seed      shuffles each class's samples when non-null; null keeps input order (scikit-learn's default)
     * @param className the name of a label, for messages
     * @return (N) the fold (0..k-1) of each sample
     * @throws IllegalArgumentException when a class has fewer samples than folds (naming the class)
     */
    public static int[] assign(int[] labels, int folds, Long seed, IntFunction<String> className) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        if (labels.length < folds) {
            throw new IllegalArgumentException(labels.length + " samples cannot be split into " + folds + " folds");
        }
        int[] classes = Arrays.stream(labels).distinct().toArray(); // in order of first appearance
        int[] counts = new int[classes.length];
        for (int c = 0; c < classes.length; c++) {
            int label = classes[c];
            counts[c] = (int) Arrays.stream(labels).filter(l -> l == label).count();
        }
        for (int c = 0; c < classes.length; c++) {
            if (counts[c] < folds) {
                throw new IllegalArgumentException("class '" + className.apply(classes[c]) + "' has " + counts[c]
                        + " samples, fewer than the " + folds + " cross-validation folds");
            }
        }
        // quota[f][c]: how many of class c's samples fold f gets (bincount of sorted[f::folds])
        int[][] quota = new int[folds][classes.length];
        int position = 0;
        for (int c = 0; c < classes.length; c++) {
            for (int i = 0; i < counts[c]; i++, position++) {
                quota[position % folds][c]++;
            }
        }
        int[] assignment = new int[labels.length];
        SplittableRandom random = seed == null ? null : new SplittableRandom(seed);
        for (int c = 0; c < classes.length; c++) {
            int label = classes[c];
            int[] foldOrder = new int[counts[c]]; // fold indices repeated by quota: 0,0,..,1,1,..
            int n = 0;
            for (int f = 0; f < folds; f++) {
                for (int q = 0; q < quota[f][c]; q++) {
                    foldOrder[n++] = f;
                }
            }
            if (random != null) {
                for (int i = foldOrder.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = foldOrder[i];
                    foldOrder[i] = foldOrder[j];
                    foldOrder[j] = t;
                }
            }
            n = 0;
            for (int r = 0; r < labels.length; r++) {
                if (labels[r] == label) {
                    assignment[r] = foldOrder[n++];
                }
            }
        }
        return assignment;
    }

    /** The rows of fold {@code fold} ({@code inFold} true) or of all other folds. */
    public static int[] rows(int[] assignment, int fold, boolean inFold) {
        return java.util.stream.IntStream.range(0, assignment.length)
                .filter(r -> (assignment[r] == fold) == inFold).toArray();
    }

    /** Helper for messages: label {@code l} named by {@code names.get(l)} when in range. */
    public static IntFunction<String> namesOf(List<String> names) {
        return l -> l >= 0 && l < names.size() ? names.get(l) : Integer.toString(l);
    }
}

package org.advmusic.attacks.waveform;

import java.util.SplittableRandom;

/**
 * A signal that a black box finds as typical as possible of one class: starting from a given
 * waveform (silence or noise), a (1 + lambda) evolution strategy searches the coefficients of a
 * {@link PerturbationBasis} (in [-1, 1]^D, the perturbation's peak within a budget) for the highest
 * margin {@code s_c - max_{j != c} s_j} of the class's score over the others. Each generation draws
 * {@code lambda} Gaussian mutations of the current best (step sigma), keeps the best child when it
 * beats its parent, and adapts sigma by the one-fifth rule (x1.5 after an improvement, x0.9 otherwise).
 * Scores only; every evaluation is one query.
 */
public final class ConfidenceMaximizer {
    private static final double SIGMA_START = 0.3;
    private static final double SIGMA_MIN = 0.01;

    private final PerturbationBasis basis;
    private final double peakDbfs;
    private final int queryBudget;
    private final int offspring;
    private final long seed;

    /**
     * @param basis       the representation searched
     * @param peakDbfs    the added signal's peak budget in dBFS
     * @param queryBudget black-box evaluations allowed (>= offspring + 1)
     * @param offspring   lambda, children per generation (>= 1)
     * @param seed        seed of the mutations
     */
    public ConfidenceMaximizer(PerturbationBasis basis, double peakDbfs, int queryBudget, int offspring, long seed) {
        if (!(peakDbfs <= 6) || offspring < 1 || queryBudget < offspring + 1) {
            throw new IllegalArgumentException("confidence maximisation: peak " + peakDbfs + " dBFS, budget " + queryBudget
                    + ", offspring " + offspring + "; expected a peak <= 6 dBFS, offspring >= 1, budget > offspring");
        }
        this.basis = basis;
        this.peakDbfs = peakDbfs;
        this.queryBudget = queryBudget;
        this.offspring = offspring;
        this.seed = seed;
    }

    /**
     * The best signal found.
     *
     * @param waveform the signal (start plus the found perturbation, clipped to [-1, 1])
     * @param margin   its margin {@code s_c - max_{j != c} s_j}
     * @param score    its score {@code s_c}
     * @param start    the margin of the starting signal
     * @param queries  evaluations spent
     */
    public record Outcome(float[] waveform, double margin, double score, double start, long queries) {
    }

    /** Maximises class {@code target}'s margin from {@code start} (not modified). */
    public Outcome run(float[] start, int target, WaveformScorer scorer) {
        PerturbedWaveformModel model = new PerturbedWaveformModel(start, basis, Math.pow(10, peakDbfs / 20), scorer);
        SplittableRandom random = new SplittableRandom(seed);
        double[] best = new double[basis.dimension()];
        double[] scores = scorer.scores(model.waveform(best));
        checkTarget(target, scores.length);
        double bestMargin = margin(scores, target);
        double bestScore = scores[target];
        double startMargin = bestMargin;
        long queries = 1;
        double sigma = SIGMA_START;
        while (queries + offspring <= queryBudget) {
            double[] generationBest = null;
            double generationMargin = Double.NEGATIVE_INFINITY;
            double generationScore = Double.NaN;
            for (int k = 0; k < offspring; k++) {
                double[] child = new double[best.length];
                for (int d = 0; d < child.length; d++) {
                    child[d] = Math.max(-1, Math.min(1, best[d] + sigma * gaussian(random)));
                }
                double[] s = scorer.scores(model.waveform(child));
                queries++;
                double m = margin(s, target);
                if (m > generationMargin) {
                    generationMargin = m;
                    generationBest = child;
                    generationScore = s[target];
                }
            }
            if (generationMargin > bestMargin) {
                best = generationBest;
                bestMargin = generationMargin;
                bestScore = generationScore;
                sigma = Math.min(1.0, sigma * 1.5);
            } else {
                sigma = Math.max(SIGMA_MIN, sigma * 0.9);
            }
        }
        return new Outcome(model.waveform(best), bestMargin, bestScore, startMargin, queries);
    }

    /** {@code s_c - max_{j != c} s_j}. */
    static double margin(double[] scores, int target) {
        double other = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < scores.length; j++) {
            if (j != target) {
                other = Math.max(other, scores[j]);
            }
        }
        return scores[target] - other;
    }

    private static void checkTarget(int target, int classes) {
        if (target < 0 || target >= classes) {
            throw new IllegalArgumentException("class " + target + " is not one of the " + classes + " classes");
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}

package org.advmusic.attacks.waveform;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A signal that a feature pipeline classifies as one class with as high a margin as it can reach,
 * within a peak budget. From silence or noise the scores of a classifier such as an RBF SVC are flat
 * (the features lie far from every support vector, every kernel is ~0), so searching on the score
 * alone moves nothing. Instead, in three stages:
 *
 * <ol>
 *   <li>aim: a point of the feature domain where the class's margin is high, given by the caller
 *       (e.g. {@link FeatureSpaceTarget}: white-box ascent on the classifier from a real example);</li>
 *   <li>match: a {@link SpectralEnvelopeSignal} (noise and partials under one spectral envelope) whose
 *       features approach that point: {@link LevenbergMarquardt} on the residual
 *       {@code features(signal) - point}, a smooth distance that is never flat, with three quarters of the
 *       budget: one step from each of three starts (noise-led at 220 Hz, partials at 110 Hz, partials at
 *       440 Hz; a non-silent start 60 dB down in each, and a fourth start with it at full level), then on
 *       from the closest;</li>
 *   <li>polish: a (1 + lambda) evolution strategy on the margin {@code s_c - max_{j != c} s_j} itself,
 *       from the evaluated signal of highest margin, with the rest of the budget (Gaussian steps of
 *       sigma times the finite-difference steps, i.e. sigma dB per level; sigma from 1, x1.5 after an
 *       improvement, x0.9 otherwise, at least 0.05).</li>
 * </ol>
 *
 * The signal is {@code clip(a start + g render(p), -1, 1)}: the start (silence or noise) is where the
 * search begins, not a fixed part of the result; when it is not silent its gain {@code a = 10^(q / 20)},
 * q in [-120, 0] dB, is one more searched parameter (0 dB at first), so that a noise floor the class
 * cannot have can be turned down. The designed part's gain {@code g <= 1} keeps the peak within
 * {@code 10^(peakDbfs / 20)} (scaled down to the headroom the start leaves). Every evaluation (one
 * feature computation) is one query. Deterministic for a seed.
 */
public final class ConfidenceMaximizer {
    private static final double POLISH_SIGMA_START = 1.0;
    private static final double POLISH_SIGMA_MIN = 0.05;
    /** Starting (harmonic dB, noise dB, pitch Hz, gain of a non-silent start in dB) of the matching runs. */
    private static final double[][] STARTS = {{-40, 0, 220, -60}, {0, -20, 110, -60}, {0, -20, 440, -60}, {-40, 0, 220, 0}};

    /** The classifier stage: features to one score per class. */
    @FunctionalInterface
    public interface FeatureScores {
        double[] scores(double[] features);
    }

    private final SpectralEnvelopeSignal signal;
    private final double peakDbfs;
    private final int queryBudget;
    private final int offspring;
    private final long seed;

    /**
     * @param signal      the representation searched
     * @param peakDbfs    the signal's peak budget in dBFS (<= 0)
     * @param queryBudget evaluations allowed (>= offspring + 1)
     * @param offspring   lambda, children per generation of the polish (>= 1)
     * @param seed        seed of the polish's mutations
     */
    public ConfidenceMaximizer(SpectralEnvelopeSignal signal, double peakDbfs, int queryBudget, int offspring, long seed) {
        if (!(peakDbfs <= 0) || offspring < 1 || queryBudget < offspring + 1) {
            throw new IllegalArgumentException("confidence maximisation: peak " + peakDbfs + " dBFS, budget " + queryBudget
                    + ", offspring " + offspring + "; expected a peak <= 0 dBFS, offspring >= 1, budget > offspring");
        }
        this.signal = signal;
        this.peakDbfs = peakDbfs;
        this.queryBudget = queryBudget;
        this.offspring = offspring;
        this.seed = seed;
    }

    /**
     * The best signal found.
     *
     * @param waveform    the signal (the start, scaled, plus the designed part)
     * @param parameters  its {@link SpectralEnvelopeSignal} parameters, then (when the start is not silent) the
     *                    start's gain in dB
     * @param margin      its margin {@code s_c - max_{j != c} s_j}
     * @param score       its score {@code s_c}
     * @param distance    the Euclidean distance of its features to the aimed point
     * @param startMargin the margin of the starting signal
     * @param queries     evaluations spent
     */
    public record Outcome(float[] waveform, double[] parameters, double margin, double score, double distance,
                          double startMargin, long queries) {
    }

    /** What one evaluation saw. */
    private record Evaluation(double[] parameters, double[] residuals, double margin, double score, double distance) {
    }

    /** Evaluates parameters and remembers the evaluation of highest margin. */
    private final class Search {
        final float[] start;
        final int target;
        final double[] aim;
        final WaveformFeatures features;
        final FeatureScores decision;
        final double startPeak;
        final boolean startGain; // whether the last parameter is the start's gain (dB)
        final double amplitude;
        long queries;
        Evaluation best;

        Search(float[] start, int target, double[] aim, WaveformFeatures features, FeatureScores decision) {
            this.start = start;
            this.target = target;
            this.aim = aim;
            this.features = features;
            this.decision = decision;
            this.startPeak = peak(start);
            this.startGain = startPeak > 0;
            this.amplitude = Math.pow(10, peakDbfs / 20);
            if (!(amplitude - startPeak > 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "confidence maximisation: the start's peak "
                        + "%.1f dBFS leaves no room under the %.1f dBFS budget", 20 * Math.log10(startPeak), peakDbfs));
            }
        }

        int dimension() {
            return signal.dimension() + (startGain ? 1 : 0);
        }

        /** The search's parameters: the signal's, then the start's gain (0 dB, bounds [-120, 0], step 1 dB). */
        double[] extend(double[] signalParameters, double startDb) {
            double[] p = Arrays.copyOf(signalParameters, dimension());
            if (startGain) {
                p[p.length - 1] = startDb;
            }
            return p;
        }

        double[] clamp(double[] parameters) {
            double[] p = extend(signal.clamp(Arrays.copyOf(parameters, signal.dimension())), 0);
            if (startGain) {
                p[p.length - 1] = Math.max(-120, Math.min(0, parameters[parameters.length - 1]));
            }
            return p;
        }

        float[] waveform(double[] parameters) {
            double[] designed = signal.render(Arrays.copyOf(parameters, signal.dimension()));
            double a = startGain ? Math.pow(10, parameters[parameters.length - 1] / 20) : 0;
            double headroom = amplitude - a * startPeak;
            double peak = 0;
            for (double v : designed) {
                peak = Math.max(peak, Math.abs(v));
            }
            double gain = peak > headroom ? headroom / peak : 1.0;
            float[] out = new float[start.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) Math.max(-1.0, Math.min(1.0, a * start[i] + gain * designed[i]));
            }
            return out;
        }

        Evaluation evaluate(double[] parameters) {
            double[] z = features.features(waveform(parameters));
            queries++;
            if (z.length != aim.length) {
                throw new IllegalArgumentException("the pipeline gives " + z.length + " features, the aimed point has "
                        + aim.length);
            }
            double[] s = decision.scores(z);
            checkTarget(target, s.length);
            double[] residuals = new double[z.length];
            double squared = 0;
            for (int f = 0; f < z.length; f++) {
                residuals[f] = z[f] - aim[f];
                squared += residuals[f] * residuals[f];
            }
            Evaluation e = new Evaluation(parameters.clone(), residuals, margin(s, target), s[target], Math.sqrt(squared));
            if (best == null || e.margin() > best.margin() || (e.margin() == best.margin() && e.distance() < best.distance())) {
                best = e;
            }
            return e;
        }
    }

    /**
     * Maximises class {@code target}'s margin from {@code start} (not modified), aiming at the feature
     * vector {@code aim} (F, in the units {@code features} returns).
     */
    public Outcome run(float[] start, int target, double[] aim, WaveformFeatures features, FeatureScores decision) {
        if (start.length != signal.samples()) {
            throw new IllegalArgumentException("start has " + start.length + " samples, the signal makes " + signal.samples());
        }
        Search search = new Search(start, target, aim, features, decision);
        double[] startScores = decision.scores(features.features(start));
        search.queries++;
        checkTarget(target, startScores.length);
        double startMargin = margin(startScores, target);
        long matching = (queryBudget - 1) * 3L / 4;
        int probe = search.dimension() + 2; // the start, one Jacobian and one step
        double[] steps = search.extend(signal.steps(), 1);
        double[] lower = search.extend(signal.lower(), -120);
        double[] upper = search.extend(signal.upper(), 0);
        LevenbergMarquardt.Result closest = null;
        for (double[] s : search.startGain ? STARTS : Arrays.copyOf(STARTS, 3)) { // the last differs only in the start's gain
            if (search.queries + probe <= 1 + matching) {
                LevenbergMarquardt.Result r = LevenbergMarquardt.minimise(p -> search.evaluate(p).residuals(),
                        search.extend(signal.start(s[0], s[1], s[2]), s[3]), steps, lower, upper, probe);
                closest = closest == null || r.cost() < closest.cost() ? r : closest;
            }
        }
        int rest = (int) Math.min(Integer.MAX_VALUE, 1 + matching - search.queries);
        if (closest != null && rest >= 1) {
            LevenbergMarquardt.minimise(p -> search.evaluate(p).residuals(), closest.parameters(), steps, lower, upper, rest);
        }
        if (search.best == null) {
            search.evaluate(search.extend(signal.start(STARTS[0][0], STARTS[0][1], STARTS[0][2]), STARTS[0][3]));
        }
        polish(search);
        Evaluation best = search.best;
        return new Outcome(search.waveform(best.parameters()), best.parameters(), best.margin(), best.score(),
                best.distance(), startMargin, search.queries);
    }

    /** (1 + lambda) evolution strategy on the margin from the best evaluation, with the rest of the budget. */
    private void polish(Search search) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] steps = search.extend(signal.steps(), 1);
        double sigma = POLISH_SIGMA_START;
        while (search.queries + offspring <= queryBudget) {
            Evaluation parent = search.best;
            double before = parent.margin();
            for (int k = 0; k < offspring; k++) {
                double[] child = parent.parameters().clone();
                for (int d = 0; d < child.length; d++) {
                    child[d] += sigma * steps[d] * gaussian(random);
                }
                search.evaluate(search.clamp(child));
            }
            sigma = search.best.margin() > before ? Math.min(4.0, sigma * 1.5) : Math.max(POLISH_SIGMA_MIN, sigma * 0.9);
        }
    }

    /** {@code s_c - max_{j != c} s_j}: how far class {@code target} leads the strongest other class. */
    public static double margin(double[] scores, int target) {
        double other = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < scores.length; j++) {
            if (j != target) {
                other = Math.max(other, scores[j]);
            }
        }
        return scores[target] - other;
    }

    private static double peak(float[] waveform) {
        double peak = 0;
        for (float v : waveform) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
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

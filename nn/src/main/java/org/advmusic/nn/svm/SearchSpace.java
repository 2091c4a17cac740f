package org.advmusic.nn.svm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The randomized search's distribution of hyperparameters: C uniform on {@code [cLow, cHigh)}
 * (the seed's {@code scipy.stats.uniform(0.1, 20)} is [0.1, 20.1)), gamma drawn uniformly from a list.
 *
 * @param cLow   lower end of C (> 0)
 * @param cHigh  upper end of C (> cLow)
 * @param gammas candidate gammas (each > 0)
 */
public record SearchSpace(double cLow, double cHigh, List<Double> gammas) {

    public SearchSpace {
        gammas = List.copyOf(gammas);
        if (!(cLow > 0) || !(cHigh > cLow) || Double.isInfinite(cHigh)) {
            throw new IllegalArgumentException("C range [" + cLow + ", " + cHigh + ") must be positive and non-empty");
        }
        if (gammas.isEmpty()) {
            throw new IllegalArgumentException("the search needs at least one gamma");
        }
        for (double gamma : gammas) {
            SvcParameters.of(1, gamma); // validates
        }
    }

    /** The seed study's space: C ~ U(0.1, 20.1), gamma in {0.1, 1, 10, 100}. */
    public static SearchSpace seedStudy() {
        return new SearchSpace(0.1, 20.1, List.of(0.1, 1.0, 10.0, 100.0));
    }

    /** {@code count} candidates drawn with {@code seed} (C then gamma per candidate). */
    public List<SvcParameters> sample(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("the search needs at least one candidate, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<SvcParameters> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double c = cLow + (cHigh - cLow) * random.nextDouble();
            double gamma = gammas.get(random.nextInt(gammas.size()));
            out.add(SvcParameters.of(c, gamma));
        }
        return out;
    }
}

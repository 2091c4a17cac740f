package org.advmusic.defenses.adversarial;

import java.util.SplittableRandom;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.train.LabeledData;

/**
 * A two-class problem in the unit box where standard and adversarial training learn different
 * things (after Tsipras et al. 2019): feature 0 is robust (0.5 +- 0.4 towards the class, right 90% of
 * the time); features 1..d are individually weak but together nearly perfect (0.5 +- 0.05 towards
 * the class plus noise), and an Linf perturbation of 0.1 can flip all of them at once.
 */
final class RobustFeatureProblem {
    static final int WEAK_FEATURES = 40;

    private RobustFeatureProblem() {
    }

    static LabeledData generate(Backend backend, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int features = WEAK_FEATURES + 1;
        double[] x = new double[samples * features];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = i % 2;
            double sign = labels[i] == 1 ? 1 : -1;
            double robust = random.nextDouble() < 0.9 ? sign : -sign;
            x[i * features] = 0.5 + 0.4 * robust;
            for (int j = 1; j < features; j++) {
                x[i * features + j] = Math.min(1, Math.max(0, 0.5 + 0.05 * sign + 0.1 * random.nextGaussian()));
            }
        }
        return new LabeledData(Tensor.fromArray(backend, x, samples, features), labels);
    }
}

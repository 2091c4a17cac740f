package org.advmusic.defenses.squeezing;

import java.util.SplittableRandom;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.train.LabeledData;

/**
 * Four classes of 1x8x8 linear ramps in the unit box, rising towards one of the four diagonal
 * directions, with a random level and a little noise. A median filter leaves a linear ramp (almost)
 * unchanged but removes FGSM's pixel-wise sign noise, so squeezing detects FGSM; an attacker who
 * knows the detector can instead use smooth perturbations that survive the filter (He et al. 2017).
 */
final class RampImages {
    static final int SIDE = 8;
    static final double SLOPE = 0.25;

    private RampImages() {
    }

    static LabeledData generate(Backend backend, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[samples * SIDE * SIDE];
        int[] labels = new int[samples];
        for (int n = 0; n < samples; n++) {
            labels[n] = n % 4;
            double angle = Math.PI / 4 + labels[n] * Math.PI / 2;
            double level = 0.35 + 0.3 * random.nextDouble();
            for (int i = 0; i < SIDE; i++) {
                for (int j = 0; j < SIDE; j++) {
                    double u = i / (SIDE - 1.0) - 0.5;
                    double v = j / (SIDE - 1.0) - 0.5;
                    double value = level + SLOPE * (Math.cos(angle) * u + Math.sin(angle) * v) + 0.01 * random.nextGaussian();
                    x[(n * SIDE + i) * SIDE + j] = Math.min(1, Math.max(0, value));
                }
            }
        }
        return new LabeledData(Tensor.fromArray(backend, x, samples, 1, SIDE, SIDE), labels);
    }
}

package org.advmusic.attacks.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.advmusic.engine.Backends;
import org.advmusic.nn.svm.SvcDecisionClassifier;
import org.advmusic.nn.svm.SvcModel;
import org.advmusic.nn.svm.SvcParameters;
import org.advmusic.nn.svm.SvcTrainer;
import org.junit.jupiter.api.Test;

/** The aimed point on an RBF SVC of three overlapping blobs in the plane. */
class FeatureSpaceTargetTest {
    private static final double[][] CENTRES = {{0, 0}, {1.5, 0}, {0.75, 1.2}};

    private static SvcModel model() {
        SplittableRandom random = new SplittableRandom(11);
        double[][] x = new double[90][];
        int[] y = new int[90];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 3;
            x[i] = new double[] {CENTRES[y[i]][0] + random.nextGaussian() * 0.6, CENTRES[y[i]][1] + random.nextGaussian() * 0.6};
        }
        return SvcTrainer.fit(x, y, SvcParameters.of(5.0, 1.0));
    }

    @Test
    void startsAtTheBestCandidateAndClimbsWithinTheRadiusAndTheBox() {
        SvcModel model = model();
        SvcDecisionClassifier classifier = new SvcDecisionClassifier(model, Backends.reference());
        int[] starts = model.classStarts();
        for (int c = 0; c < 3; c++) {
            int cls = c;
            double[][] candidates = Arrays.copyOfRange(model.supportVectors(), starts[cls], starts[cls + 1]);
            double bestCandidate = Arrays.stream(candidates)
                    .mapToDouble(v -> ConfidenceMaximizer.margin(model.decisionFunction(v), cls)).max()
                    .orElseThrow();
            double[] lower = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] upper = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (double[] v : model.supportVectors()) { // the box: the range of all support vectors
                for (int f = 0; f < 2; f++) {
                    lower[f] = Math.min(lower[f], v[f]);
                    upper[f] = Math.max(upper[f], v[f]);
                }
            }
            FeatureSpaceTarget.Result result = FeatureSpaceTarget.find(classifier, candidates, cls, lower, upper, 0.5, 20);
            assertEquals(bestCandidate, result.start(), 1e-9, "class " + cls);
            assertTrue(result.margin() >= result.start(), "class " + cls + ": " + result);
            assertEquals(result.margin(), ConfidenceMaximizer.margin(model.decisionFunction(result.point()), cls), 1e-9);
            double nearest = Arrays.stream(candidates).mapToDouble(v -> Math.max(Math.abs(v[0] - result.point()[0]),
                    Math.abs(v[1] - result.point()[1]))).min().orElseThrow();
            assertTrue(nearest <= 0.5 + 1e-12, "Linf distance to the candidates " + nearest);
            for (int f = 0; f < 2; f++) {
                assertTrue(result.point()[f] >= lower[f] && result.point()[f] <= upper[f], Arrays.toString(result.point()));
            }
        }
    }

    @Test
    void theAscentClimbsFromAPointBelowTheRidge() {
        SvcModel model = model();
        FeatureSpaceTarget.Result result = FeatureSpaceTarget.find(new SvcDecisionClassifier(model, Backends.reference()),
                new double[][] {{0.4, -0.6}}, 0, new double[] {-5, -5}, new double[] {5, 5}, 0.5, 20);
        assertTrue(result.margin() > result.start() + 0.1, result.toString());
        assertTrue(Math.abs(result.point()[0] - 0.4) <= 0.5 + 1e-12 && Math.abs(result.point()[1] + 0.6) <= 0.5 + 1e-12,
                Arrays.toString(result.point()));
    }

    @Test
    void zeroRadiusKeepsTheCandidateAndBadArgumentsAreNamed() {
        SvcModel model = model();
        SvcDecisionClassifier classifier = new SvcDecisionClassifier(model, Backends.reference());
        double[][] candidates = {{0.1, 0.1}, {1.4, 0.1}};
        FeatureSpaceTarget.Result kept = FeatureSpaceTarget.find(classifier, candidates, 1, new double[] {-5, -5},
                new double[] {5, 5}, 0.0, 5);
        assertTrue(Arrays.equals(candidates[1], kept.point()), Arrays.toString(kept.point()));
        assertEquals(kept.start(), kept.margin(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSpaceTarget.find(classifier,
                candidates, 3, new double[] {-5, -5}, new double[] {5, 5}, 0.5, 5));
        assertTrue(e.getMessage().contains("class 3"), e.getMessage());
    }
}

package org.advmusic.nn.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Platt probabilities against scikit-learn 1.2.1 (fixture {@code platt.json}, made by
 * {@code make_platt_fixtures.py}): the sigmoid fit against {@code sklearn.calibration._sigmoid_calibration}
 * on fixed decision values, and, given scikit-learn's probA/probB, {@code predict_proba} (sigmoids and
 * pairwise coupling) on the fixtures' test points.
 */
class PlattProbabilityTest {
    private static final double TOLERANCE = 1e-4;

    private static JsonNode fixture() throws IOException {
        try (InputStream in = PlattProbabilityTest.class.getResourceAsStream("/svm/platt.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void sigmoidFitIsScikitLearnsPlattCalibration() throws IOException {
        for (JsonNode c : fixture().get("sigmoid")) {
            double[] decisions = SklearnFixture.doubles(c.get("decision_values"));
            int[] labels = SklearnFixture.ints(c.get("labels"));
            boolean[] positive = new boolean[labels.length];
            for (int i = 0; i < labels.length; i++) {
                positive[i] = labels[i] > 0;
            }
            double[] ab = PlattScaling.fit(decisions, positive);
            assertEquals(c.get("A").asDouble(), ab[0], TOLERANCE, "A of " + labels.length + " values");
            assertEquals(c.get("B").asDouble(), ab[1], TOLERANCE, "B of " + labels.length + " values");
        }
    }

    @Test
    void givenScikitLearnsSigmoidsProbabilitiesAreItsPredictProba() throws IOException {
        for (JsonNode c : fixture().get("coupling")) {
            String name = c.get("fixture").asText();
            SklearnFixture data = SklearnFixture.load(name);
            SvcModel model = SvcTrainer.fit(data.xTrain(), data.yTrain(),
                    SvcParameters.of(c.get("C").asDouble(), c.get("gamma").asDouble()))
                    .withProbabilities(SklearnFixture.doubles(c.get("probA")), SklearnFixture.doubles(c.get("probB")));
            double[][] expected = SklearnFixture.matrix(c.get("predict_proba"));
            for (int n = 0; n < expected.length; n++) {
                assertArrayEquals(expected[n], model.predictProbabilities(data.xTest()[n]), TOLERANCE,
                        name + " C=" + c.get("C") + ": test point " + n);
            }
        }
    }

    @Test
    void ownCalibrationIsCloseToScikitLearnsAndLeavesTheClassifierAlone() throws IOException {
        JsonNode c = fixture().get("coupling").get(0); // three-class, C 1, gamma 0.5
        SklearnFixture data = SklearnFixture.load("three-class");
        SvcParameters parameters = SvcParameters.of(c.get("C").asDouble(), c.get("gamma").asDouble());
        SvcModel plain = SvcTrainer.fit(data.xTrain(), data.yTrain(), parameters);
        SvcModel calibrated = SvcTrainer.fit(data.xTrain(), data.yTrain(), parameters.withProbability(true, 7L).withThreads(2));
        assertFalse(plain.hasProbabilities());
        assertTrue(calibrated.hasProbabilities());
        assertArrayEquals(plain.supportIndices(), calibrated.supportIndices());
        assertArrayEquals(plain.rho(), calibrated.rho(), 0.0);
        SvcModel again = SvcTrainer.fit(data.xTrain(), data.yTrain(), parameters.withProbability(true, 7L));
        assertArrayEquals(calibrated.probA(), again.probA(), 0.0, "the same seed gives the same sigmoids");
        double[][] expected = SklearnFixture.matrix(c.get("predict_proba"));
        double totalDifference = 0;
        for (int n = 0; n < expected.length; n++) {
            double[] p = calibrated.predictProbabilities(data.xTest()[n]);
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-9, "probabilities of test point " + n + " sum to 1");
            for (int k = 0; k < 3; k++) {
                totalDifference += Math.abs(p[k] - expected[n][k]);
            }
        }
        double meanDifference = totalDifference / (3 * expected.length);
        assertTrue(meanDifference < 0.03, "mean |p - scikit-learn's p| = " + meanDifference
                + " (different cross-validation shuffles, the same method)");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> plain.predictProbabilities(data.xTest()[0]));
        assertTrue(e.getMessage().contains("probabilit"), e.getMessage());
    }

    @Test
    void checkpointKeepsTheSigmoids(@TempDir Path dir) throws IOException {
        SklearnFixture data = SklearnFixture.load("binary");
        SvcModel model = SvcTrainer.fit(data.xTrain(), data.yTrain(), SvcParameters.of(2.0, 0.3).withProbability(true, 3L));
        int features = data.xTrain()[0].length;
        List<String> featureNames = java.util.stream.IntStream.range(0, features).mapToObj(f -> "f" + f).toList();
        FeatureScaler identity = new FeatureScaler(new double[features], filled(features, 1.0));
        SvcCheckpoint checkpoint = new SvcCheckpoint(model, List.of("a", "b"), featureNames, identity);
        Path file = dir.resolve("model.safetensors");
        checkpoint.save(file);
        SvcModel loaded = SvcCheckpoint.load(file).model();
        assertArrayEquals(model.probA(), loaded.probA(), 0.0);
        assertArrayEquals(model.probB(), loaded.probB(), 0.0);
        assertArrayEquals(model.predictProbabilities(data.xTest()[0]), loaded.predictProbabilities(data.xTest()[0]), 0.0);
    }

    private static double[] filled(int n, double value) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, value);
        return out;
    }
}

package org.advmusic.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Shape;
import org.advmusic.nn.TestData;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.metrics.Metrics;
import org.advmusic.nn.models.Mlp;
import org.junit.jupiter.api.Test;

class InferenceTest {
    private final LabeledData data = TestData.gaussianMixture(TestData.BACKEND, 23, 3, 4, 1, 2);
    private final Mlp model = new Mlp(Shape.of(4), 3, new Mlp.Options(List.of(8), 0.5, true), TestData.BACKEND, 3);

    @Test
    void batchedInferenceEqualsOneEvaluationPassAndRestoresTheMode() {
        double[][] logits = Inference.logits(model, data.inputs(), 5);
        assertTrue(model.isTraining(), "the training mode is restored");

        model.eval();
        double[] whole;
        try (var noGrad = Autograd.noGrad()) {
            whole = model.forward(data.inputs()).toDoubleArray();
        }
        for (int i = 0; i < 23; i++) {
            assertArrayEquals(Arrays.copyOfRange(whole, 3 * i, 3 * i + 3), logits[i], 1e-12);
        }
    }

    @Test
    void logProbabilitiesAreNormalisedAndEvaluationAgreesWithMetrics() {
        double[][] logProbabilities = Inference.logProbabilities(model, data.inputs(), 7);
        for (double[] row : logProbabilities) {
            assertEquals(1.0, Math.exp(row[0]) + Math.exp(row[1]) + Math.exp(row[2]), 1e-12);
        }
        Inference.Evaluation evaluation = Inference.evaluate(model, data, new CrossEntropyLoss(), 4);
        assertEquals(Metrics.accuracy(data.labels(), Metrics.argmaxRows(logProbabilities)), evaluation.accuracy(), 1e-15);
        double meanLoss = 0;
        for (int i = 0; i < 23; i++) {
            meanLoss -= logProbabilities[i][data.labels()[i]] / 23;
        }
        assertEquals(meanLoss, evaluation.loss(), 1e-12);
    }
}

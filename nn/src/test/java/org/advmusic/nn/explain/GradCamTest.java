package org.advmusic.nn.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.UpsampleBilinear;
import org.advmusic.engine.testing.TestTensors;
import org.junit.jupiter.api.Test;

/** Grad-CAM and Grad-CAM++ on the hand-made {@link RegionModel}: where the map lies and what its weights are. */
class GradCamTest {
    private final Backend backend = Backends.reference();
    private final RegionModel model = new RegionModel(backend);
    private final Tensor inputs = TestTensors.uniform(backend, 11, 0, 2, 3, 1, RegionModel.HEIGHT, RegionModel.WIDTH);

    @Test
    void theMapPeaksInsideTheOnlyRegionTheScoreDependsOn() {
        for (CamMethod method : CamMethod.values()) {
            CamResult result = new GradCam(model, RegionModel.LAYER, method).explain(inputs, new int[] {0, 0, 0});
            for (int n = 0; n < result.size(); n++) {
                double[][] map = result.map(n);
                int[] peak = argmax(map);
                assertTrue(RegionModel.insideRegion(peak[0], peak[1]), method + ": peak at " + peak[0] + "," + peak[1]);
                double inside = 0;
                double total = 0;
                for (int i = 0; i < map.length; i++) {
                    for (int j = 0; j < map[i].length; j++) {
                        total += map[i][j];
                        inside += RegionModel.insideRegion(i, j) ? map[i][j] : 0;
                    }
                }
                assertTrue(total > 0 && inside / total > 0.8, method + ": share inside " + inside / total);
            }
        }
    }

    @Test
    void gradCamWeightsAreTheMeanOfFiniteDifferenceGradients() {
        CamResult result = new GradCam(model, RegionModel.LAYER, CamMethod.GRAD_CAM).explain(inputs, new int[] {0, 1, 2});
        for (int n = 0; n < 3; n++) {
            double[][] gradient = finiteDifferenceGradient(n, result.classes()[n]); // [channel][position]
            for (int k = 0; k < 2; k++) {
                double mean = Arrays.stream(gradient[k]).average().orElseThrow();
                assertEquals(mean, result.channelWeights().get(n, k), 1e-8, "sample " + n + " channel " + k);
            }
        }
    }

    @Test
    void gradCamPlusPlusWeightsFollowTheClosedFormOnFiniteDifferenceGradients() {
        CamResult result = new GradCam(model, RegionModel.LAYER, CamMethod.GRAD_CAM_PLUS_PLUS)
                .explain(inputs, new int[] {0, 1, 2});
        for (int n = 0; n < 3; n++) {
            double[][] gradient = finiteDifferenceGradient(n, result.classes()[n]);
            double[][] activation = activation(n);
            for (int k = 0; k < 2; k++) {
                double activationSum = Arrays.stream(activation[k]).sum();
                double expected = 0;
                for (double g : gradient[k]) {
                    double denominator = 2 * g * g + activationSum * g * g * g;
                    double alpha = Math.abs(g) < 1e-9 ? 0 : g * g / denominator; // FD leaves ~1e-11 where g is 0
                    expected += alpha * Math.max(g, 0);
                }
                assertEquals(expected, result.channelWeights().get(n, k), 1e-6, "sample " + n + " channel " + k);
            }
        }
    }

    @Test
    void theMapIsTheRectifiedWeightedSumUpsampledAndItsDisplayVersionSpansZeroToOne() {
        CamResult result = new GradCam(model, RegionModel.LAYER, CamMethod.GRAD_CAM).explain(inputs, new int[] {0, 0, 0});
        try (MemoryScope ignored = MemoryScope.open()) {
            Tensor features = model.forward(inputs, Set.of(RegionModel.LAYER)).activation(RegionModel.LAYER); // (3, 2, 8, 6)
            Tensor coarse = features.mul(result.channelWeights().reshape(3, 2, 1, 1)).sum(true, 1).relu();
            Tensor expected = UpsampleBilinear.apply(coarse, 16, 12).reshape(3, 16, 12);
            assertArrayEquals(expected.toDoubleArray(), result.maps().toDoubleArray(), 1e-12);
        }
        for (int n = 0; n < 3; n++) {
            double[][] raw = result.map(n);
            double[][] display = result.normalizedMap(n);
            double max = Arrays.stream(raw).flatMapToDouble(Arrays::stream).max().orElseThrow();
            double min = Arrays.stream(raw).flatMapToDouble(Arrays::stream).min().orElseThrow();
            assertTrue(max > min, "sample " + n + " has a constant map");
            for (int i = 0; i < raw.length; i++) {
                for (int j = 0; j < raw[i].length; j++) {
                    assertEquals((raw[i][j] - min) / (max - min), display[i][j], 1e-12);
                }
            }
        }
    }

    @Test
    void aMapWithNoPositiveEvidenceIsZeroAndSoIsItsDisplayVersion() {
        // class 1 falls as the region's activations grow: every Grad-CAM weight is negative
        CamResult result = new GradCam(model, RegionModel.LAYER, CamMethod.GRAD_CAM).explain(inputs, new int[] {1, 1, 1});
        for (double w : result.channelWeights().toDoubleArray()) {
            assertTrue(w < 0, "weight " + w);
        }
        for (double v : result.normalizedMaps().toDoubleArray()) {
            assertEquals(0.0, v);
        }
        assertEquals(0.0, result.maps().max(false).item());
    }

    @Test
    void scoresProbabilitiesAndPredictionsComeFromTheLogits() {
        CamResult result = new GradCam(model, RegionModel.LAYER, CamMethod.GRAD_CAM).explainPredicted(inputs);
        Tensor logits = model.forward(inputs);
        assertArrayEquals(logits.argmaxLastAxis(), result.predictions());
        assertArrayEquals(result.predictions(), result.classes());
        Tensor probabilities = logits.softmax(-1);
        for (int n = 0; n < 3; n++) {
            assertEquals(logits.get(n, result.classes()[n]), result.scores()[n], 1e-12);
            assertEquals(probabilities.get(n, result.classes()[n]), result.probabilities()[n], 1e-12);
        }
        assertEquals(RegionModel.LAYER, result.layer());
        assertEquals(Shape.of(3, 16, 12), result.maps().shape());
        assertEquals(Shape.of(3, 2), result.channelWeights().shape());
    }

    @Test
    void differentClassesGiveDifferentMapsForTheSameInput() {
        GradCam gradCam = new GradCam(model, RegionModel.LAYER, CamMethod.GRAD_CAM);
        CamResult class0 = gradCam.explain(inputs, new int[] {0, 0, 0});
        CamResult class2 = gradCam.explain(inputs, new int[] {2, 2, 2});
        assertNotEquals(class0.channelWeights().get(0, 0), class2.channelWeights().get(0, 0));
    }

    /** d y_c / d A for sample n by central differences through the model's head: [channel][position]. */
    private double[][] finiteDifferenceGradient(int n, int c) {
        double[] a = flatActivation(n);
        double[][] gradient = new double[2][48];
        double h = 1e-6;
        for (int p = 0; p < a.length; p++) {
            double saved = a[p];
            a[p] = saved + h;
            double plus = classScore(a, c);
            a[p] = saved - h;
            double minus = classScore(a, c);
            a[p] = saved;
            gradient[p / 48][p % 48] = (plus - minus) / (2 * h);
        }
        return gradient;
    }

    private double classScore(double[] activation, int c) {
        try (MemoryScope ignored = MemoryScope.open()) {
            return model.logitsOf(Tensor.fromArray(backend, activation, 1, 2, 8, 6)).get(0, c);
        }
    }

    private double[] flatActivation(int n) {
        try (MemoryScope ignored = MemoryScope.open()) {
            return model.forward(inputs.selectRowsDetached(n), Set.of(RegionModel.LAYER)).activation(RegionModel.LAYER)
                    .toDoubleArray();
        }
    }

    private double[][] activation(int n) {
        double[] a = flatActivation(n);
        return new double[][] {Arrays.copyOfRange(a, 0, 48), Arrays.copyOfRange(a, 48, 96)};
    }

    private static int[] argmax(double[][] map) {
        int[] best = {0, 0};
        for (int i = 0; i < map.length; i++) {
            for (int j = 0; j < map[i].length; j++) {
                if (map[i][j] > map[best[0]][best[1]]) {
                    best = new int[] {i, j};
                }
            }
        }
        return best;
    }
}

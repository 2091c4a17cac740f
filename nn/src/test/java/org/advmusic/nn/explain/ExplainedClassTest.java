package org.advmusic.nn.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.TestTensors;
import org.junit.jupiter.api.Test;

/** The Grad-CAM class choice: true class, predicted class, or both. */
class ExplainedClassTest {
    private final Backend backend = Backends.reference();
    private final RegionModel model = new RegionModel(backend);
    private final Tensor inputs = TestTensors.uniform(backend, 11, 0, 2, 3, 1, RegionModel.HEIGHT, RegionModel.WIDTH);
    private final GradCam cam = new GradCam(model, RegionModel.LAYER, CamMethod.GRAD_CAM);

    @Test
    void bothExplainsTheLabelAndThePredictionAndTheyAgreeWhereTheModelIsRight() {
        int[] predictions = cam.explainPredicted(inputs).predictions();
        int[] labels = {predictions[0], (predictions[1] + 1) % 3, predictions[2]}; // sample 1 is a "natural failure"

        ClassMaps maps = cam.explain(inputs, labels, ExplainedClass.BOTH);

        assertArrayEquals(labels, maps.trueClass().classes());
        assertArrayEquals(predictions, maps.predictedClass().classes());
        for (int n : new int[] {0, 2}) {
            assertTrue(Arrays.deepEquals(maps.trueClass().map(n), maps.predictedClass().map(n)), "sample " + n);
        }
        assertTrue(!Arrays.deepEquals(maps.trueClass().map(1), maps.predictedClass().map(1)),
                "a misclassified sample's two maps differ");
    }

    @Test
    void aSingleChoiceComputesOnlyItsMaps() {
        int[] labels = {0, 1, 2};
        ClassMaps truth = cam.explain(inputs, labels, ExplainedClass.TRUE);
        ClassMaps predicted = cam.explain(inputs, labels, ExplainedClass.PREDICTED);

        assertArrayEquals(labels, truth.primary().classes());
        assertNull(truth.predictedClass());
        assertNull(predicted.trueClass());
        assertArrayEquals(predicted.primary().predictions(), predicted.primary().classes());
    }

    @Test
    void configNamesParse() {
        assertEquals(ExplainedClass.PREDICTED, ExplainedClass.parse("predicted"));
        assertEquals(ExplainedClass.BOTH, ExplainedClass.parse(" Both"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExplainedClass.parse("label"));
        assertTrue(e.getMessage().contains("'label'") && e.getMessage().contains("predicted"), e.getMessage());
    }
}

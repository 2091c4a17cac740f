package org.advmusic.nn.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.TestTensors;
import org.advmusic.nn.Model;
import org.advmusic.nn.Parameter;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.models.ResNet18;
import org.junit.jupiter.api.Test;

/** What Grad-CAM promises about the model, batching, memory and bad input, on narrow seed models. */
class GradCamContractTest {
    private final Backend backend = Backends.reference();
    private final GenreCnn cnn = new GenreCnn(Shape.of(1, 16, 16), 3, 0.25, backend, 5);
    private final Tensor inputs = TestTensors.uniform(backend, 21, 0, 1, 4, 1, 16, 16);

    @Test
    void aBatchGivesTheSameMapsAsOneSampleAtATime() {
        cnn.train(); // batch statistics would couple the samples: Grad-CAM must run in evaluation mode
        for (CamMethod method : CamMethod.values()) {
            GradCam gradCam = GradCam.onDefaultLayer(cnn, method);
            int[] classes = {0, 1, 2, 1};
            CamResult batch = gradCam.explain(inputs, classes);
            assertTrue(batch.maps().max(false).item() > 0, method + ": every map is zero, the comparison would be empty");
            for (int n = 0; n < classes.length; n++) {
                CamResult single = gradCam.explain(inputs.selectRowsDetached(n), new int[] {classes[n]});
                assertArrayEquals(single.maps().toDoubleArray(), batch.maps().selectRowsDetached(n).toDoubleArray(), 1e-12);
                assertArrayEquals(single.normalizedMaps().toDoubleArray(),
                        batch.normalizedMaps().selectRowsDetached(n).toDoubleArray(), 1e-9);
                assertArrayEquals(single.channelWeights().toDoubleArray(),
                        batch.channelWeights().selectRowsDetached(n).toDoubleArray(), 1e-12);
                assertEquals(single.scores()[0], batch.scores()[n], 1e-12);
            }
        }
    }

    @Test
    void theModelsModesStateAndGradientsAreUntouched() {
        cnn.train();
        cnn.namedModules().get("features.1").eval(); // a mixed mode must come back as it was
        cnn.forward(inputs).sum().backward();         // gradients that an optimizer has yet to use
        Map<String, double[]> state = snapshot(cnn.stateDict());
        Map<String, double[]> gradients = new LinkedHashMap<>();
        cnn.namedParameters().forEach((name, p) -> gradients.put(name, p.grad().toDoubleArray()));
        Map<String, Boolean> modes = new LinkedHashMap<>();
        cnn.namedModules().forEach((path, m) -> modes.put(path, m.isTraining()));

        GradCam.onDefaultLayer(cnn, CamMethod.GRAD_CAM_PLUS_PLUS).explainPredicted(inputs);
        Faithfulness.measure(cnn, inputs, GradCam.onDefaultLayer(cnn, CamMethod.GRAD_CAM).explainPredicted(inputs),
                0.1, 0.0, 1);

        Map<String, Boolean> modesAfter = new LinkedHashMap<>();
        cnn.namedModules().forEach((path, m) -> modesAfter.put(path, m.isTraining()));
        assertEquals(modes, modesAfter);
        Map<String, double[]> stateAfter = snapshot(cnn.stateDict());
        state.forEach((name, values) -> assertArrayEquals(values, stateAfter.get(name), name));
        cnn.namedParameters().forEach((name, p) -> assertArrayEquals(gradients.get(name), p.grad().toDoubleArray(), name));
    }

    @Test
    void parametersWithoutGradientsStayWithout() {
        GradCam.onDefaultLayer(cnn, CamMethod.GRAD_CAM).explainPredicted(inputs);
        for (Parameter p : cnn.parameters()) {
            assertNull(p.grad());
        }
    }

    @Test
    void onlyTheResultsOutliveTheCall() {
        try (MemoryScope scope = MemoryScope.open()) {
            CamResult result = GradCam.onDefaultLayer(cnn, CamMethod.GRAD_CAM).explainPredicted(inputs);
            assertEquals(3, scope.ownedBuffers(), "maps, display maps and channel weights");
            result.map(0);
            Faithfulness.measure(cnn, inputs, result, 0.2, 0.0, 3);
            assertEquals(3, scope.ownedBuffers());
            result.release();
            assertEquals(0, scope.ownedBuffers());
        }
    }

    @Test
    void theDefaultLayersAreTheLastConvolutionBlockAndTheLastResNetStage() {
        assertEquals(GradCam.GENRE_CNN_LAYER, GradCam.defaultLayer(cnn));
        CamResult cnnResult = GradCam.onDefaultLayer(cnn, CamMethod.GRAD_CAM).explainPredicted(inputs.selectRowsDetached(0, 1));
        assertEquals(Shape.of(2, 16, 16), cnnResult.maps().shape());
        assertEquals(Shape.of(2, 64), cnnResult.channelWeights().shape()); // the last block of the quarter-width network

        ResNet18 resNet = new ResNet18(Shape.of(1, 64, 32), 3, backend, 2);
        assertEquals(GradCam.RESNET18_LAYER, GradCam.defaultLayer(resNet));
        CamResult resNetResult = GradCam.onDefaultLayer(resNet, CamMethod.GRAD_CAM)
                .explainPredicted(TestTensors.uniform(backend, 4, 0, 1, 1, 1, 64, 32));
        assertEquals(Shape.of(1, 64, 32), resNetResult.maps().shape());
        assertEquals(Shape.of(1, ResNet18.WIDTHS[3]), resNetResult.channelWeights().shape());
    }

    @Test
    void aModelWithoutASpatialLayerHasNoDefault() {
        Model mlp = new Mlp(Shape.of(6), 3, new Mlp.Options(List.of(4), 0.0, false), backend, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradCam.defaultLayer(mlp));
        assertTrue(e.getMessage().contains("'Mlp'"), e.getMessage());
    }

    @Test
    void anUnknownLayerIsReportedWithTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradCam(cnn, "features.9.relu2", CamMethod.GRAD_CAM));
        assertTrue(e.getMessage().contains("'features.9.relu2'") && e.getMessage().contains("features.3.relu2")
                && e.getMessage().contains("classifier.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GradCam(cnn, "", CamMethod.GRAD_CAM));
    }

    @Test
    void aLayerWithoutFeatureMapsIsRejected() {
        GradCam dense = new GradCam(cnn, "classifier.0", CamMethod.GRAD_CAM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dense.explainPredicted(inputs));
        assertTrue(e.getMessage().contains("'classifier.0'") && e.getMessage().contains("(4, 512)"), e.getMessage());
    }

    @Test
    void classesMustFitTheBatchAndTheModel() {
        GradCam gradCam = GradCam.onDefaultLayer(cnn, CamMethod.GRAD_CAM);
        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> gradCam.explain(inputs, new int[] {0, 1, 3, 0}));
        assertTrue(outOfRange.getMessage().contains("class 3 of sample 2") && outOfRange.getMessage().contains("[0, 3)"),
                outOfRange.getMessage());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> gradCam.explain(inputs, new int[] {0, 1}));
        assertTrue(mismatch.getMessage().contains("2 classes for a batch of 4"), mismatch.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> gradCam.explainPredicted(Tensor.zeros(backend, Shape.of(4, 256))));
        assertTrue(flat.getMessage().contains("(4, 256)"), flat.getMessage());
    }

    @Test
    void gradientRecordingMustBeOn() {
        GradCam gradCam = GradCam.onDefaultLayer(cnn, CamMethod.GRAD_CAM);
        try (Autograd.NoGradScope ignored = Autograd.noGrad()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> gradCam.explainPredicted(inputs));
            assertTrue(e.getMessage().contains("noGrad"), e.getMessage());
        }
        assertFalse(gradCam.explainPredicted(inputs).maps().requiresGrad());
    }

    private static Map<String, double[]> snapshot(Map<String, Tensor> state) {
        Map<String, double[]> out = new LinkedHashMap<>();
        state.forEach((name, t) -> out.put(name, t.toDoubleArray()));
        return out;
    }
}

package org.advmusic.nn.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.TestTensors;
import org.junit.jupiter.api.Test;

/** The deletion test on the {@link RegionModel}, whose scores depend only on one region of the input. */
class FaithfulnessTest {
    private final Backend backend = Backends.reference();
    private final RegionModel model = new RegionModel(backend);
    private final Tensor inputs = TestTensors.uniform(backend, 31, 0, 2, 6, 1, RegionModel.HEIGHT, RegionModel.WIDTH);
    private final CamResult cams = new GradCam(model, RegionModel.LAYER, CamMethod.GRAD_CAM)
            .explain(inputs, new int[] {0, 0, 0, 0, 0, 0});

    @Test
    void removingTheAttendedRegionLowersConfidenceMoreThanARandomRegion() {
        Faithfulness result = Faithfulness.measure(model, inputs, cams, 0.1, 0.0, 7);
        assertTrue(result.meanAttendedDrop() > 0.05, "attended drop " + result.meanAttendedDrop());
        assertTrue(result.meanAttendedDrop() > 2 * result.meanRandomDrop(),
                result.meanAttendedDrop() + " vs random " + result.meanRandomDrop());
        for (int n = 0; n < 6; n++) {
            assertTrue(result.attendedDrops()[n] > result.randomDrops()[n], "sample " + n);
        }
        assertArrayEquals(cams.probabilities(), result.original(), 1e-12);
    }

    @Test
    void theRandomControlIsReproducibleFromItsSeed() {
        Faithfulness first = Faithfulness.measure(model, inputs, cams, 0.25, 0.0, 7);
        Faithfulness again = Faithfulness.measure(model, inputs, cams, 0.25, 0.0, 7);
        assertArrayEquals(first.randomRemoved(), again.randomRemoved(), 0.0);
        assertEquals(6, first.classes().length);
        assertEquals(java.util.Arrays.stream(first.attendedDrops()).average().orElseThrow(), first.meanAttendedDrop(), 1e-15);
    }

    @Test
    void removingEverythingGivesTheSameInputBothWays() {
        Faithfulness all = Faithfulness.measure(model, inputs, cams, 1.0, 0.5, 3);
        assertArrayEquals(all.attendedRemoved(), all.randomRemoved(), 1e-12);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Faithfulness.measure(model, inputs, cams, 0.0, 0.0, 1));
        assertThrows(IllegalArgumentException.class, () -> Faithfulness.measure(model, inputs, cams, 1.5, 0.0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Faithfulness.measure(model, inputs, cams, 0.1, Double.NaN, 1));
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> Faithfulness.measure(model, inputs.selectRowsDetached(0, 1), cams, 0.1, 0.0, 1));
        assertTrue(mismatch.getMessage().contains("(6, 16, 12)"), mismatch.getMessage());
    }
}

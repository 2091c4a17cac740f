package org.advmusic.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.audio.dsp.DecibelMapping;
import org.junit.jupiter.api.Test;

class SpectrogramPreprocessingTest {
    private static final DecibelMapping MAP = DecibelMapping.DEFAULT;

    @Test
    void theFixedMapLeavesValuesAndMeansEightyDecibelsPerUnitEverywhere() {
        float[] values = {0.1f, 0.5f, 0.9f, 0.3f};
        float[] scales = SpectrogramPreprocessing.FIXED_DECIBELS.applyInPlace(values, 2, MAP);

        assertArrayEquals(new float[] {0.1f, 0.5f, 0.9f, 0.3f}, values);
        assertArrayEquals(new float[] {80f, 80f}, scales);
        InputScale scale = SpectrogramPreprocessing.FIXED_DECIBELS.scale(values, scales, MAP);
        assertEquals(0, scale.lower());
        assertEquals(1, scale.upper());
        assertEquals("0.800 dB", scale.epsilonInDecibels(0.01));
        assertTrue(scale.describe().contains("1 = 80 dB (fixed map of [-80, 0] dB to [0, 1])"), scale.describe());
    }

    @Test
    void standardisationGivesZeroMeanUnitPopulationStdPerSegmentAsNumpyDoes() {
        // numpy: (s - s.mean()) / s.std() of [0.25, 0.75, 0.5, 0.5] is [-1.414, 1.414, 0, 0]; std 0.1768 -> 14.14 dB
        float[] values = {0.25f, 0.75f, 0.5f, 0.5f, 0.4f, 0.4f, 0.4f, 0.4f};
        float[] scales = SpectrogramPreprocessing.STANDARDIZED.applyInPlace(values, 4, MAP);

        assertArrayEquals(new float[] {-1.4142135f, 1.4142135f, 0, 0, 0, 0, 0, 0}, values, 1e-6f);
        assertEquals(80 * Math.sqrt(0.125) / 2, scales[0], 1e-4);
        assertEquals(0, scales[1], "a constant segment has no spread");
    }

    @Test
    void standardisedInputsTakeTheirBoxFromTheTrainingRange() {
        float[] training = {-1.5f, 2.5f, 0f};
        InputScale scale = SpectrogramPreprocessing.STANDARDIZED.scale(training, new float[] {10f, 20f, 30f}, MAP);

        assertEquals(-1.5, scale.lower());
        assertEquals(2.5, scale.upper());
        assertFalse(scale.exact());
        assertEquals("about 2.00 dB (median segment)", scale.epsilonInDecibels(0.1));
        assertTrue(scale.boxOrigin().contains("no natural box"), scale.boxOrigin());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPreprocessing.STANDARDIZED.scale(new float[] {0f, 0f}, new float[] {0f}, MAP));
        assertTrue(flat.getMessage().contains("no input box"), flat.getMessage());
    }

    @Test
    void segmentMinMaxMapsEachSegmentOntoTheUnitBoxAndItsOwnRange() {
        float[] values = {0.2f, 0.6f, 0.4f, 0.7f, 0.7f, 0.7f};
        float[] scales = SpectrogramPreprocessing.SEGMENT_MIN_MAX.applyInPlace(values, 3, MAP);

        assertArrayEquals(new float[] {0f, 1f, 0.5f, 0f, 0f, 0f}, values, 1e-6f);
        assertEquals(32, scales[0], 1e-4, "0.4 of the 80 dB range");
        InputScale scale = SpectrogramPreprocessing.SEGMENT_MIN_MAX.scale(values, scales, MAP);
        assertEquals(0, scale.lower());
        assertEquals(1, scale.upper());
        assertTrue(scale.unit().contains("the segment's own dB range"), scale.unit());
    }

    @Test
    void namesParseAndAnUnknownOneIsNamedInTheError() {
        assertEquals(SpectrogramPreprocessing.STANDARDIZED, SpectrogramPreprocessing.parse("standardize"));
        assertEquals(SpectrogramPreprocessing.SEGMENT_MIN_MAX, SpectrogramPreprocessing.parse(" Segment-MinMax "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPreprocessing.parse("zscore"));
        assertTrue(e.getMessage().contains("'zscore'") && e.getMessage().contains("fixed-db"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPreprocessing.FIXED_DECIBELS.applyInPlace(new float[5], 2, MAP));
    }
}

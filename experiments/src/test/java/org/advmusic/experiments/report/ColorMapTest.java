package org.advmusic.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The colour maps against their published end points, and the lightness that makes them perceptual. */
class ColorMapTest {

    @Test
    void endPointsAreThePublishedColours() {
        assertEquals(0x440154, ColorMap.VIRIDIS.rgb(0));
        assertEquals(0xFDE725, ColorMap.VIRIDIS.rgb(1));
        assertEquals(0x21908C, ColorMap.VIRIDIS.rgb(0.5), "viridis' middle sample");
        assertEquals(0x000004, ColorMap.MAGMA.rgb(0));
        assertEquals(0xFCFDBF, ColorMap.MAGMA.rgb(1));
        assertEquals(0x053061, ColorMap.BLUE_WHITE_RED.rgb(0), "negative differences are blue");
        assertEquals(0x67001F, ColorMap.BLUE_WHITE_RED.rgb(1), "positive differences are red");
        assertEquals(0xF7F7F7, ColorMap.BLUE_WHITE_RED.rgb(0.5), "zero is (nearly) white");
    }

    @Test
    void valuesOutsideTheRangeAreClamped() {
        assertEquals(ColorMap.VIRIDIS.rgb(0), ColorMap.VIRIDIS.rgb(-3));
        assertEquals(ColorMap.VIRIDIS.rgb(1), ColorMap.VIRIDIS.rgb(7));
    }

    @Test
    void sequentialMapsGrowLighterMonotonically() {
        for (ColorMap map : new ColorMap[] {ColorMap.VIRIDIS, ColorMap.MAGMA, ColorMap.GREYS}) {
            for (int k = 1; k <= 8; k++) { // strictly between eighths
                assertTrue(ColorMap.lightness(map.rgb(k / 8.0)) > ColorMap.lightness(map.rgb((k - 1) / 8.0)) + 3,
                        map.name() + " grows lighter from " + (k - 1) + "/8 to " + k + "/8");
            }
            double previous = -1;
            for (int k = 0; k <= 255; k++) { // never darker between 8-bit neighbours, up to channel rounding
                double lightness = ColorMap.lightness(map.rgb(k / 255.0));
                assertTrue(lightness >= previous - 0.1, map.name() + " at " + k + "/255: L* " + lightness + " after " + previous);
                previous = lightness;
            }
        }
    }

    @Test
    void divergingMapIsLightestAtZeroAndDarkensTowardsBothEnds() {
        double centre = ColorMap.lightness(ColorMap.BLUE_WHITE_RED.rgb(0.5));
        for (int k = 1; k <= 50; k++) {
            double below = ColorMap.lightness(ColorMap.BLUE_WHITE_RED.rgb(0.5 - k / 100.0));
            double above = ColorMap.lightness(ColorMap.BLUE_WHITE_RED.rgb(0.5 + k / 100.0));
            assertTrue(below <= centre && above <= centre, "no colour lighter than the centre at +-" + k + "/100");
        }
    }

    @Test
    void lightnessOfBlackAndWhite() {
        assertEquals(0, ColorMap.lightness(0x000000), 1e-9);
        assertEquals(100, ColorMap.lightness(0xFFFFFF), 1e-6);
    }
}

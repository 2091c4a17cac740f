package org.advmusic.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How numbers read in the report. */
class FormatTest {

    @Test
    void compactNumbersKeepFourSignificantDigits() {
        assertEquals("0.01", Format.number(0.01));
        assertEquals("1", Format.number(1.0));
        assertEquals("82290", Format.number(82290));
        assertEquals("0.03137", Format.number(8 / 255.0));
        assertEquals("1.5e-05", Format.number(1.5e-5));
        assertEquals(Format.ABSENT, Format.number(Double.NaN));
        assertEquals("∞", Format.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void fractionsReadAsPercentagesAndChangesAsPoints() {
        assertEquals("81.3 %", Format.percent(0.8125));
        assertEquals("-2.1 pp", Format.percentagePoints(-0.021));
        assertEquals("+0.0 pp", Format.percentagePoints(0));
        assertEquals(Format.ABSENT, Format.percent(Double.NaN));
    }

    @Test
    void durationsAndDecibels() {
        assertEquals("4.2 s", Format.seconds(4.2));
        assertEquals("3 min 12 s", Format.seconds(192));
        assertEquals("0.80 dB", Format.decibels(0.8));
        assertEquals("0.01 (0.80 dB)", Format.withDecibels(0.01, 80));
        assertEquals("0.01", Format.withDecibels(0.01, Double.NaN));
        assertEquals("input units; × 80 = dB", Format.inputUnits(80));
        assertEquals("input units", Format.inputUnits(Double.NaN));
    }
}

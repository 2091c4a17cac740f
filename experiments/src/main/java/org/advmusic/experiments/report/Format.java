package org.advmusic.experiments.report;

import java.util.Locale;
import org.advmusic.experiments.results.Numbers;

/** How numbers are shown to a reader (the HTML report, figure titles); CSV files keep full precision ({@link Csv}). */
final class Format {
    /** What an absent number (NaN) reads as. */
    static final String ABSENT = Numbers.ABSENT;

    private Format() {
    }

    /** A compact number with up to 4 significant digits: 0.01, 1, 0.03137, 1.5e-05, 82290. */
    static String number(double value) {
        return Numbers.compact(value);
    }

    /** A fraction as a percentage with one decimal: 0.8125 reads "81.3 %". */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? ABSENT : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    /** A change of a fraction in percentage points with its sign: -0.021 reads "-2.1 pp". */
    static String percentagePoints(double change) {
        return Double.isNaN(change) ? ABSENT : String.format(Locale.ROOT, "%+.1f pp", 100 * change);
    }

    /** A number with {@code places} decimals. */
    static String decimal(double value, int places) {
        return Double.isNaN(value) ? ABSENT : String.format(Locale.ROOT, "%." + places + "f", value);
    }

    /** A duration: "4.2 s", "3 min 12 s". */
    static String seconds(double seconds) {
        if (Double.isNaN(seconds)) {
            return ABSENT;
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        return whole / 60 + " min " + whole % 60 + " s";
    }

    /**
     * How input units read in dB, for axis labels: "input units; x 80 = dB" when the input is a dB
     * range mapped to [0, 1], "input units" otherwise (NaN).
     */
    static String inputUnits(double decibelsPerUnit) {
        return Double.isNaN(decibelsPerUnit) ? "input units" : "input units; × " + number(decibelsPerUnit) + " = dB";
    }

    /** A size in input units followed by its dB equivalent when there is one: "0.01 (0.80 dB)". */
    static String withDecibels(double inputUnits, double decibelsPerUnit) {
        return Double.isNaN(decibelsPerUnit) || Double.isNaN(inputUnits) ? number(inputUnits)
                : number(inputUnits) + " (" + decibels(inputUnits * decibelsPerUnit) + ")";
    }

    /** A level in decibels with two decimals: "0.80 dB". */
    static String decibels(double decibels) {
        return Double.isNaN(decibels) ? ABSENT : String.format(Locale.ROOT, "%.2f dB", decibels);
    }
}

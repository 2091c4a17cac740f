package org.advmusic.experiments.results;

import java.util.Locale;

/** Numbers as people read them in results and reports. */
public final class Numbers {
    /** What an absent number (NaN) reads as. */
    public static final String ABSENT = "–";

    private Numbers() {
    }

    /** A compact number with up to 4 significant digits: 0.01, 1, 0.03137, 1.5e-05, 82290. */
    public static String compact(double value) {
        if (Double.isNaN(value)) {
            return ABSENT;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%.4g", value);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
    }
}

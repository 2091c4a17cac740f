package org.advmusic.audio.dsp;

/**
 * librosa's {@code power_to_db}: {@code 10 log10(max(amin, S)) - 10 log10(max(amin, ref))}, then
 * floored at {@code max - topDb} where max is the largest value of the converted array.
 */
public final class PowerToDecibels {
    /** librosa's default amin. */
    public static final double DEFAULT_AMIN = 1e-10;
    /** librosa's default top_db. */
    public static final double DEFAULT_TOP_DB = 80.0;

    private PowerToDecibels() {
    }

    /** One value: {@code 10 log10(max(amin, power)) - 10 log10(max(amin, reference))}. */
    public static double toDecibels(double power, double reference, double amin) {
        return 10.0 * Math.log10(Math.max(amin, power)) - 10.0 * Math.log10(Math.max(amin, reference));
    }

    /**
     * Converts {@code values[from, to)} in place from power to dB and applies the top_db floor over
     * that range.
     *
     * @param topDb floor distance below the maximum; {@code Double.POSITIVE_INFINITY} for none
     */
    public static void apply(float[] values, int from, int to, double reference, double amin, double topDb) {
        if (!(amin > 0)) {
            throw new IllegalArgumentException("amin must be positive, got " + amin);
        }
        if (!(topDb >= 0)) {
            throw new IllegalArgumentException("top_db must be non-negative, got " + topDb);
        }
        double referenceDb = 10.0 * Math.log10(Math.max(amin, reference));
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double db = 10.0 * Math.log10(Math.max(amin, values[i])) - referenceDb;
            values[i] = (float) db;
            max = Math.max(max, db);
        }
        if (Double.isFinite(topDb)) {
            float floor = (float) (max - topDb);
            for (int i = from; i < to; i++) {
                values[i] = Math.max(values[i], floor);
            }
        }
    }
}

package org.advmusic.audio.dsp;

/** The periodic Hann window of librosa/scipy {@code get_window('hann', N)}: {@code w[n] = 0.5 - 0.5 cos(2 pi n / N)}. */
public final class HannWindow {
    private HannWindow() {
    }

    /** @return the N window coefficients */
    public static double[] periodic(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("window length must be positive, got " + length);
        }
        double[] w = new double[length];
        for (int n = 0; n < length; n++) {
            w[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / length);
        }
        return w;
    }
}

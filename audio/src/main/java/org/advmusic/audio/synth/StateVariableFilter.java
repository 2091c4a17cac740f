package org.advmusic.audio.synth;

/**
 * A two-pole state-variable filter (the trapezoidal, zero-delay-feedback form of Zavalishin's "The Art
 * of VA Filter Design"), giving low-, band- and high-pass outputs of the same input. Stable for any
 * cut-off below Nyquist.
 */
final class StateVariableFilter {
    private final double k;
    private final double a1;
    private final double a2;
    private final double a3;
    private double state1;
    private double state2;
    private double band;
    private double low;
    private double input;

    /** @param cutoff Hz (clamped below 0.45 * sampleRate); @param q resonance (0.707: no peak) */
    StateVariableFilter(double cutoff, double q, int sampleRate) {
        double f = Math.max(10.0, Math.min(cutoff, 0.45 * sampleRate));
        double g = StrictMath.tan(StrictMath.PI * f / sampleRate);
        k = 1.0 / q;
        a1 = 1.0 / (1.0 + g * (g + k));
        a2 = g * a1;
        a3 = g * a2;
    }

    /** Feeds one sample; read the outputs with {@link #low()}, {@link #band()}, {@link #high()}. */
    void step(double x) {
        input = x;
        double v3 = x - state2;
        band = a1 * state1 + a2 * v3;
        low = state2 + a2 * state1 + a3 * v3;
        state1 = 2 * band - state1;
        state2 = 2 * low - state2;
    }

    /** Feeds one sample and returns the low-pass output. */
    double lowPass(double x) {
        step(x);
        return low;
    }

    /** Feeds one sample and returns the high-pass output. */
    double highPass(double x) {
        step(x);
        return high();
    }

    double low() {
        return low;
    }

    double band() {
        return band;
    }

    double high() {
        return input - k * band - low;
    }
}

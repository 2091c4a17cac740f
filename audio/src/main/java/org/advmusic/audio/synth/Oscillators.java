package org.advmusic.audio.synth;

/**
 * Deterministic oscillators: a sine table built once with {@code StrictMath} (linear interpolation,
 * error below 3e-7), and band-limited saw and square waves with polyBLEP corrections. Phases are in
 * cycles, [0, 1).
 */
final class Oscillators {
    private static final int TABLE_SIZE = 4096;
    private static final float[] SINE = new float[TABLE_SIZE + 1];

    static {
        for (int i = 0; i <= TABLE_SIZE; i++) {
            SINE[i] = (float) StrictMath.sin(2 * StrictMath.PI * i / TABLE_SIZE);
        }
    }

    private Oscillators() {
    }

    /** sin(2 pi phase) for phase in [0, 1). */
    static double sine(double phase) {
        double x = phase * TABLE_SIZE;
        int i = (int) x;
        double f = x - i;
        return SINE[i] + f * (SINE[i + 1] - SINE[i]);
    }

    /** A band-limited sawtooth in [-1, 1]; {@code increment} is the phase step per sample (f / sr). */
    static double saw(double phase, double increment) {
        return 2 * phase - 1 - polyBlep(phase, increment);
    }

    /** A band-limited square wave in [-1, 1]. */
    static double square(double phase, double increment) {
        double half = phase + 0.5;
        if (half >= 1) {
            half -= 1;
        }
        return (phase < 0.5 ? 1 : -1) + polyBlep(phase, increment) - polyBlep(half, increment);
    }

    /** The polynomial band-limited step correction around a discontinuity at phase 0. */
    private static double polyBlep(double phase, double increment) {
        if (phase < increment) {
            double t = phase / increment;
            return t + t - t * t - 1;
        }
        if (phase > 1 - increment) {
            double t = (phase - 1) / increment;
            return t * t + t + t + 1;
        }
        return 0;
    }

    /** Advances a phase by {@code increment}, wrapping into [0, 1). */
    static double advance(double phase, double increment) {
        double next = phase + increment;
        return next >= 1 ? next - Math.floor(next) : next;
    }

    /** A smooth saturating curve (a Pade approximation of tanh), odd, clipped to [-1, 1]. */
    static double softClip(double x) {
        if (x <= -3) {
            return -1;
        }
        if (x >= 3) {
            return 1;
        }
        double x2 = x * x;
        return x * (27 + x2) / (27 + 9 * x2);
    }

    /** The per-sample factor of an exponential decay with time constant {@code seconds}. */
    static double decayFactor(double seconds, int sampleRate) {
        return StrictMath.exp(-1.0 / (seconds * sampleRate));
    }
}

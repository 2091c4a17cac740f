package org.advmusic.audio.dsp;

/** Conversions between hertz and mels. */
public enum MelScale {
    /**
     * Slaney's Auditory Toolbox scale (librosa's default, {@code htk=False}): linear below 1 kHz
     * ({@code f / (200/3)}), logarithmic above ({@code 15 + ln(f / 1000) / (ln(6.4) / 27)}).
     */
    SLANEY {
        @Override
        public double hzToMel(double hz) {
            return hz < MIN_LOG_HZ ? hz / LINEAR_HZ_PER_MEL : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
        }

        @Override
        public double melToHz(double mel) {
            return mel < MIN_LOG_MEL ? mel * LINEAR_HZ_PER_MEL : MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
        }
    },
    /** The HTK scale: {@code 2595 log10(1 + f / 700)}. */
    HTK {
        @Override
        public double hzToMel(double hz) {
            return 2595.0 * Math.log10(1.0 + hz / 700.0);
        }

        @Override
        public double melToHz(double mel) {
            return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
    };

    private static final double LINEAR_HZ_PER_MEL = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / LINEAR_HZ_PER_MEL; // 15
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    /** Hertz to mels. */
    public abstract double hzToMel(double hz);

    /** Mels to hertz. */
    public abstract double melToHz(double mel);
}

package org.advmusic.audio.features;

import org.advmusic.audio.dsp.DctBasis;

/**
 * librosa's {@code feature.mfcc}: the orthonormal DCT-II of each column of a log-mel (dB) matrix,
 * first {@code coefficients} rows (20 by default).
 */
public final class Mfcc {
    /** librosa's default number of coefficients. */
    public static final int DEFAULT_COEFFICIENTS = 20;

    private final DctBasis dct;

    /** @param melBands rows of the log-mel input; @param coefficients MFCCs kept */
    public Mfcc(int coefficients, int melBands) {
        this.dct = new DctBasis(coefficients, melBands);
    }

    /**
     * @param logMel (n_mels, frames) in dB
     * @return (coefficients, frames)
     */
    public float[] compute(float[] logMel, int frames) {
        return dct.applyToColumns(logMel, frames);
    }

    /** Number of coefficients. */
    public int coefficients() {
        return dct.count();
    }
}

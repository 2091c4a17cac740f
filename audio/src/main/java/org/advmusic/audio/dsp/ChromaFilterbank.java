package org.advmusic.audio.dsp;

/**
 * librosa's {@code filters.chroma} (12 pitch classes, tuning 0, ctroct 5, octwidth 2, norm 2, base C):
 * a (12, 1 + n_fft/2) matrix of Gaussian bumps around each pitch class in every octave, each FFT
 * bin's column L2-normalised, weighted by a Gaussian over octaves centred on octave 5, rows rolled
 * so that row 0 is C.
 */
public final class ChromaFilterbank {
    /** Pitch classes. */
    public static final int CHROMA = 12;
    private static final double CENTER_OCTAVE = 5.0;
    private static final double OCTAVE_WIDTH = 2.0;

    private final int bins;
    private final float[] weights; // (12, bins)

    /** @param sampleRate Hz; @param fftSize n_fft */
    public ChromaFilterbank(int sampleRate, int fftSize) {
        bins = fftSize / 2 + 1;
        // chroma bin position of every FFT bin k >= 1 (A440 / 16 = 27.5 Hz is octave 0 of "octs")
        double[] position = new double[fftSize];
        for (int k = 1; k < fftSize; k++) {
            double frequency = k * (double) sampleRate / fftSize;
            position[k] = CHROMA * log2(frequency / (440.0 / 16));
        }
        position[0] = position[1] - 1.5 * CHROMA; // librosa's stand-in for DC
        double[] width = new double[fftSize];
        for (int k = 0; k < fftSize - 1; k++) {
            width[k] = Math.max(position[k + 1] - position[k], 1.0);
        }
        width[fftSize - 1] = 1.0;
        double[] full = new double[CHROMA * fftSize];
        int half = Math.round(CHROMA / 2f); // 6
        for (int k = 0; k < fftSize; k++) {
            double norm = 0;
            for (int c = 0; c < CHROMA; c++) {
                double distance = ((position[k] - c + half + 10 * CHROMA) % CHROMA + CHROMA) % CHROMA - half;
                double bump = Math.exp(-0.5 * Math.pow(2 * distance / width[k], 2));
                full[c * fftSize + k] = bump;
                norm += bump * bump;
            }
            double octaveWeight = Math.exp(-0.5 * Math.pow((position[k] / CHROMA - CENTER_OCTAVE) / OCTAVE_WIDTH, 2));
            double scale = (norm > 0 ? 1 / Math.sqrt(norm) : 1) * octaveWeight;
            for (int c = 0; c < CHROMA; c++) {
                full[c * fftSize + k] *= scale;
            }
        }
        weights = new float[CHROMA * bins];
        for (int c = 0; c < CHROMA; c++) {
            int source = (c + 3) % CHROMA; // roll by -3: row 0 becomes C instead of A
            for (int k = 0; k < bins; k++) {
                weights[c * bins + k] = (float) full[source * fftSize + k];
            }
        }
    }

    /** The (12, bins) weights, row-major; a copy. */
    public float[] matrix() {
        return weights.clone();
    }

    /**
     * Chroma of one power spectrum, normalised so that its largest class is 1 (librosa's
     * {@code chroma_stft} norm=inf); all zeros for silence.
     *
     * @param power (bins)
     * @param out   (12), overwritten
     */
    public void apply(float[] power, float[] out) {
        float max = 0;
        for (int c = 0; c < CHROMA; c++) {
            float sum = 0;
            int row = c * bins;
            for (int k = 0; k < bins; k++) {
                sum += weights[row + k] * power[k];
            }
            out[c] = sum;
            max = Math.max(max, sum);
        }
        if (max > Float.MIN_NORMAL) {
            for (int c = 0; c < CHROMA; c++) {
                out[c] /= max;
            }
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

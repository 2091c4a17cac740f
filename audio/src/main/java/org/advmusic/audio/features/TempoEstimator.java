package org.advmusic.audio.features;

import org.advmusic.audio.dsp.HannWindow;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A global tempo estimate after librosa's {@code feature.tempo}: the onset-strength envelope (mean
 * over mel bands of the positive first difference of the dB mel spectrogram, delayed by
 * {@code 1 + n_fft / (2 hop)} frames), its autocorrelation in Hann-windowed 8 s windows around every
 * frame (each normalised by its lag-0 value) averaged over time, weighted by a log-normal prior around
 * 120 BPM (one octave standard deviation), limited to 320 BPM. Differences from librosa: the envelope
 * is padded with linear ramps to zero as librosa does, but no tuning or detrending options exist.
 */
public final class TempoEstimator {
    private static final double PRIOR_BPM = 120.0;
    private static final double PRIOR_OCTAVES = 1.0;
    private static final double MAX_BPM = 320.0;
    private static final double WINDOW_SECONDS = 8.0;

    private final int sampleRate;
    private final int hopLength;
    private final int fftSize;
    private final int windowFrames;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final int autocorrelationSize;

    public TempoEstimator(FrontEndSettings settings) {
        this.sampleRate = settings.sampleRate();
        this.hopLength = settings.hopLength();
        this.fftSize = settings.fftSize();
        this.windowFrames = (int) Math.floor(WINDOW_SECONDS * sampleRate / hopLength); // 344
        this.window = HannWindow.periodic(windowFrames);
        int n = 1;
        while (n < 2 * windowFrames) {
            n <<= 1;
        }
        this.autocorrelationSize = n;
        this.fft = new DoubleFFT_1D(n);
    }

    /**
     * @param logMel (n_mels, frames) dB mel spectrogram (ref 1)
     * @return the onset-strength envelope, (frames)
     */
    public double[] onsetStrength(float[] logMel, int melBands, int frames) {
        int delay = 1 + fftSize / (2 * hopLength);
        double[] envelope = new double[frames];
        for (int t = 1; t < frames; t++) {
            double sum = 0;
            for (int m = 0; m < melBands; m++) {
                sum += Math.max(0, logMel[m * frames + t] - logMel[m * frames + t - 1]);
            }
            int at = t - 1 + delay;
            if (at < frames) {
                envelope[at] = sum / melBands;
            }
        }
        return envelope;
    }

    /** @return tempo in beats per minute, or 0 when the envelope is silent */
    public double tempo(double[] onsetEnvelope) {
        int frames = onsetEnvelope.length;
        int pad = windowFrames / 2;
        double[] padded = new double[frames + 2 * pad];
        System.arraycopy(onsetEnvelope, 0, padded, pad, frames);
        if (frames > 0) {
            for (int i = 0; i < pad; i++) { // numpy 'linear_ramp' to 0 at both ends
                padded[i] = onsetEnvelope[0] * i / pad;
                padded[pad + frames + i] = onsetEnvelope[frames - 1] * (pad - 1 - i) / pad;
            }
        }
        double[] mean = new double[windowFrames];
        double[] buffer = new double[autocorrelationSize];
        int windows = padded.length - windowFrames + 1;
        for (int w = 0; w < windows; w++) {
            java.util.Arrays.fill(buffer, 0);
            for (int j = 0; j < windowFrames; j++) {
                buffer[j] = padded[w + j] * window[j];
            }
            autocorrelate(buffer);
            double zeroLag = buffer[0];
            if (zeroLag > 0) {
                for (int lag = 0; lag < windowFrames; lag++) {
                    mean[lag] += buffer[lag] / zeroLag;
                }
            }
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = 1; lag < windowFrames; lag++) {
            double bpm = 60.0 * sampleRate / (hopLength * (double) lag);
            if (bpm >= MAX_BPM) {
                continue;
            }
            double octaves = (Math.log(bpm) - Math.log(PRIOR_BPM)) / Math.log(2) / PRIOR_OCTAVES;
            double score = Math.log1p(1e6 * mean[lag] / Math.max(1, windows)) - 0.5 * octaves * octaves;
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return mean[0] == 0 || best < 0 ? 0.0 : 60.0 * sampleRate / (hopLength * (double) best);
    }

    /** In place: the autocorrelation of a zero-padded signal, by |FFT|^2 and the inverse FFT. */
    private void autocorrelate(double[] buffer) {
        fft.realForward(buffer);
        int n = autocorrelationSize;
        buffer[0] = buffer[0] * buffer[0];
        buffer[1] = buffer[1] * buffer[1];
        for (int k = 1; k < n / 2; k++) {
            double re = buffer[2 * k];
            double im = buffer[2 * k + 1];
            buffer[2 * k] = re * re + im * im;
            buffer[2 * k + 1] = 0;
        }
        fft.realInverse(buffer, true);
    }
}

package org.advmusic.attacks.waveform;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A synthetic signal of a few smooth parameters that reaches the mean spectral features of
 * instruments (the mean log-mel envelope that the MFCC means summarise, brightness, zero crossings):
 * seeded white noise and a harmonic series share one spectral envelope, given in dB at {@code K}
 * control points evenly spaced on the (Slaney) mel scale from 0 Hz to the Nyquist frequency, linear in
 * dB between them. With the parameters
 *
 * <pre>
 *   p[0 .. K-1]  E, the envelope (dB) at the control points
 *   p[K]         harmonic level (dB)
 *   p[K + 1]     noise level (dB)
 *   p[K + 2]     pitch, log2(f0 / 1 Hz), clamped to [log2 40, log2 2000]
 * </pre>
 *
 * the signal's discrete Fourier transform over its whole length n (bin k at {@code f_k = k rate / n}) is
 *
 * <pre>
 *   X[k] = 10^((E(f_k) + noise) / 20) W[k]  +  sum_h 10^((E(h f0) + harmonic) / 20) (n / 2) 0.05 e^(i phi_h) [k = round(h f0 n / rate)]
 * </pre>
 *
 * with W the transform of fixed white noise uniform in [-1, 1] and phi_h fixed random phases: at 0 dB
 * every partial has amplitude 0.05 and the noise an RMS of 1 / sqrt(3). The partials are exact bins
 * of the whole signal (pitch resolution {@code rate / n}, 0.33 Hz for 3 s), so they are stationary.
 * {@link #render} is smooth in the levels and the envelope, which is what a least-squares feature
 * match needs. Not thread-safe (one FFT work area): one per thread.
 */
public final class SpectralEnvelopeSignal {
    /** Lowest and highest pitch the parameters reach, Hz. */
    public static final double LOW_PITCH_HZ = 40;
    public static final double HIGH_PITCH_HZ = 2000;
    private static final double PARTIAL_AMPLITUDE = 0.05;
    private static final double LEVEL_LIMIT_DB = 120;

    private final int samples;
    private final int sampleRate;
    private final int controlPoints;
    private final double[] whiteSpectrum; // realForward layout
    private final double[] binPosition; // (n/2 + 1) control-point coordinate of each bin
    private final double[] phases;
    private final double melNyquist;
    private final DoubleFFT_1D fft;

    /**
     * @param samples       signal length (>= 2)
     * @param sampleRate    Hz
     * @param controlPoints K, envelope points (>= 2)
     * @param seed          fixes the noise and the partials' phases
     */
    public SpectralEnvelopeSignal(int samples, int sampleRate, int controlPoints, long seed) {
        if (samples < 2 || sampleRate < 2 * HIGH_PITCH_HZ || controlPoints < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "spectral envelope signal: %d samples at %d Hz, "
                    + "%d control points; expected >= 2 samples, a rate >= %.0f Hz and >= 2 control points", samples,
                    sampleRate, controlPoints, 2 * HIGH_PITCH_HZ));
        }
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.controlPoints = controlPoints;
        this.fft = new DoubleFFT_1D(samples);
        SplittableRandom random = new SplittableRandom(seed);
        whiteSpectrum = new double[samples];
        for (int i = 0; i < samples; i++) {
            whiteSpectrum[i] = 2 * random.nextDouble() - 1;
        }
        fft.realForward(whiteSpectrum);
        phases = new double[1024];
        for (int h = 0; h < phases.length; h++) {
            phases[h] = 2 * Math.PI * random.nextDouble();
        }
        melNyquist = mel(sampleRate / 2.0);
        binPosition = new double[samples / 2 + 1];
        for (int k = 0; k < binPosition.length; k++) {
            binPosition[k] = position((double) k * sampleRate / samples);
        }
    }

    /** Slaney's mel scale (linear below 1 kHz, logarithmic above), only used to space the control points. */
    static double mel(double hz) {
        return hz < 1000 ? hz / (200.0 / 3) : 15 + Math.log(hz / 1000) / (Math.log(6.4) / 27);
    }

    /** The control-point coordinate (0 .. K-1) of a frequency. */
    private double position(double hz) {
        return mel(hz) / melNyquist * (controlPoints - 1);
    }

    /** K + 3. */
    public int dimension() {
        return controlPoints + 3;
    }

    /** Signal length in samples. */
    public int samples() {
        return samples;
    }

    /**
     * Starting parameters: a flat 0 dB envelope, the given harmonic and noise levels and pitch.
     *
     * @param harmonicDb level of the partials
     * @param noiseDb    level of the noise
     * @param pitchHz    f0, clamped to [40, 2000] Hz
     */
    public double[] start(double harmonicDb, double noiseDb, double pitchHz) {
        double[] p = new double[dimension()];
        p[controlPoints] = harmonicDb;
        p[controlPoints + 1] = noiseDb;
        p[controlPoints + 2] = Math.log(pitchHz) / Math.log(2);
        return clamp(p);
    }

    /** Finite-difference steps per parameter: 1 dB for levels, 1/32 octave for the pitch. */
    public double[] steps() {
        double[] h = new double[dimension()];
        Arrays.fill(h, 1.0);
        h[controlPoints + 2] = 1.0 / 32;
        return h;
    }

    /** Lower bounds of the parameters (levels -120 dB, pitch log2 40). */
    public double[] lower() {
        double[] b = new double[dimension()];
        Arrays.fill(b, -LEVEL_LIMIT_DB);
        b[controlPoints + 2] = Math.log(LOW_PITCH_HZ) / Math.log(2);
        return b;
    }

    /** Upper bounds of the parameters (levels +120 dB, pitch log2 2000). */
    public double[] upper() {
        double[] b = new double[dimension()];
        Arrays.fill(b, LEVEL_LIMIT_DB);
        b[controlPoints + 2] = Math.log(HIGH_PITCH_HZ) / Math.log(2);
        return b;
    }

    /** A copy of {@code parameters} inside {@link #lower()} and {@link #upper()}. */
    public double[] clamp(double[] parameters) {
        double[] low = lower();
        double[] high = upper();
        double[] out = new double[parameters.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = Math.max(low[p], Math.min(high[p], parameters[p]));
        }
        return out;
    }

    /** The pitch of {@code parameters} in Hz. */
    public double pitchHz(double[] parameters) {
        return Math.pow(2, clamp(parameters)[controlPoints + 2]);
    }

    /** The envelope (dB) at control-point coordinate {@code position}. */
    private double envelope(double[] p, double position) {
        int j = Math.min(controlPoints - 2, (int) position);
        double t = position - j;
        return p[j] * (1 - t) + p[j + 1] * t;
    }

    /**
     * The signal of {@code parameters} (K + 3 values, clamped to the bounds; not modified).
     *
     * @return (samples) the waveform, not limited in peak (callers scale it to their budget)
     */
    public double[] render(double[] parameters) {
        if (parameters.length != dimension()) {
            throw new IllegalArgumentException("spectral envelope signal expects " + dimension() + " parameters, got "
                    + parameters.length);
        }
        double[] p = clamp(parameters);
        double[] x = whiteSpectrum.clone();
        double noiseDb = p[controlPoints + 1];
        int nyquist = samples / 2;
        for (int k = 0; k <= nyquist; k++) {
            double gain = Math.pow(10, (envelope(p, binPosition[k]) + noiseDb) / 20);
            if (k == 0) {
                x[0] *= gain;
            } else if (2 * k + 1 < samples) {
                x[2 * k] *= gain;
                x[2 * k + 1] *= gain;
            } else if (samples % 2 == 0) {
                x[1] *= gain; // realForward layout: Re of the Nyquist bin in x[1]
            } else {
                x[samples - 1] *= gain; // odd n: Re of the last bin in x[n - 1], its Im in x[1]
                x[1] *= gain;
            }
        }
        double f0 = Math.pow(2, p[controlPoints + 2]);
        double harmonicDb = p[controlPoints];
        for (int h = 1; h * f0 < sampleRate / 2.0; h++) {
            int k = (int) Math.round(h * f0 * samples / sampleRate);
            if (k <= 0 || 2 * k + 1 >= samples) {
                continue;
            }
            double amplitude = samples / 2.0 * PARTIAL_AMPLITUDE
                    * Math.pow(10, (envelope(p, position(h * f0)) + harmonicDb) / 20);
            double phase = phases[h % phases.length];
            x[2 * k] += amplitude * Math.cos(phase);
            x[2 * k + 1] += amplitude * Math.sin(phase);
        }
        fft.realInverse(x, true);
        return x;
    }

    /** A short description for reports. */
    public String describe() {
        return String.format(Locale.ROOT, "noise and partials under one envelope of %d mel-spaced points", controlPoints);
    }
}

package org.advmusic.attacks.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/** The envelope, levels and pitch of {@link SpectralEnvelopeSignal} read back from the signal's own spectrum. */
class SpectralEnvelopeSignalTest {
    private static final int RATE = 8000;
    private static final int SAMPLES = 4001; // odd: the last bin's special layout is exercised
    private static final int POINTS = 8;

    /** |X[k]| for k = 0 .. n/2 of a real signal. */
    private static double[] magnitudes(double[] signal) {
        double[] x = signal.clone();
        new DoubleFFT_1D(x.length).realForward(x);
        int n = x.length;
        double[] m = new double[n / 2 + 1];
        m[0] = Math.abs(x[0]);
        for (int k = 1; 2 * k + 1 < n; k++) {
            m[k] = Math.hypot(x[2 * k], x[2 * k + 1]);
        }
        m[n / 2] = n % 2 == 0 ? Math.abs(x[1]) : Math.hypot(x[n - 1], x[1]);
        return m;
    }

    @Test
    void partialsSitAtMultiplesOfThePitchWithTheStatedAmplitude() {
        SpectralEnvelopeSignal signal = new SpectralEnvelopeSignal(SAMPLES, RATE, POINTS, 3L);
        double[] p = signal.start(0, -120, 250); // partials at 0 dB, noise 120 dB down
        double[] m = magnitudes(signal.render(p));
        for (int h = 1; h <= 3; h++) {
            int k = (int) Math.round(h * 250.0 * SAMPLES / RATE);
            assertEquals(0.05, 2 * m[k] / SAMPLES, 1e-6, "partial " + h); // the noise, 120 dB down, adds ~1e-8
        }
        int between = (int) Math.round(375.0 * SAMPLES / RATE);
        assertTrue(2 * m[between] / SAMPLES < 1e-6, "between partials " + m[between]);
        assertEquals(250, signal.pitchHz(p), 1e-9);
    }

    @Test
    void theEnvelopeRaisesOnlyTheBinsAboveTheRaisedPoints() {
        SpectralEnvelopeSignal signal = new SpectralEnvelopeSignal(SAMPLES, RATE, POINTS, 3L);
        double[] flat = signal.start(-120, 0, 100);
        double[] raised = flat.clone();
        for (int j = POINTS / 2; j < POINTS; j++) {
            raised[j] = 20; // +20 dB from the middle control point up
        }
        double[] a = magnitudes(signal.render(flat));
        double[] b = magnitudes(signal.render(raised));
        double middleHz = inverseMel(SpectralEnvelopeSignal.mel(RATE / 2.0) * (POINTS / 2) / (POINTS - 1));
        double previousPointHz = inverseMel(SpectralEnvelopeSignal.mel(RATE / 2.0) * (POINTS / 2 - 1) / (POINTS - 1));
        for (int k = 1; k < a.length; k++) {
            double hz = (double) k * RATE / SAMPLES;
            if (hz >= middleHz + 1) {
                assertEquals(10.0, b[k] / a[k], 1e-6, "bin " + k + " (" + hz + " Hz)");
            } else if (hz < previousPointHz - 1) {
                assertEquals(1.0, b[k] / a[k], 1e-9, "bin " + k + " (" + hz + " Hz)");
            }
        }
    }

    @Test
    void noiseLevelScalesTheNoiseAndParametersAreClamped() {
        SpectralEnvelopeSignal signal = new SpectralEnvelopeSignal(SAMPLES, RATE, POINTS, 3L);
        double[] quiet = signal.start(-120, -20, 100);
        double[] loud = signal.start(-120, 0, 100);
        assertEquals(10.0, rms(signal.render(loud)) / rms(signal.render(quiet)), 1e-3);
        assertEquals(1 / Math.sqrt(3), rms(signal.render(loud)), 0.02); // white noise uniform in [-1, 1]
        assertEquals(SpectralEnvelopeSignal.HIGH_PITCH_HZ, signal.pitchHz(signal.start(0, 0, 1e6)), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signal.render(new double[3]));
        assertTrue(e.getMessage().contains("11 parameters, got 3"), e.getMessage());
    }

    private static double inverseMel(double mel) {
        return mel < 15 ? mel * 200.0 / 3 : 1000 * Math.exp((mel - 15) * Math.log(6.4) / 27);
    }

    private static double rms(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / x.length);
    }
}

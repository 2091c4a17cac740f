package org.advmusic.audio.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.advmusic.audio.dsp.DecibelMapping;
import org.advmusic.audio.dsp.MelNormalization;
import org.advmusic.audio.dsp.MelScale;
import org.advmusic.audio.dsp.PaddingMode;
import org.advmusic.audio.features.DecibelReference;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.LogMelSegmenter;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * The differentiable front end equals the offline {@link LogMelSegmenter} within 1e-5 on the same
 * waveforms (music-like, silent, clipped, with a remainder shorter than a segment), under every
 * reference rule, on the CPU backend and on the float64 reference; its gradient passes the
 * float64 gradient check on a small configuration.
 */
class WaveformFrontEndTest {
    private static final int SEGMENT = 66150;
    private static final double TOLERANCE = 1e-5;

    /** Chords of decaying partials over noise, at a level that changes per second. */
    static float[] musicLike(long seed, int samples, double gain) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[samples];
        double[] frequencies = {110 + random.nextDouble(300), 440 + random.nextDouble(400), 1500 + random.nextDouble(2000)};
        for (int i = 0; i < samples; i++) {
            double t = i / 22050.0;
            double v = 0.02 * (random.nextDouble() - 0.5);
            for (int p = 0; p < frequencies.length; p++) {
                v += 0.2 / (p + 1) * Math.sin(2 * Math.PI * frequencies[p] * t) * Math.exp(-3 * (t % 0.5));
            }
            x[i] = (float) (gain * v * (0.5 + 0.5 * Math.abs(Math.sin(t))));
        }
        return x;
    }

    /** {@code x} scaled and hard-clipped to [-1, 1]. */
    static float[] clipped(float[] x, double gain) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Math.max(-1, Math.min(1, gain * x[i]));
        }
        return y;
    }

    private static void assertMatchesOffline(String what, Backend backend, WaveformFrontEnd frontEnd, float[]... tracks) {
        int samples = tracks[0].length;
        float[] batch = new float[tracks.length * samples];
        for (int t = 0; t < tracks.length; t++) {
            System.arraycopy(tracks[t], 0, batch, t * samples, samples);
        }
        double[] actual;
        try (var ignored = Autograd.noGrad()) {
            actual = frontEnd.modelInputs(Tensor.fromArray(backend, batch, tracks.length, samples)).toDoubleArray();
        }
        LogMelSegmenter offline = new LogMelSegmenter(frontEnd.frontEnd(), frontEnd.segments());
        int perTrack = actual.length / tracks.length;
        for (int t = 0; t < tracks.length; t++) {
            float[] expected = offline.segment(tracks[t]).inputs();
            assertEquals(perTrack, expected.length, what + ": values per track");
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                assertFalse(Double.isNaN(actual[t * perTrack + i]), what + ": NaN at " + i);
                worst = Math.max(worst, Math.abs(expected[i] - actual[t * perTrack + i]));
            }
            assertTrue(worst <= TOLERANCE, what + ", track " + t + ": largest difference " + worst);
        }
    }

    @Test
    void equalsTheOfflineSegmenterOnMusicSilenceAndClipping() {
        Backend cpu = Backends.get("cpu");
        WaveformFrontEnd frontEnd = WaveformFrontEnd.defaults();
        int samples = 2 * SEGMENT + 5000; // two segments and a remainder that is dropped
        float[] music = musicLike(1, samples, 1.0);
        float[] quiet = musicLike(2, samples, 0.01);
        assertMatchesOffline("music and a quiet track in one batch", cpu, frontEnd, music, quiet);
        assertMatchesOffline("silent", cpu, frontEnd, new float[samples]);
        assertMatchesOffline("clipped", cpu, frontEnd, clipped(musicLike(3, samples, 1.0), 8.0));
    }

    @Test
    void equalsTheOfflineSegmenterUnderEveryReferenceRule() {
        Backend cpu = Backends.get("cpu");
        float[] track = musicLike(4, 2 * SEGMENT, 0.5);
        for (DecibelReference rule : DecibelReference.values()) {
            SegmentSettings settings = new SegmentSettings(SEGMENT, 10, rule, DecibelMapping.DEFAULT);
            assertMatchesOffline(rule.name(), cpu, new WaveformFrontEnd(FrontEndSettings.librosaDefaults(), settings), track);
        }
    }

    @Test
    void equalsTheOfflineSegmenterOnTheFloat64Reference() {
        assertMatchesOffline("reference backend", Backends.reference(), WaveformFrontEnd.defaults(),
                clipped(musicLike(5, SEGMENT, 1.0), 3.0));
    }

    @Test
    void passesTheGradientCheckOnASmallConfiguration() {
        FrontEndSettings small = new FrontEndSettings(8000, 32, 8, true, PaddingMode.ZERO, 6, 0, 4000, MelScale.SLANEY,
                MelNormalization.SLANEY, 1e-10, 80);
        for (DecibelReference rule : DecibelReference.values()) {
            WaveformFrontEnd frontEnd = new WaveformFrontEnd(small, new SegmentSettings(64, 2, rule, DecibelMapping.DEFAULT));
            Tensor tracks = Tensor.uniform(Backends.reference(), 9, org.advmusic.engine.Shape.of(2, 140), -1, 1);
            GradCheck.check("front end, " + rule, x -> frontEnd.modelInputs(x[0]), tracks);
        }
    }

    @Test
    void refusesTracksShorterThanOneSegmentAndSettingsItCannotReproduce() {
        Tensor short1 = Tensor.zeros(Backends.get("cpu"), org.advmusic.engine.Shape.of(1, 22050));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WaveformFrontEnd.defaults().modelInputs(short1));
        assertTrue(e.getMessage().contains("22050 samples (1.00 s)") && e.getMessage().contains("66150"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WaveformFrontEnd(
                FrontEndSettings.librosaDefaults().withPadding(PaddingMode.REFLECT), SegmentSettings.defaults()));
    }

    @Test
    void aSilentTrackGivesFiniteInputsAndAZeroGradient() {
        Tensor silent = Tensor.zeros(Backends.get("cpu"), org.advmusic.engine.Shape.of(1, SEGMENT)).requiresGrad(true);
        Tensor inputs = WaveformFrontEnd.defaults().modelInputs(silent);
        Tensor gradient = Autograd.grad(inputs.sum(), silent)[0];
        for (double v : gradient.toDoubleArray()) {
            assertEquals(0.0, v);
        }
        for (double v : inputs.toDoubleArray()) {
            assertTrue(Double.isFinite(v));
        }
    }
}

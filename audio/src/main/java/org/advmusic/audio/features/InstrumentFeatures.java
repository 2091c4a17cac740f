package org.advmusic.audio.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.advmusic.audio.dsp.MelNormalization;
import org.advmusic.audio.dsp.MelScale;
import org.advmusic.audio.dsp.PaddingMode;

/**
 * The 25 per-file features of seed 004's instrument classifier (musical-instrument-classification):
 * the means over frames of rms, spectral_centroid, spectral_bandwidth, spectral_rolloff,
 * zero_crossing_rate and the 20 MFCCs, with librosa's definitions and defaults at the file's sample
 * rate (the reference project loads at 44.1 kHz: n_fft 2048, hop 512, 128 Slaney mels up to sr/2).
 * The frame-wise values are {@link TabularFeatures}' (checked against librosa), so these are exactly
 * the {@code *_mean} columns of the GTZAN feature set. Not thread-safe: one per thread.
 */
public final class InstrumentFeatures {
    /** The rate seed 004 loads its audio at. */
    public static final int SAMPLE_RATE = 44100;
    private static final List<String> NAMES = names();

    private final TabularFeatures frames;

    /** The features at {@code sampleRate} with librosa's other defaults (mels up to sampleRate / 2). */
    public InstrumentFeatures(int sampleRate) {
        this.frames = new TabularFeatures(new FrontEndSettings(sampleRate, 2048, 512, true, PaddingMode.ZERO, 128, 0.0,
                sampleRate / 2.0, MelScale.SLANEY, MelNormalization.SLANEY, 1e-10, 80.0));
    }

    /** rms_mean, spectral_centroid_mean, spectral_bandwidth_mean, rolloff_mean, zero_crossing_rate_mean, mfcc1_mean..mfcc20_mean. */
    public static List<String> featureNames() {
        return NAMES;
    }

    /**
     * @param clip mono samples at this object's rate (at least one)
     * @return (25) the features in {@link #featureNames()} order
     */
    public double[] compute(float[] clip) {
        TabularFeatures.FrameValues v = frames.frameValues(clip, false);
        double[] out = new double[NAMES.size()];
        out[0] = TabularFeatures.mean(v.rms());
        out[1] = TabularFeatures.mean(v.centroid());
        out[2] = TabularFeatures.mean(v.bandwidth());
        out[3] = TabularFeatures.mean(v.rolloff());
        out[4] = TabularFeatures.mean(v.zeroCrossingRate());
        for (int k = 0; k < v.mfcc().length; k++) {
            out[5 + k] = TabularFeatures.mean(v.mfcc()[k]);
        }
        return out;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of("rms_mean", "spectral_centroid_mean", "spectral_bandwidth_mean",
                "rolloff_mean", "zero_crossing_rate_mean"));
        for (int k = 1; k <= Mfcc.DEFAULT_COEFFICIENTS; k++) {
            names.add("mfcc" + k + "_mean");
        }
        return Collections.unmodifiableList(names);
    }
}

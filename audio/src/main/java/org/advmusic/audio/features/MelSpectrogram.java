package org.advmusic.audio.features;

import org.advmusic.audio.dsp.MelFilterbank;
import org.advmusic.audio.dsp.PowerSpectrogram;
import org.advmusic.audio.dsp.PowerToDecibels;

/**
 * librosa's {@code melspectrogram} (power 2) on the fast path: one FFT per frame, then the sparse mel
 * filters, with no per-frame allocation. Holds an FFT plan and scratch buffers: not thread-safe, use
 * one per thread.
 */
public final class MelSpectrogram {
    private final FrontEndSettings settings;
    private final PowerSpectrogram spectrogram;
    private final MelFilterbank filterbank;
    private final float[] power;

    public MelSpectrogram(FrontEndSettings settings) {
        this.settings = settings;
        this.spectrogram = new PowerSpectrogram(settings.framing());
        this.filterbank = settings.filterbank();
        this.power = new float[spectrogram.bins()];
    }

    /** The settings. */
    public FrontEndSettings settings() {
        return settings;
    }

    /** Frames produced for a clip of {@code samples} samples. */
    public int frames(int samples) {
        return spectrogram.framing().frameCount(samples);
    }

    /**
     * Mel power of {@code signal[offset, offset + length)} written into {@code out} from
     * {@code outOffset} as (n_mels, frames) row-major.
     */
    public void melPower(float[] signal, int offset, int length, float[] out, int outOffset) {
        int frames = frames(length);
        for (int t = 0; t < frames; t++) {
            spectrogram.framePower(signal, offset, length, t, power);
            filterbank.apply(power, out, outOffset + t, frames);
        }
    }

    /** @return (n_mels, frames) mel power of the whole signal */
    public float[] melPower(float[] signal) {
        float[] out = new float[settings.melBands() * frames(signal.length)];
        melPower(signal, 0, signal.length, out, 0);
        return out;
    }

    /**
     * librosa's {@code power_to_db(melspectrogram(y))} with ref = 1 (the input of MFCCs and onset
     * strength).
     *
     * @return (n_mels, frames) in dB
     */
    public float[] logMel(float[] signal) {
        float[] mel = melPower(signal);
        PowerToDecibels.apply(mel, 0, mel.length, 1.0, settings.amin(), settings.topDb());
        return mel;
    }
}

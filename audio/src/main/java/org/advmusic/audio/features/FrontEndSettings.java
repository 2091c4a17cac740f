package org.advmusic.audio.features;

import org.advmusic.audio.dsp.Framing;
import org.advmusic.audio.dsp.MelFilterbank;
import org.advmusic.audio.dsp.MelNormalization;
import org.advmusic.audio.dsp.MelScale;
import org.advmusic.audio.dsp.PaddingMode;

/**
 * The spectral front end, librosa's {@code melspectrogram} + {@code power_to_db} settings. The power
 * exponent is always 2 (a power spectrogram).
 *
 * @param sampleRate       audio is resampled to this rate (Hz)
 * @param fftSize          n_fft, also the window length
 * @param hopLength        samples between frames
 * @param center           pad by n_fft / 2 on both sides (librosa's center=True)
 * @param padding          zeros (librosa >= 0.9) or reflect (older)
 * @param melBands         n_mels
 * @param minFrequency     fmin (Hz)
 * @param maxFrequency     fmax (Hz)
 * @param melScale         Slaney (librosa) or HTK
 * @param melNormalization Slaney area normalisation or none
 * @param amin             power floor of power_to_db
 * @param topDb            power_to_db's floor below the maximum
 */
public record FrontEndSettings(int sampleRate, int fftSize, int hopLength, boolean center, PaddingMode padding,
                               int melBands, double minFrequency, double maxFrequency, MelScale melScale,
                               MelNormalization melNormalization, double amin, double topDb) {

    public FrontEndSettings {
        if (sampleRate <= 0 || fftSize <= 0 || fftSize % 2 != 0 || hopLength <= 0 || melBands <= 0) {
            throw new IllegalArgumentException("front end: need positive sample rate, an even n_fft, positive hop "
                    + "and n_mels; got sr " + sampleRate + ", n_fft " + fftSize + ", hop " + hopLength + ", n_mels " + melBands);
        }
    }

    /**
     * librosa's defaults: 22050 Hz, n_fft 2048, hop 512, centred with zeros, 128 Slaney mels from 0 to
     * 11025 Hz, amin 1e-10, top_db 80.
     */
    public static FrontEndSettings librosaDefaults() {
        return new FrontEndSettings(22050, 2048, 512, true, PaddingMode.ZERO, 128, 0.0, 11025.0,
                MelScale.SLANEY, MelNormalization.SLANEY, 1e-10, 80.0);
    }

    /** These settings with another padding mode. */
    public FrontEndSettings withPadding(PaddingMode mode) {
        return new FrontEndSettings(sampleRate, fftSize, hopLength, center, mode, melBands, minFrequency, maxFrequency,
                melScale, melNormalization, amin, topDb);
    }

    /** These settings with another mel scale and normalisation (HTK / NONE for torchaudio's defaults). */
    public FrontEndSettings withMel(MelScale scale, MelNormalization normalization) {
        return new FrontEndSettings(sampleRate, fftSize, hopLength, center, padding, melBands, minFrequency, maxFrequency,
                scale, normalization, amin, topDb);
    }

    /** The STFT framing. */
    public Framing framing() {
        return new Framing(fftSize, hopLength, center, padding);
    }

    /** The mel filterbank. */
    public MelFilterbank filterbank() {
        return new MelFilterbank(sampleRate, fftSize, melBands, minFrequency, maxFrequency, melScale, melNormalization);
    }

    /** Frames for a clip of {@code samples} samples (130 for 66150 with the defaults). */
    public int frames(int samples) {
        return framing().frameCount(samples);
    }
}

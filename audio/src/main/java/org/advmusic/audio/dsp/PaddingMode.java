package org.advmusic.audio.dsp;

/** How a centred STFT pads the signal's ends by n_fft / 2 samples. */
public enum PaddingMode {
    /** Zeros: librosa >= 0.9 ({@code pad_mode='constant'}). */
    ZERO,
    /** Mirror without repeating the edge sample (numpy 'reflect'): older librosa. */
    REFLECT
}

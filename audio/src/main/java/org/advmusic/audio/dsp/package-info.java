/**
 * The signal-processing pieces of the front end, each usable on its own and each a linear map or a
 * simple pointwise function, so that a differentiable front end can rebuild them from engine ops:
 * {@link org.advmusic.audio.dsp.Framing} (padding and framing), {@link org.advmusic.audio.dsp.HannWindow},
 * {@link org.advmusic.audio.dsp.DftBasis} (the one-sided DFT as two matrices),
 * {@link org.advmusic.audio.dsp.PowerSpectrogram} (the fast JTransforms STFT),
 * {@link org.advmusic.audio.dsp.MelFilterbank} (an (n_mels, 1 + n_fft/2) matrix),
 * {@link org.advmusic.audio.dsp.PowerToDecibels}, {@link org.advmusic.audio.dsp.DecibelMapping} (the fixed
 * dB to [0, 1] map) and {@link org.advmusic.audio.dsp.DctBasis} (orthonormal DCT-II); plus the
 * band-limited {@link org.advmusic.audio.dsp.Resampler}.
 */
package org.advmusic.audio.dsp;

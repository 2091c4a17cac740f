/**
 * WAV files in and out through {@code javax.sound.sampled}: PCM 8/16/24/32-bit and float, any channel
 * count (mixed down to mono) and any sample rate (resampled with a band-limited windowed-sinc filter).
 */
package org.advmusic.audio.io;

package org.advmusic.audio.io;

/**
 * Audio as decoded from a file: one float array per channel, samples in [-1, 1], and the file's
 * sample rate.
 *
 * @param channels   (channels, frames) samples; every channel has the same length
 * @param sampleRate frames per second as stored in the file
 * @param encoding   the stored encoding in words, e.g. "PCM_SIGNED 16 bit", for reports
 */
public record DecodedAudio(float[][] channels, float sampleRate, String encoding) {

    public DecodedAudio {
        if (channels.length == 0) {
            throw new IllegalArgumentException("audio needs at least one channel");
        }
        for (float[] c : channels) {
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException("channels have different lengths: " + c.length + " and " + channels[0].length);
            }
        }
    }

    /** Number of frames (samples per channel). */
    public int frames() {
        return channels[0].length;
    }

    /** Duration in seconds. */
    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /** The channel average, as librosa's {@code to_mono}: a new array (the channel itself when mono). */
    public float[] mixDown() {
        if (channels.length == 1) {
            return channels[0];
        }
        float[] mono = new float[frames()];
        for (float[] channel : channels) {
            for (int i = 0; i < mono.length; i++) {
                mono[i] += channel[i];
            }
        }
        float scale = 1f / channels.length;
        for (int i = 0; i < mono.length; i++) {
            mono[i] *= scale;
        }
        return mono;
    }
}

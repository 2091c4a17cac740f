package org.advmusic.audio.waveform;

import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.StraightThrough;

/**
 * The 16-bit PCM grid exactly as {@link org.advmusic.audio.io.WavWriter} writes a sample and
 * {@link org.advmusic.audio.io.WavReader} reads it back: {@code code = clamp(rint(clip(x, -1, 1) 32768),
 * -32768, 32767)}, {@code value = code / 32768}. A waveform on this grid survives a 16-bit WAV round
 * trip bit for bit, which is what lets an attack check its result after quantising.
 */
public final class Pcm16 {
    /** Quantisation steps per unit of amplitude. */
    public static final double STEPS = 32768.0;

    private Pcm16() {
    }

    /** One sample on the 16-bit grid. */
    public static float quantize(double sample) {
        double clipped = Math.max(-1.0, Math.min(1.0, sample));
        return (float) (Math.max(-STEPS, Math.min(STEPS - 1, Math.rint(clipped * STEPS))) / STEPS);
    }

    /** Every sample on the 16-bit grid (a new array). */
    public static float[] quantize(float[] samples) {
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = quantize(samples[i]);
        }
        return out;
    }

    /**
     * Waveforms on the 16-bit grid with the identity as gradient (BPDA), so that an attack on a
     * classifier behind this step optimises through the rounding and checks every point after it.
     *
     * @param waveforms (N, samples), any backend
     * @return the quantised waveforms, same shape
     */
    public static Tensor quantizeStraightThrough(Tensor waveforms) {
        return StraightThrough.apply(waveforms, w -> Tensor.fromArray(w.backend(), quantize(w.toFloatArray()),
                w.shape().dims()));
    }
}

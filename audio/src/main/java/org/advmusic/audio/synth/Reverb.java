package org.advmusic.audio.synth;

/**
 * A small Schroeder room: four damped feedback comb filters in parallel, then two all-pass filters
 * in series (Freeverb's delay lengths, scaled to the sample rate).
 */
final class Reverb {
    private static final int[] COMB_DELAYS_44K = {1116, 1188, 1277, 1356};
    private static final int[] ALLPASS_DELAYS_44K = {556, 441};
    private static final double FEEDBACK = 0.8;
    private static final double DAMPING = 0.3;
    private static final double ALLPASS_GAIN = 0.5;

    private Reverb() {
    }

    /** The reverberated (wet only) copy of {@code dry}. */
    static float[] wet(float[] dry, int sampleRate) {
        double scale = sampleRate / 44100.0;
        float[] sum = new float[dry.length];
        for (int delay44 : COMB_DELAYS_44K) {
            int delay = Math.max(1, (int) (delay44 * scale));
            float[] line = new float[delay];
            double filtered = 0;
            int at = 0;
            for (int i = 0; i < dry.length; i++) {
                double out = line[at];
                filtered = out * (1 - DAMPING) + filtered * DAMPING;
                line[at] = (float) (dry[i] + filtered * FEEDBACK);
                sum[i] += (float) (out * 0.25);
                at = at + 1 == delay ? 0 : at + 1;
            }
        }
        for (int delay44 : ALLPASS_DELAYS_44K) {
            int delay = Math.max(1, (int) (delay44 * scale));
            float[] line = new float[delay];
            int at = 0;
            for (int i = 0; i < sum.length; i++) {
                double buffered = line[at];
                double in = sum[i];
                line[at] = (float) (in + buffered * ALLPASS_GAIN);
                sum[i] = (float) (buffered - in);
                at = at + 1 == delay ? 0 : at + 1;
            }
        }
        return sum;
    }
}

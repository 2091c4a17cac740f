package org.advmusic.attacks.waveform;

/**
 * The baseline representation: one coefficient per sample ({@code delta[i] = amplitude * z[i]}), so
 * the search runs in the full waveform space (132,300 dimensions for 3 s at 44.1 kHz).
 */
public final class RawSampleBasis implements PerturbationBasis {
    private final int samples;

    /** @param samples the waveform length */
    public RawSampleBasis(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("raw-sample basis: " + samples + " samples, expected >= 1");
        }
        this.samples = samples;
    }

    @Override
    public int dimension() {
        return samples;
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public void addTo(double[] coefficients, double amplitude, float[] out) {
        for (int i = 0; i < samples; i++) {
            out[i] += (float) (amplitude * coefficients[i]);
        }
    }

    @Override
    public String describe() {
        return "raw samples (" + samples + " coefficients)";
    }
}

package org.advmusic.attacks.waveform;

import java.util.concurrent.atomic.AtomicLong;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * A black-box waveform pipeline seen through a perturbation representation, so that an attack on
 * vectors (the {@link org.advmusic.attacks.GeneticAttack}) searches waveform perturbations: a row of
 * coefficients {@code z} in [-1, 1]^D becomes the waveform
 * {@code clip(clean + clip(basis(z) * amplitude, -amplitude, amplitude), -1, 1)}, which the scorer
 * classifies. The perturbation's peak never exceeds {@code amplitude} (the peak-dBFS budget).
 * Not differentiable; counts its queries.
 */
public final class PerturbedWaveformModel implements Classifier {
    private final float[] clean;
    private final PerturbationBasis basis;
    private final double amplitude;
    private final WaveformScorer scorer;
    private final AtomicLong queries = new AtomicLong();

    /**
     * @param clean     the clean waveform (length {@code basis.samples()}); not modified
     * @param basis     the representation
     * @param amplitude the perturbation's peak limit (linear, e.g. 10^(-40/20) for -40 dBFS)
     * @param scorer    the black box
     */
    public PerturbedWaveformModel(float[] clean, PerturbationBasis basis, double amplitude, WaveformScorer scorer) {
        if (clean.length != basis.samples()) {
            throw new IllegalArgumentException("clean waveform has " + clean.length + " samples, the basis makes "
                    + basis.samples());
        }
        if (!(amplitude > 0) || amplitude > 2) {
            throw new IllegalArgumentException("perturbation peak " + amplitude + " must be in (0, 2]");
        }
        this.clean = clean;
        this.basis = basis;
        this.amplitude = amplitude;
        this.scorer = scorer;
    }

    /** The perturbed waveform of one coefficient vector (D). */
    public float[] waveform(double[] coefficients) {
        float[] delta = new float[clean.length];
        basis.addTo(coefficients, amplitude, delta);
        float[] out = new float[clean.length];
        for (int i = 0; i < out.length; i++) {
            double d = Math.max(-amplitude, Math.min(amplitude, delta[i]));
            out[i] = (float) Math.max(-1.0, Math.min(1.0, clean[i] + d));
        }
        return out;
    }

    /** (N, D) coefficient rows -> (N, K) scores of the perturbed waveforms. */
    @Override
    public Tensor logits(Tensor batch) {
        batch.requireRank("perturbed waveform model", 2, "(N, coefficients)");
        int n = batch.dim(0);
        int d = batch.dim(1);
        if (d != basis.dimension()) {
            throw new IllegalArgumentException("perturbed waveform model expects " + basis.dimension()
                    + " coefficients per row, got " + d);
        }
        double[] all = batch.toDoubleArray();
        double[] out = null;
        int classes = 0;
        for (int r = 0; r < n; r++) {
            double[] row = java.util.Arrays.copyOfRange(all, r * d, (r + 1) * d);
            double[] scores = scorer.scores(waveform(row));
            queries.incrementAndGet();
            if (out == null) {
                classes = scores.length;
                out = new double[n * classes];
            }
            System.arraycopy(scores, 0, out, r * classes, classes);
        }
        return Tensor.fromArray(batch.backend(), out, n, classes);
    }

    /** Scorer calls so far. */
    public long queries() {
        return queries.get();
    }
}

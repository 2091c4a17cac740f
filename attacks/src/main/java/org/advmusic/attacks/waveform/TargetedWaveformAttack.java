package org.advmusic.attacks.waveform;

import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.GeneticAttack;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;

/**
 * A targeted genetic black-box attack on an audio signal: the {@link GeneticAttack} searches the
 * coefficients of a {@link PerturbationBasis} (Linf ball of radius 1 around zero, box [-1, 1]) while
 * the {@link PerturbedWaveformModel} turns each candidate into a waveform within a peak budget and
 * queries the black box. Fitness with scores is the genetic attack's targeted log-odds of the
 * scores ({@code log p_t - log sum_{j != t} p_j} over their softmax); in labels-only mode only the
 * predicted class is read. Once the target is reached the perturbation is shrunk towards zero by
 * bisection ({@code minimizeSteps} queries), so the result is close to the smallest scaling of the
 * found direction that still fools the box.
 */
public final class TargetedWaveformAttack {
    private final PerturbationBasis basis;
    private final double peakDbfs;
    private final GeneticAttack.Settings settings;

    /**
     * @param basis    the representation searched
     * @param peakDbfs the perturbation's peak budget in dBFS (e.g. -30)
     * @param settings population, query budget, rates, feedback, minimisation steps, seed
     */
    public TargetedWaveformAttack(PerturbationBasis basis, double peakDbfs, GeneticAttack.Settings settings) {
        if (!(peakDbfs <= 6) || Double.isNaN(peakDbfs)) {
            throw new IllegalArgumentException("peak budget " + peakDbfs + " dBFS; expected a finite value <= 6 dBFS");
        }
        this.basis = basis;
        this.peakDbfs = peakDbfs;
        this.settings = settings;
    }

    /**
     * The outcome for one waveform.
     *
     * @param succeeded   whether the black box labels {@code adversarial} as the target (as the attack saw it)
     * @param status      the genetic attack's status (ALREADY_AT_TARGET when the clean signal is already the target)
     * @param adversarial the perturbed waveform (the clean one when nothing was found)
     * @param prediction  the black box's label for {@code adversarial}
     * @param queries     black-box queries spent
     */
    public record Outcome(boolean succeeded, SampleStatus status, float[] adversarial, int prediction, long queries) {
    }

    /**
     * Attacks {@code clean} (not modified), labelled {@code source}, towards {@code target}.
     *
     * @param classes the number of classes the scorer returns (for checking the target)
     */
    public Outcome run(float[] clean, int source, int target, int classes, WaveformScorer scorer) {
        if (target < 0 || target >= classes) {
            throw new IllegalArgumentException("target class " + target + " is not one of the " + classes + " classes");
        }
        if (target == source) {
            throw new IllegalArgumentException("target class " + target + " equals the source class; a targeted attack "
                    + "needs another class");
        }
        double amplitude = Math.pow(10, peakDbfs / 20);
        PerturbedWaveformModel model = new PerturbedWaveformModel(clean, basis, amplitude, scorer);
        ThreatModel threat = new ThreatModel(Norm.LINF, 1.0, new InputBox(-1, 1), new Targeting.Given(new int[] {target}));
        Tensor origin = Tensor.zeros(Backends.reference(), org.advmusic.engine.Shape.of(1, basis.dimension()));
        AttackResult result = new GeneticAttack(threat, settings).run(model, origin, new int[] {source});
        double[] coefficients = result.adversarial().toDoubleArray();
        SampleStatus status = result.status()[0];
        boolean succeeded = status == SampleStatus.SUCCEEDED;
        return new Outcome(succeeded, status, model.waveform(coefficients), result.adversarialPredictions()[0],
                model.queries());
    }
}

package org.advmusic.attacks;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * The fast gradient sign method (Goodfellow et al. 2015) and its L2 form, the fast gradient method:
 * one step {@code x' = clip(x + eps * sign(grad_x loss))} for Linf, or
 * {@code x' = clip(x + eps * grad / ||grad||_2)} for L2, on the cross-entropy (away from the label, or
 * towards the target). With a random start it is the "FGSM-RS" of fast adversarial training (Wong,
 * Rice, Kolter 2020): start uniformly in the ball, step {@code stepSize} (1.25 eps there), project back.
 */
public final class Fgsm extends AbstractAttack implements LossMaximizer {
    private final boolean randomStart;
    private final double stepSize;
    private final long seed;

    /** Plain FGSM/FGM: no random start, one step of size epsilon. */
    public Fgsm(ThreatModel threatModel) {
        this(threatModel, false, threatModel.epsilon(), 0);
    }

    /**
     * @param randomStart start from a uniform point of the epsilon ball
     * @param stepSize    the length of the step (epsilon for plain FGSM)
     * @param seed        seed of the random start
     */
    public Fgsm(ThreatModel threatModel, boolean randomStart, double stepSize, long seed) {
        super(threatModel);
        if (!(stepSize >= 0) || Double.isInfinite(stepSize) || Double.isInfinite(threatModel.epsilon())) {
            throw new IllegalArgumentException("FGSM: step size " + stepSize + " and epsilon " + threatModel.epsilon()
                    + " must be finite and >= 0");
        }
        this.randomStart = randomStart;
        this.stepSize = stepSize;
        this.seed = seed;
    }

    @Override
    public String name() {
        String base = threatModel().norm() == Norm.LINF ? "FGSM" : "FGM-L2";
        return randomStart ? base + "-RS" : base;
    }

    /** Perturbs every sample (untargeted, no success bookkeeping): the inner step of adversarial training. */
    @Override
    public Tensor perturb(Classifier model, Tensor inputs, int[] labels) {
        threatModel().box().requireInside(name(), inputs);
        return threatModel().box().clip(attack(model, inputs, labels, null).adversarial());
    }

    @Override
    protected CoreResult attack(Classifier model, Tensor inputs, int[] labels, int[] targets) {
        ThreatModel tm = threatModel();
        int n = labels.length;
        double[] epsilon = PerSample.constant(n, tm.epsilon());
        Tensor start = randomStart ? BallSampling.uniform(tm.norm(), inputs, tm.epsilon(), CounterRandom.derive(seed, 0))
                : inputs;
        InputGradient.Evaluation e = InputGradient.evaluate(model, tm.box().clip(start), AttackObjective.crossEntropy(labels, targets));
        Tensor adversarial;
        try (var ignored = Autograd.noGrad()) {
            Tensor direction = SteepestAscent.direction(tm.norm(), e.gradient());
            Tensor delta = tm.box().clip(start).add(direction.mul(stepSize)).sub(inputs);
            adversarial = tm.box().clip(inputs.add(PerSample.project(tm.norm(), delta, epsilon)));
        }
        long[] evaluations = new long[n];
        java.util.Arrays.fill(evaluations, 1);
        int[] steps = new int[n];
        java.util.Arrays.fill(steps, 1);
        boolean[] invalid = new boolean[n];
        for (int i = 0; i < n; i++) {
            invalid[i] = !e.finite()[i];
        }
        return new CoreResult(adversarial, evaluations, new long[n], steps, invalid);
    }
}

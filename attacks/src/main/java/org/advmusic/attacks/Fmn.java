package org.advmusic.attacks;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * The fast minimum-norm attack (Pintor et al., NeurIPS 2021), L2 and Linf. Each step moves the
 * perturbation {@code delta} along the L2-normalised gradient of the logit difference (also for
 * Linf, as in the original), then projects it onto a ball of radius {@code eps_k} that adapts per
 * sample: while the point is adversarial the radius shrinks, {@code eps <- min(eps (1 - gamma), best)};
 * before any adversarial point is found it jumps just past the linear estimate of the boundary,
 * {@code (||delta|| + |loss| / ||grad||_dual) (1 + gamma)} (the paper jumps onto it, where a linear
 * model's point is adversarial or not by rounding alone); afterwards it grows by {@code (1 + gamma)}. The step
 * size {@code alpha} and {@code gamma} decay with a cosine schedule. Each sample keeps its smallest
 * adversarial perturbation.
 */
public final class Fmn extends AbstractAttack {

    /**
     * @param steps        iterations (at least 1)
     * @param alphaInitial first step size, decayed to {@code alphaFinal} with a cosine schedule
     * @param gammaInitial first radius factor (0.05 in the paper), decayed to {@code gammaFinal}
     */
    public record Settings(int steps, double alphaInitial, double alphaFinal, double gammaInitial, double gammaFinal) {
        /** Validates the settings, naming the bad value. */
        public Settings {
            if (steps < 1 || !(alphaInitial > 0) || !(alphaFinal > 0) || !(gammaInitial > 0 && gammaInitial < 1)
                    || !(gammaFinal > 0 && gammaFinal < 1)) {
                throw new IllegalArgumentException("FMN: steps " + steps + ", alpha " + alphaInitial + " -> " + alphaFinal
                        + ", gamma " + gammaInitial + " -> " + gammaFinal
                        + "; expected steps >= 1, alphas > 0 and gammas in (0, 1)");
            }
        }

        /** The reference settings: alpha 1 -> 0.01, gamma 0.05 -> 0.001. */
        public static Settings standard(int steps) {
            return new Settings(steps, 1.0, 0.01, 0.05, 0.001);
        }
    }

    private final Settings settings;

    /** @param threatModel its epsilon bounds what counts as a success (infinity: any adversarial) */
    public Fmn(ThreatModel threatModel, Settings settings) {
        super(threatModel);
        this.settings = settings;
    }

    @Override
    public String name() {
        return "FMN-" + threatModel().norm().label();
    }

    @Override
    protected CoreResult attack(Classifier model, Tensor inputs, int[] labels, int[] targets) {
        ThreatModel tm = threatModel();
        Norm norm = tm.norm();
        int n = labels.length;
        Goal goal = new Goal(labels, targets);
        AttackObjective objective = AttackObjective.logitMargin(labels, targets);
        double[] worst = MinimumNormTracker.worstNorms(norm, inputs, tm.box());
        MinimumNormTracker tracker = new MinimumNormTracker(inputs, worst);
        double[] epsilon = PerSample.constant(n, Double.POSITIVE_INFINITY);
        boolean[] invalid = new boolean[n];
        Tensor delta = Tensor.zeros(inputs.backend(), inputs.shape());
        for (int k = 0; k < settings.steps(); k++) {
            double cosine = (1 + Math.cos(Math.PI * k / settings.steps())) / 2;
            double alpha = settings.alphaFinal() + (settings.alphaInitial() - settings.alphaFinal()) * cosine;
            double gamma = settings.gammaFinal() + (settings.gammaInitial() - settings.gammaFinal()) * cosine;
            Tensor next;
            try (MemoryScope scope = MemoryScope.open()) {
                double[] deltaNorm = PerSample.norms(norm, delta);
                Tensor candidate;
                try (var ignored = Autograd.noGrad()) {
                    candidate = inputs.add(delta);
                }
                InputGradient.Evaluation e = InputGradient.evaluate(model, candidate, objective);
                boolean[] adversarial = new boolean[n];
                for (int i = 0; i < n; i++) {
                    invalid[i] |= !e.finite()[i];
                    adversarial[i] = e.finite()[i] && goal.reached(i, e.predictions()[i]);
                }
                tracker.offer(candidate, deltaNorm, adversarial);
                double[] gradientDual = PerSample.dualNorms(norm, e.gradient());
                for (int i = 0; i < n; i++) {
                    double distanceToBoundary = Math.abs(e.losses()[i]) / Math.max(gradientDual[i], PerSample.TINY_NORM);
                    if (adversarial[i]) {
                        epsilon[i] = Math.min(epsilon[i] * (1 - gamma), tracker.bestNorms()[i]);
                    } else if (tracker.found(i)) {
                        epsilon[i] = epsilon[i] * (1 + gamma);
                    } else if (Double.isFinite(distanceToBoundary)) {
                        // past the linear estimate by (1 + gamma): where the model is linear the estimate lies
                        // exactly on the boundary, and a point there is adversarial or not by rounding alone
                        epsilon[i] = (deltaNorm[i] + distanceToBoundary) * (1 + gamma);
                    }
                    epsilon[i] = Math.min(epsilon[i], worst[i]);
                }
                try (var ignored = Autograd.noGrad()) {
                    Tensor stepped = delta.add(PerSample.normalizeL2(e.gradient()).mul(alpha));
                    Tensor projected = PerSample.project(norm, stepped, epsilon);
                    next = tm.box().clip(inputs.add(projected)).sub(inputs).keep();
                }
            }
            delta.release();
            delta = next;
        }
        offerFinal(model, norm, inputs, delta, objective, goal, tracker, invalid);
        delta.release();
        long[] evaluations = new long[n];
        Arrays.fill(evaluations, settings.steps());
        int[] steps = new int[n];
        Arrays.fill(steps, settings.steps());
        return new CoreResult(tracker.best(), evaluations, new long[n], steps, invalid);
    }

    /** The last iterate is checked too (the loop checks each point before moving it). */
    static void offerFinal(Classifier model, Norm norm, Tensor inputs, Tensor delta, AttackObjective objective, Goal goal,
                           MinimumNormTracker tracker, boolean[] invalid) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor candidate;
            try (var ignored = Autograd.noGrad()) {
                candidate = inputs.add(delta);
            }
            InputGradient.Evaluation last = InputGradient.score(model, candidate, objective);
            boolean[] adversarial = new boolean[invalid.length];
            for (int i = 0; i < adversarial.length; i++) {
                invalid[i] |= !last.finite()[i];
                adversarial[i] = last.finite()[i] && goal.reached(i, last.predictions()[i]);
            }
            tracker.offer(candidate, PerSample.norms(norm, delta), adversarial);
        }
    }
}

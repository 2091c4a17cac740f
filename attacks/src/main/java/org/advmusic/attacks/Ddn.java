package org.advmusic.attacks;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * Decoupled direction and norm (Rony et al., CVPR 2019), an L2 minimum-norm attack. Each step takes
 * a gradient step of length {@code alpha} (cosine-annealed from 1 to 0.01) along the normalised
 * gradient of the loss (the logit difference by default, the paper's cross-entropy as an option: see
 * {@link Loss}), then rescales the perturbation to norm {@code eps}, where
 * {@code eps} is multiplied by {@code (1 - gamma)} when the current point is adversarial and by
 * {@code (1 + gamma)} when it is not. Each sample keeps its smallest adversarial perturbation.
 */
public final class Ddn extends AbstractAttack {

    /** The loss whose normalised gradient gives each step's direction. */
    public enum Loss {
        /**
         * The logit difference of {@link Fmn} (the default): its gradient is the normal of the nearest
         * competing class's boundary, so on a locally linear model the iterates settle on the minimal
         * perturbation.
         */
        LOGIT_MARGIN,
        /**
         * The paper's cross-entropy: its gradient mixes every class's direction by its probability, so
         * on a multi-class linear model the iterates settle up to a few percent above the minimal norm.
         */
        CROSS_ENTROPY
    }

    /**
     * @param steps       iterations (100 typical)
     * @param initialNorm the starting norm {@code eps_0} (1 in the paper)
     * @param gamma       the norm's multiplicative change per step (0.05)
     * @param seed        seed of the random direction used where a gradient vanishes
     * @param loss        the loss that gives the step direction
     */
    public record Settings(int steps, double initialNorm, double gamma, long seed, Loss loss) {
        /** Validates the settings, naming the bad value. */
        public Settings {
            if (steps < 1 || !(initialNorm > 0) || !(gamma > 0 && gamma < 1) || loss == null) {
                throw new IllegalArgumentException("DDN: steps " + steps + ", initial norm " + initialNorm + ", gamma "
                        + gamma + ", loss " + loss + "; expected steps >= 1, initial norm > 0, gamma in (0, 1) and a loss");
            }
        }

        /** The settings with the logit-difference loss. */
        public Settings(int steps, double initialNorm, double gamma, long seed) {
            this(steps, initialNorm, gamma, seed, Loss.LOGIT_MARGIN);
        }

        /** Initial norm 1 and gamma 0.05 as in the paper, with the logit-difference loss. */
        public static Settings standard(int steps) {
            return new Settings(steps, 1.0, 0.05, 0);
        }
    }

    private static final double FINAL_STEP = 0.01;

    private final Settings settings;

    /** @param threatModel must use the L2 norm; its epsilon bounds what counts as a success */
    public Ddn(ThreatModel threatModel, Settings settings) {
        super(threatModel);
        if (threatModel.norm() != Norm.L2) {
            throw new IllegalArgumentException("DDN is an L2 attack; the threat model uses " + threatModel.norm());
        }
        this.settings = settings;
    }

    @Override
    public String name() {
        return "DDN-L2";
    }

    @Override
    protected CoreResult attack(Classifier model, Tensor inputs, int[] labels, int[] targets) {
        ThreatModel tm = threatModel();
        int n = labels.length;
        Goal goal = new Goal(labels, targets);
        AttackObjective objective = settings.loss() == Loss.CROSS_ENTROPY ? AttackObjective.crossEntropy(labels, targets)
                : AttackObjective.logitMargin(labels, targets);
        double[] worst = MinimumNormTracker.worstNorms(Norm.L2, inputs, tm.box());
        MinimumNormTracker tracker = new MinimumNormTracker(inputs, worst);
        double[] radius = PerSample.constant(n, settings.initialNorm());
        boolean[] invalid = new boolean[n];
        Tensor delta = Tensor.zeros(inputs.backend(), inputs.shape());
        for (int k = 0; k < settings.steps(); k++) {
            // PyTorch's CosineAnnealingLR from 1 to 0.01, stepped before each use as in the reference code
            double alpha = FINAL_STEP + (1 - FINAL_STEP) * (1 + Math.cos(Math.PI * (k + 1) / settings.steps())) / 2;
            Tensor next;
            try (MemoryScope scope = MemoryScope.open()) {
                double[] deltaNorm = PerSample.l2(delta);
                Tensor candidate;
                try (var ignored = Autograd.noGrad()) {
                    candidate = inputs.add(delta);
                }
                InputGradient.Evaluation e = InputGradient.evaluate(model, candidate, objective);
                boolean[] adversarial = new boolean[n];
                for (int i = 0; i < n; i++) {
                    invalid[i] |= !e.finite()[i];
                    adversarial[i] = e.finite()[i] && goal.reached(i, e.predictions()[i]);
                    radius[i] = Math.min(radius[i] * (adversarial[i] ? 1 - settings.gamma() : 1 + settings.gamma()), worst[i]);
                }
                tracker.offer(candidate, deltaNorm, adversarial);
                try (var ignored = Autograd.noGrad()) {
                    Tensor direction = unitDirection(e.gradient(), k);
                    Tensor stepped = delta.add(direction.mul(alpha));
                    double[] length = PerSample.l2(stepped);
                    double[] rescale = new double[n];
                    for (int i = 0; i < n; i++) {
                        rescale[i] = radius[i] / Math.max(length[i], PerSample.TINY_NORM);
                    }
                    next = tm.box().clip(inputs.add(PerSample.scaleRows(stepped, rescale))).sub(inputs).keep();
                }
            }
            delta.release();
            delta = next;
        }
        Fmn.offerFinal(model, Norm.L2, inputs, delta, objective, goal, tracker, invalid);
        delta.release();
        long[] evaluations = new long[n];
        Arrays.fill(evaluations, settings.steps());
        int[] steps = new int[n];
        Arrays.fill(steps, settings.steps());
        return new CoreResult(tracker.best(), evaluations, new long[n], steps, invalid);
    }

    /** The L2-normalised gradient; a sample whose gradient vanished gets a random direction instead. */
    private Tensor unitDirection(Tensor gradient, int step) {
        double[] lengths = PerSample.l2(gradient);
        boolean vanished = false;
        for (double length : lengths) {
            vanished |= !(length > PerSample.TINY_NORM);
        }
        Tensor direction = PerSample.normalizeL2(gradient);
        if (!vanished) {
            return direction;
        }
        int[] rows = new int[lengths.length];
        int count = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (!(lengths[i] > PerSample.TINY_NORM)) {
                rows[count++] = i;
            }
        }
        int[] selected = Arrays.copyOf(rows, count);
        Tensor random = Tensor.randn(gradient.backend(), CounterRandom.derive(settings.seed(), step),
                gradient.shape().withDim(0, count));
        return InPlace.setRows(direction.copy(), selected, PerSample.normalizeL2(random));
    }
}

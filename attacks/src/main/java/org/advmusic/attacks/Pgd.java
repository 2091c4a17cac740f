package org.advmusic.attacks;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * Projected gradient descent (Madry et al. 2018) on the cross-entropy, in Linf or L2: from a random
 * start in the epsilon ball, {@code steps} steps of size {@code stepPerEpsilon * epsilon} along the steepest-ascent
 * direction (the gradient's sign for Linf, the normalised gradient for L2), each followed by the
 * projection back onto the ball and the input box. With restarts, each sample keeps its best
 * outcome (an adversarial one, else the highest loss). With early stopping, a sample stops as soon
 * as it reaches the goal.
 */
public final class Pgd extends AbstractAttack implements LossMaximizer {

    /**
     * How PGD runs, independent of the budget: the step length is a multiple of the threat model's
     * epsilon, so the same settings stay right for {@link ThreatModel#withEpsilon} (the step is
     * computed when the attack runs). Build with {@link #madry(int)} and the {@code with...} methods.
     *
     * @param steps          gradient steps per restart (at least 1)
     * @param stepPerEpsilon the length of each step in the threat model's norm, as a multiple of epsilon
     * @param randomStart    start uniformly inside the ball (else at the clean input)
     * @param restarts       independent runs, the best kept per sample (at least 1)
     * @param earlyStop      stop each sample once it reaches the goal
     * @param seed           seed of the random starts
     */
    public record Settings(int steps, double stepPerEpsilon, boolean randomStart, int restarts, boolean earlyStop, long seed) {
        /** Validates the settings, naming the bad value. */
        public Settings {
            if (steps < 1 || restarts < 1 || !(stepPerEpsilon > 0) || Double.isInfinite(stepPerEpsilon)) {
                throw new IllegalArgumentException("PGD: steps " + steps + ", restarts " + restarts + ", step per epsilon "
                        + stepPerEpsilon + "; expected steps >= 1, restarts >= 1 and a finite step per epsilon > 0");
            }
        }

        /** Madry's rule of thumb: {@code steps} steps of {@code 2.5 eps / steps}, random start, one restart, seed 0. */
        public static Settings madry(int steps) {
            return new Settings(steps, 2.5 / Math.max(1, steps), true, 1, false, 0);
        }

        /** These settings with {@code steps} steps, the step rule unchanged (2.5 eps / steps stays 2.5 eps / steps). */
        public Settings withSteps(int steps) {
            return new Settings(steps, stepPerEpsilon * this.steps / Math.max(1, steps), randomStart, restarts, earlyStop, seed);
        }

        /** These settings with each step {@code stepPerEpsilon * epsilon} long. */
        public Settings withStepPerEpsilon(double stepPerEpsilon) {
            return new Settings(steps, stepPerEpsilon, randomStart, restarts, earlyStop, seed);
        }

        /** These settings with {@code restarts} independent runs. */
        public Settings withRestarts(int restarts) {
            return new Settings(steps, stepPerEpsilon, randomStart, restarts, earlyStop, seed);
        }

        /** These settings starting at the clean input. */
        public Settings withoutRandomStart() {
            return new Settings(steps, stepPerEpsilon, false, restarts, earlyStop, seed);
        }

        /** These settings with each sample stopping once it reaches the goal. */
        public Settings withEarlyStop() {
            return new Settings(steps, stepPerEpsilon, randomStart, restarts, true, seed);
        }

        /** These settings with another seed of the random starts. */
        public Settings withSeed(long seed) {
            return new Settings(steps, stepPerEpsilon, randomStart, restarts, earlyStop, seed);
        }

        /** The step length under {@code threatModel}: {@code stepPerEpsilon * epsilon}. */
        public double stepSize(ThreatModel threatModel) {
            return stepPerEpsilon * threatModel.epsilon();
        }
    }

    private final Settings settings;
    private final AttackObjective.Factory objective;
    private final String name;

    /** PGD on the cross-entropy. */
    public Pgd(ThreatModel threatModel, Settings settings) {
        this(threatModel, settings, AttackObjective::crossEntropy, "PGD-" + threatModel.norm().label());
    }

    /**
     * PGD on another objective, for adaptive attacks (e.g. one that also keeps a detector quiet).
     *
     * @param name the attack's name in reports
     */
    public Pgd(ThreatModel threatModel, Settings settings, AttackObjective.Factory objective, String name) {
        super(threatModel);
        if (Double.isInfinite(threatModel.epsilon())) {
            throw new IllegalArgumentException("PGD: epsilon must be finite");
        }
        this.settings = settings;
        this.objective = objective;
        this.name = name;
    }

    /** The settings of this attack. */
    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return name;
    }

    /** Perturbs every sample (untargeted, no success bookkeeping): the inner step of adversarial training. */
    @Override
    public Tensor perturb(Classifier model, Tensor inputs, int[] labels) {
        threatModel().box().requireInside(name(), inputs);
        return threatModel().box().clip(attack(model, inputs, labels, null).adversarial());
    }

    @Override
    protected CoreResult attack(Classifier model, Tensor inputs, int[] labels, int[] targets) {
        int n = labels.length;
        Goal goal = new Goal(labels, targets);
        AttackObjective loss = objective.create(labels, targets);
        Tensor best = inputs.copy();
        boolean[] bestSuccess = new boolean[n];
        double[] bestLoss = PerSample.constant(n, Double.NEGATIVE_INFINITY);
        long[] evaluations = new long[n];
        int[] stepsRun = new int[n];
        boolean[] invalid = new boolean[n];
        for (int restart = 0; restart < settings.restarts(); restart++) {
            int[] pending = Goal.indicesWhere(bestSuccess, false);
            if (pending.length == 0) {
                break; // every sample already has an adversarial example
            }
            AttackObjective pendingObjective = loss.select(pending);
            Tensor clean = inputs.selectRowsDetached(pending);
            Tensor adversarial = runOnce(model, clean, pendingObjective, goal, pending,
                    CounterRandom.derive(settings.seed(), restart), evaluations, stepsRun, invalid);
            if (settings.restarts() == 1) {
                // nothing to compare with: the final iterates, except where the model's output turned non-finite
                // (those samples stay clean); no scoring pass (a forward pass, 1/8 of PGD-7's cost)
                int[] finite = Goal.indicesWhere(invalid, false);
                if (finite.length == n) {
                    best.release();
                    best = adversarial;
                } else {
                    if (finite.length > 0) {
                        InPlace.setRows(best, finite, adversarial.selectRowsDetached(finite));
                    }
                    adversarial.release();
                }
                clean.release();
                break;
            }
            InputGradient.Evaluation last = InputGradient.score(model, adversarial, pendingObjective);
            int[] improved = new int[pending.length];
            int[] improvedLocal = new int[pending.length];
            int count = 0;
            for (int j = 0; j < pending.length; j++) {
                int i = pending[j];
                boolean success = last.finite()[j] && goal.reached(i, last.predictions()[j]);
                if (success || last.finite()[j] && last.losses()[j] > bestLoss[i]) {
                    bestSuccess[i] = success;
                    bestLoss[i] = last.losses()[j];
                    improved[count] = i;
                    improvedLocal[count++] = j;
                }
            }
            if (count > 0) {
                InPlace.setRows(best, Arrays.copyOf(improved, count), adversarial.selectRowsDetached(Arrays.copyOf(improvedLocal, count)));
            }
            adversarial.release();
            clean.release();
        }
        return new CoreResult(best, evaluations, new long[n], stepsRun, invalid);
    }

    /**
     * One restart on the samples {@code rows} of the batch ({@code clean} holds exactly those rows);
     * returns their final iterates.
     */
    private Tensor runOnce(Classifier model, Tensor clean, AttackObjective objective, Goal goal, int[] rows, long seed,
                           long[] evaluations, int[] stepsRun, boolean[] invalid) {
        ThreatModel tm = threatModel();
        double[] radius = PerSample.constant(rows.length, tm.epsilon());
        Tensor adversarial = settings.randomStart()
                ? tm.box().clip(BallSampling.uniform(tm.norm(), clean, tm.epsilon(), seed)) : clean.copy();
        int[] active = Goal.identity(rows.length); // positions within `rows` still moving
        for (int step = 0; step < settings.steps() && active.length > 0; step++) {
            int[] moving = new int[active.length];
            int[] movingLocal = new int[active.length];
            int count = 0;
            try (MemoryScope scope = MemoryScope.open()) {
                boolean all = active.length == rows.length;
                Tensor current = all ? adversarial : adversarial.selectRowsDetached(active);
                Tensor origin = all ? clean : clean.selectRowsDetached(active);
                InputGradient.Evaluation e = InputGradient.evaluate(model, current, objective.select(active));
                for (int j = 0; j < active.length; j++) {
                    int i = rows[active[j]];
                    evaluations[i]++;
                    stepsRun[i]++;
                    if (!e.finite()[j]) {
                        invalid[i] = true; // frozen at its last finite point
                    } else if (!(settings.earlyStop() && goal.reached(i, e.predictions()[j]))) {
                        movingLocal[count] = j;
                        moving[count++] = active[j];
                    }
                }
                if (count > 0) {
                    try (var ignored = Autograd.noGrad()) {
                        // x <- clip_box(x0 + project_ball(x + alpha * direction(grad) - x0))
                        Tensor stepped = current.add(SteepestAscent.direction(tm.norm(), e.gradient()).mul(settings.stepSize(tm)));
                        Tensor delta = PerSample.project(tm.norm(), stepped.sub(origin), Arrays.copyOf(radius, active.length));
                        Tensor next = tm.box().clip(origin.add(delta));
                        InPlace.setRows(adversarial, Arrays.copyOf(moving, count),
                                count == active.length ? next : next.selectRowsDetached(Arrays.copyOf(movingLocal, count)));
                    }
                }
            }
            active = Arrays.copyOf(moving, count);
        }
        return adversarial;
    }
}

package org.advmusic.experiments.pipeline;

import java.util.Arrays;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.AttackObjective;
import org.advmusic.attacks.Ddn;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.Fmn;
import org.advmusic.attacks.GeneticAttack;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.SanityChecklist;
import org.advmusic.defenses.DefenseEvaluation;
import org.advmusic.defenses.adversarial.AdversarialTrainingSpec;
import org.advmusic.engine.Shape;
import org.advmusic.experiments.config.ExperimentConfig;

/**
 * Builds every attack of a run from its config, in one place: the budget table ({@link Budgets}),
 * PGD's steps, step rule (Madry's 2.5 eps / steps, so the step follows whatever budget the threat
 * model has), restarts and seed, the minimum-norm and genetic attacks, the checklist's settings, the
 * defense evaluation's and adversarial training's attacks.
 */
public final class AttackFactory {
    private final Budgets budgets;
    private final Budgets minimumNormBudgets;
    private final ExperimentConfig.AttackConfig attacks;
    private final ExperimentConfig.DefenseConfig defenses;
    private final long seed;

    public AttackFactory(Budgets budgets, Budgets minimumNormBudgets, ExperimentConfig.AttackConfig attacks,
                         ExperimentConfig.DefenseConfig defenses, long seed) {
        this.budgets = budgets;
        this.minimumNormBudgets = minimumNormBudgets;
        this.attacks = attacks;
        this.defenses = defenses;
        this.seed = seed;
    }

    /** The factory of a run: its budgets in the data's box, checked against the data's input size. */
    public static AttackFactory of(ExperimentConfig config, PreparedData data) {
        return of(config, data.box(), data.inputShape(), config.seed());
    }

    /**
     * The factory of the run's attacks in {@code box}, budgets checked against {@code inputShape}, with
     * {@code seed} (a sweep gives each track its own).
     */
    public static AttackFactory of(ExperimentConfig config, InputBox box, Shape inputShape, long seed) {
        ExperimentConfig.AttackConfig a = config.attacks();
        Budgets budgets = Budgets.of(Norm.parse(a.norm()), box, a.epsilons(), a.referenceEpsilon(), inputShape);
        Budgets minimumNorm = a.minimumNormEpsilons() == null ? budgets.withNorm(Norm.parse(a.minimumNorm()))
                : Budgets.of(Norm.parse(a.minimumNorm()), box, a.minimumNormEpsilons(),
                        Arrays.stream(a.minimumNormEpsilons()).filter(e -> e > 0).findFirst().orElse(0), inputShape);
        return new AttackFactory(budgets, minimumNorm, a, config.defenses(), seed);
    }

    public Budgets budgets() {
        return budgets;
    }

    /** The seed of every attack this factory builds. */
    public long seed() {
        return seed;
    }

    /** The same attacks with another seed (those of one track in one cell, see {@link CellSeeds}). */
    public AttackFactory withSeed(long seed) {
        return new AttackFactory(budgets, minimumNormBudgets, attacks, defenses, seed);
    }

    /**
     * The minimum-norm attacks' budget table: their own norm ({@code attacks.minimum_norm_norm}, e.g. L2
     * beside Linf FGSM and PGD) and the budgets their results are stated at.
     */
    public Budgets minimumNormBudgets() {
        return minimumNormBudgets;
    }

    /** FGSM at {@code epsilon}. */
    public Fgsm fgsm(double epsilon) {
        return new Fgsm(budgets.at(epsilon));
    }

    /** PGD's settings: the configured steps and restarts, Madry's step rule, the run's seed. */
    public Pgd.Settings pgdSettings() {
        return Pgd.Settings.madry(attacks.pgdSteps()).withRestarts(attacks.pgdRestarts()).withSeed(seed);
    }

    /** PGD at {@code epsilon}. */
    public Pgd pgd(double epsilon) {
        return new Pgd(budgets.at(epsilon), pgdSettings());
    }

    /** PGD on another objective (an adaptive attack), with the defense evaluation's steps, at the reference budget. */
    public Pgd adaptivePgd(AttackObjective.Factory objective, String suffix) {
        Pgd.Settings settings = pgdSettings().withSteps(defenses.evaluationPgdSteps()).withRestarts(1);
        return new Pgd(budgets.atReference(), settings, objective, "PGD-" + settings.steps() + " " + suffix);
    }

    /** FMN without a budget, or null when {@code attacks.fmn_steps} is 0. */
    public Fmn fmn() {
        return attacks.fmnSteps() > 0 ? new Fmn(minimumNormBudgets.unbounded(), Fmn.Settings.standard(attacks.fmnSteps()))
                : null;
    }

    /** DDN (L2 only) without a budget, or null when disabled or the minimum-norm attacks' norm is Linf. */
    public Ddn ddn() {
        return attacks.ddnSteps() > 0 && minimumNormBudgets.norm() == Norm.L2
                ? new Ddn(minimumNormBudgets.unbounded(), new Ddn.Settings(attacks.ddnSteps(), 1.0, 0.05, seed)) : null;
    }

    /**
     * A minimum-norm attack without a budget in {@code norm} on inputs in {@code box} (the waveform
     * study's minimal perturbations): DDN for L2 when {@code attacks.ddn_steps} > 0, else FMN with
     * {@code attacks.fmn_steps} (at least one).
     */
    public Attack minimumNorm(Norm norm, InputBox box) {
        ThreatModel unbounded = new ThreatModel(norm, Double.POSITIVE_INFINITY, box, Targeting.untargeted());
        if (norm == Norm.L2 && attacks.ddnSteps() > 0) {
            return new Ddn(unbounded, new Ddn.Settings(attacks.ddnSteps(), 1.0, 0.05, seed));
        }
        return new Fmn(unbounded, Fmn.Settings.standard(Math.max(1, attacks.fmnSteps())));
    }

    /** The genetic black-box attack at the reference budget, or null when {@code attacks.genetic_queries} is 0. */
    public GeneticAttack genetic() {
        return attacks.geneticQueries() > 0 ? new GeneticAttack(budgets.atReference(),
                GeneticAttack.Settings.standard(attacks.geneticQueries(), GeneticAttack.Feedback.SCORES, seed)) : null;
    }

    /** The sanity checklist around the reference budget. */
    public SanityChecklist.Settings checklist() {
        return SanityChecklist.Settings.around(budgets.norm(), budgets.box(), budgets.reference(), attacks.pgdSteps(),
                Math.max(20, attacks.geneticQueries()), seed);
    }

    /** FGSM and PGD (the defense evaluation's steps) at the defense tables' budgets. */
    public DefenseEvaluation.Settings defenseEvaluation() {
        return new DefenseEvaluation.Settings(budgets.norm(), budgets.box(), defenses.evaluationEpsilons(),
                pgdSettings().withSteps(defenses.evaluationPgdSteps()).withRestarts(1), attacks.batchSize());
    }

    /** PGD of the defense evaluation (its steps, one restart) at {@code epsilon}. */
    public Pgd defensePgd(double epsilon) {
        return new Pgd(budgets.at(epsilon), defenseEvaluation().pgd());
    }

    /** The adversarial-training budget: {@code defenses.epsilon}, else the reference budget. */
    public double trainingEpsilon() {
        return defenses.epsilon() != null ? defenses.epsilon() : budgets.reference();
    }

    /** PGD adversarial training with Madry's step rule; {@code fraction} 1 = pure, 0.5 = mixed. */
    public AdversarialTrainingSpec adversarialTraining(double fraction) {
        return AdversarialTrainingSpec.pgd(budgets.norm(), trainingEpsilon(), defenses.pgdSteps(), fraction, seed);
    }

    /** The fast variant: FGSM from a random start. */
    public AdversarialTrainingSpec fastAdversarialTraining() {
        return AdversarialTrainingSpec.fast(budgets.norm(), trainingEpsilon(), seed);
    }
}

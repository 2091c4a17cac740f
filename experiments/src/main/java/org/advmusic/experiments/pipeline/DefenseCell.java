package org.advmusic.experiments.pipeline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.Norm;
import org.advmusic.defenses.EvaluationKind;
import org.advmusic.defenses.squeezing.DetectorAwareObjective;
import org.advmusic.defenses.squeezing.FeatureSqueezingDetector;
import org.advmusic.experiments.config.ExperimentConfig;

/**
 * One cell of the defense comparison (the defense stage's and a sweep's): a defended model, the view
 * attacks see (white-box, naive or adaptive), an attack and its budget; or the feature-squeezing
 * detector on the baseline under FGSM (naive) or the detector-aware PGD (adaptive). Each track's
 * segments are attacked as one batch with the seed of {@link CellSeeds} (the master seed, this
 * cell's key and the track), so a sample's result does not depend on the run, task or batch.
 *
 * @param model   the defended model's name ({@link DefendedModel#name})
 * @param view    how gradients cross the defense
 * @param family  FGSM, PGD, FMN, DDN, or {@link #DETECTOR_FGSM} and {@link #DETECTOR_AWARE} for the detector
 * @param norm    the threat model's norm
 * @param epsilon the budget (infinite for the minimum-norm attacks)
 * @param steps   PGD, FMN or DDN iterations (0 for FGSM)
 */
public record DefenseCell(String model, EvaluationKind view, String family, Norm norm, double epsilon, int steps)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The detector attacked by FGSM at the reference budget, which does not know of it. */
    public static final String DETECTOR_FGSM = "detector-FGSM";
    /** The detector attacked by PGD on a detector-aware loss at the reference budget. */
    public static final String DETECTOR_AWARE = "detector-aware-PGD";

    /** A stable name that identifies the cell in the rows, e.g. {@code adversarial-mixed WHITE_BOX PGD-Linf eps=0.01 steps=10}. */
    public String key() {
        String budget = Double.isInfinite(epsilon) ? "minimum-norm" : "eps=" + String.format(Locale.ROOT, "%s", epsilon);
        return "defense " + model + " " + view.name() + " " + family + "-" + norm.label() + " " + budget + " steps=" + steps;
    }

    /** Whether this cell attacks the detector (its rows carry detector scores). */
    public boolean detector() {
        return family.equals(DETECTOR_FGSM) || family.equals(DETECTOR_AWARE);
    }

    /** Whether the cell's attack searches the smallest perturbation. */
    public boolean minimumNorm() {
        return family.equals("FMN") || family.equals("DDN");
    }

    /** The name of the attack in the comparison's tables: FGSM or PGD-steps. */
    public String tableName() {
        return family.equals("PGD") ? "PGD-" + steps : family;
    }

    /**
     * The attack of this cell, built by {@code factory} (whose seed is the track's, see {@link CellSeeds}).
     *
     * @param detector the calibrated detector (used by {@link #DETECTOR_AWARE} only)
     */
    public Attack attack(AttackFactory factory, FeatureSqueezingDetector detector) {
        return switch (family) {
            case "FGSM" -> factory.fgsm(epsilon);
            case "PGD" -> factory.defensePgd(epsilon);
            case "FMN" -> factory.fmn();
            case "DDN" -> factory.ddn();
            case DETECTOR_FGSM -> factory.fgsm(factory.budgets().reference());
            case DETECTOR_AWARE -> factory.adaptivePgd(DetectorAwareObjective.factory(detector, 10, 0.8), "detector-aware");
            default -> throw new IllegalArgumentException("defense cell family '" + family + "'; expected FGSM, PGD, FMN, DDN, "
                    + DETECTOR_FGSM + " or " + DETECTOR_AWARE);
        };
    }

    /**
     * The comparison's cells in the order of its tables: for each model and view, FGSM and PGD at every
     * {@code defenses.evaluation_epsilons} budget, then (with {@code defenses.minimum_norm}) FMN and DDN;
     * then the detector's two cells on the baseline.
     *
     * @param models the compared models; the first is the baseline
     */
    public static List<DefenseCell> grid(List<DefendedModel> models, AttackFactory factory, ExperimentConfig.DefenseConfig d,
                                         ExperimentConfig.AttackConfig a) {
        Norm norm = factory.budgets().norm();
        Norm minimumNormNorm = factory.minimumNormBudgets().norm();
        List<DefenseCell> cells = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            String name = models.get(m).name();
            for (EvaluationKind view : models.get(m).viewKinds()) {
                for (double eps : d.evaluationEpsilons()) {
                    cells.add(new DefenseCell(name, view, "FGSM", norm, eps, 0));
                    cells.add(new DefenseCell(name, view, "PGD", norm, eps, d.evaluationPgdSteps()));
                }
            }
            if (d.minimumNorm()) {
                for (EvaluationKind view : models.get(m).viewKinds()) {
                    if (factory.fmn() != null) {
                        cells.add(new DefenseCell(name, view, "FMN", minimumNormNorm, Double.POSITIVE_INFINITY, a.fmnSteps()));
                    }
                    if (factory.ddn() != null) {
                        cells.add(new DefenseCell(name, view, "DDN", minimumNormNorm, Double.POSITIVE_INFINITY, a.ddnSteps()));
                    }
                }
            }
        }
        String baseline = models.get(0).name();
        double reference = factory.budgets().reference();
        cells.add(new DefenseCell(baseline, EvaluationKind.NAIVE, DETECTOR_FGSM, norm, reference, 0));
        cells.add(new DefenseCell(baseline, EvaluationKind.ADAPTIVE_DETECTOR_AWARE, DETECTOR_AWARE, norm, reference,
                d.evaluationPgdSteps()));
        return cells;
    }
}

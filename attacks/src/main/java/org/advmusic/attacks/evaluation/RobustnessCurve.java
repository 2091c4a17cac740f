package org.advmusic.attacks.evaluation;

import java.util.function.DoubleFunction;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.SampleStatus;

/**
 * Accuracy as a function of the perturbation budget: either measured by one fixed-epsilon attack per
 * epsilon, or read off the per-sample minimal norms of one minimum-norm attack run (a sample is
 * robust at epsilon when its smallest adversarial perturbation is larger, or none was found).
 *
 * @param attack    the attack (family) that produced the curve
 * @param norm      the norm the epsilons are measured in
 * @param source    "fixed-epsilon attacks" or "minimal norms"
 * @param epsilons  the budgets, in input units
 * @param accuracy  the accuracy at each budget
 */
public record RobustnessCurve(String attack, Norm norm, String source, double[] epsilons, double[] accuracy) {

    /** The budgets of the seed study. */
    public static final double[] SEED_EPSILONS = {0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1};

    /**
     * One attack per epsilon ({@code attackAtEpsilon.apply(eps)}); epsilon 0 is the clean accuracy.
     */
    public static RobustnessCurve fromFixedEpsilon(RobustnessEvaluator evaluator, DoubleFunction<Attack> attackAtEpsilon,
                                                   double[] epsilons) {
        double[] accuracy = new double[epsilons.length];
        Attack named = null;
        for (int k = 0; k < epsilons.length; k++) {
            if (!(epsilons[k] >= 0)) {
                throw new IllegalArgumentException("robustness curve: epsilon " + epsilons[k] + " is not a number >= 0");
            }
            if (epsilons[k] == 0) {
                accuracy[k] = evaluator.cleanAccuracy();
            } else {
                Attack attack = attackAtEpsilon.apply(epsilons[k]);
                named = attack;
                accuracy[k] = evaluator.evaluate(attack).robustAccuracy();
            }
        }
        if (named == null) {
            throw new IllegalArgumentException("robustness curve: no positive epsilon among " + java.util.Arrays.toString(epsilons));
        }
        return new RobustnessCurve(named.name(), named.threatModel().norm(), "fixed-epsilon attacks", epsilons.clone(), accuracy);
    }

    /** The curve implied by a minimum-norm attack's report, in its threat model's norm. */
    public static RobustnessCurve fromMinimumNorms(RobustnessReport report, double[] epsilons) {
        Norm norm = report.threatModel().norm();
        double[] accuracy = new double[epsilons.length];
        for (int k = 0; k < epsilons.length; k++) {
            int robust = 0;
            for (int i = 0; i < report.size(); i++) {
                boolean correct = report.cleanPredictions()[i] == report.labels()[i];
                double distance = norm == Norm.LINF ? report.linf()[i] : report.l2()[i];
                boolean broken = report.status()[i] == SampleStatus.SUCCEEDED && distance <= epsilons[k];
                robust += correct && !broken && report.status()[i] != SampleStatus.INVALID_OUTPUT ? 1 : 0;
            }
            accuracy[k] = (double) robust / report.size();
        }
        return new RobustnessCurve(report.attack(), norm, "minimal norms", epsilons.clone(), accuracy);
    }
}

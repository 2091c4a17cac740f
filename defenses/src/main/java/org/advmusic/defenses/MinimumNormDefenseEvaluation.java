package org.advmusic.defenses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.attacks.evaluation.RobustnessCurve;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * A model of the defense comparison under minimum-norm attacks (FMN, DDN): per attack and view of
 * the model (naive and adaptive for a model behind a transform), the median minimal norm of the
 * successful perturbations, and the robust accuracy and the success rate at stated budgets in the
 * attack's norm, all read off one unbounded run.
 */
public final class MinimumNormDefenseEvaluation {

    /**
     * One attack on one view of one model.
     *
     * @param model          the comparison's model name
     * @param attack         the attack's name, e.g. "FMN-L2"
     * @param threat         its threat model in words
     * @param norm           its norm
     * @param kind           how gradients crossed the defense
     * @param cleanAccuracy  accuracy without attack
     * @param medianNorm     median minimal norm of the successful samples (NaN when none succeeded)
     * @param successRate    successes among the attacked (correctly classified) samples, unbounded
     * @param budgets        the stated budgets in {@code norm}
     * @param robustAccuracy accuracy when only perturbations within each budget count
     * @param successAtBudget share of the correctly classified samples broken within each budget
     */
    public record Row(String model, String attack, String threat, Norm norm, EvaluationKind kind, double cleanAccuracy,
                      double medianNorm, double successRate, double[] budgets, double[] robustAccuracy,
                      double[] successAtBudget) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    private MinimumNormDefenseEvaluation() {
    }

    /**
     * @param views     the model as attacks see it, by evaluation kind
     * @param inputs    (N, ...) the evaluation samples
     * @param attacks   minimum-norm attacks (their threat models unbounded or with a reporting budget)
     * @param budgets   the budgets to state per norm; an attack whose norm has none gets only its median
     * @param batchSize samples per attack call
     */
    public static List<Row> evaluate(String model, Map<EvaluationKind, Classifier> views, Tensor inputs, int[] labels,
                                     List<String> classNames, List<Attack> attacks, Map<Norm, double[]> budgets,
                                     int batchSize) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<EvaluationKind, Classifier> view : views.entrySet()) {
            RobustnessEvaluator evaluator = new RobustnessEvaluator(view.getValue(), inputs, labels, classNames,
                    batchSize, Double.NaN);
            for (Attack attack : attacks) {
                rows.add(row(model, view.getKey(), evaluator.evaluate(attack), attack.threatModel().describe(),
                        budgets.getOrDefault(attack.threatModel().norm(), new double[0])));
            }
        }
        return rows;
    }

    /**
     * The row of one attack's report on one view of {@code model}: its minimal norms, and the robust
     * accuracy and success rate at {@code stated} budgets in the report's norm (a sweep builds the report
     * from its per-sample rows).
     *
     * @param threat the attack's threat model in words
     */
    public static Row row(String model, EvaluationKind kind, RobustnessReport report, String threat, double[] stated) {
        Norm norm = report.threatModel().norm();
        double[] budgets = stated.clone();
        double[] robust = RobustnessCurve.fromMinimumNorms(report, budgets).accuracy();
        double[] broken = new double[budgets.length];
        int correct = 0;
        for (int i = 0; i < report.size(); i++) {
            correct += report.cleanPredictions()[i] == report.labels()[i] ? 1 : 0;
        }
        for (int k = 0; k < budgets.length; k++) {
            broken[k] = correct == 0 ? Double.NaN : (double) brokenWithin(report, norm, budgets[k]) / correct;
        }
        return new Row(model, report.attack(), threat, norm, kind, report.cleanAccuracy(), report.perturbation(norm).median(),
                report.successRate(), budgets, robust, broken);
    }

    /** Correctly classified samples whose successful perturbation is within {@code budget}. */
    private static int brokenWithin(RobustnessReport report, Norm norm, double budget) {
        int n = 0;
        for (int i = 0; i < report.size(); i++) {
            double distance = norm == Norm.LINF ? report.linf()[i] : report.l2()[i];
            n += report.cleanPredictions()[i] == report.labels()[i] && report.status()[i] == SampleStatus.SUCCEEDED
                    && distance <= budget ? 1 : 0;
        }
        return n;
    }
}

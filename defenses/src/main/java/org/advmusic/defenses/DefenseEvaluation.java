package org.advmusic.defenses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * Measures one model of the comparison under FGSM and PGD at each budget, once per view of the
 * model: a plain differentiable model has one (white-box); a model behind a non-differentiable
 * transform has the naive view (gradients blocked) and the adaptive one (BPDA), reported side by side.
 */
public final class DefenseEvaluation {

    /**
     * @param norm      the threat model's norm
     * @param box       the input box
     * @param epsilons  budgets (the seeds: 0.01, 0.03, 0.1)
     * @param pgdSteps  PGD steps (Madry's step rule 2.5 eps / steps, random start)
     * @param batchSize samples per attack call
     * @param seed      seed of PGD's random starts
     */
    public record Settings(Norm norm, InputBox box, double[] epsilons, int pgdSteps, int batchSize, long seed) {
        /** Validates the settings. */
        public Settings {
            if (epsilons.length == 0 || pgdSteps < 1 || batchSize < 1) {
                throw new IllegalArgumentException("defense evaluation: " + epsilons.length + " epsilons, " + pgdSteps
                        + " PGD steps, batch size " + batchSize + "; expected at least one of each");
            }
            epsilons = epsilons.clone();
        }

        /** The seeds' budgets 0.01, 0.03, 0.1 in Linf on the unit box. */
        public static Settings seedStudy(int pgdSteps, int batchSize, long seed) {
            return new Settings(Norm.LINF, InputBox.UNIT, new double[] {0.01, 0.03, 0.1}, pgdSteps, batchSize, seed);
        }
    }

    private DefenseEvaluation() {
    }

    /**
     * @param views             the model as attacks see it, by evaluation kind (one entry for a plain model;
     *                          NAIVE and ADAPTIVE_BPDA for a transform in front of it)
     * @param baselineClean     the baseline's clean accuracy (NaN when this row is the baseline)
     * @param trainingSeconds   how long training took, or NaN
     */
    public static DefenseRow evaluate(String model, String description, Map<EvaluationKind, Classifier> views, Tensor inputs,
                                      int[] labels, List<String> classNames, Settings settings, double baselineClean,
                                      double trainingSeconds) {
        if (views.isEmpty()) {
            throw new IllegalArgumentException("defense evaluation of " + model + ": no view of the model given");
        }
        List<DefenseRow.AttackedAccuracy> rows = new ArrayList<>();
        double clean = Double.NaN;
        for (Map.Entry<EvaluationKind, Classifier> view : views.entrySet()) {
            RobustnessEvaluator evaluator = new RobustnessEvaluator(view.getValue(), inputs, labels, classNames,
                    settings.batchSize(), Double.NaN);
            clean = Double.isNaN(clean) ? evaluator.cleanAccuracy() : clean;
            for (double eps : settings.epsilons()) {
                ThreatModel tm = new ThreatModel(settings.norm(), eps, settings.box(), Targeting.untargeted());
                for (Attack attack : List.of(new Fgsm(tm), new Pgd(tm, new Pgd.Settings(settings.pgdSteps(),
                        2.5 * eps / settings.pgdSteps(), true, 1, false, settings.seed())))) {
                    String name = attack instanceof Pgd ? "PGD-" + settings.pgdSteps() : "FGSM";
                    rows.add(new DefenseRow.AttackedAccuracy(name, tm.describe(), eps,
                            evaluator.evaluate(attack).robustAccuracy(), view.getKey()));
                }
            }
        }
        double change = Double.isNaN(baselineClean) ? 0 : clean - baselineClean;
        return new DefenseRow(model, description, clean, change, trainingSeconds, rows);
    }
}

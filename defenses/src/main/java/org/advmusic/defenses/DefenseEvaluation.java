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
     * @param epsilons  budgets (the seeds: 0.01, 0.03, 0.1), each > 0
     * @param pgd       PGD's settings (steps, step rule relative to epsilon, seed)
     * @param batchSize samples per attack call
     */
    public record Settings(Norm norm, InputBox box, double[] epsilons, Pgd.Settings pgd, int batchSize) {
        /** Validates the settings. */
        public Settings {
            if (epsilons.length == 0 || batchSize < 1 || pgd == null) {
                throw new IllegalArgumentException("defense evaluation: " + epsilons.length + " epsilons, PGD settings "
                        + pgd + ", batch size " + batchSize + "; expected at least one epsilon, PGD settings and a batch size >= 1");
            }
            for (double eps : epsilons) {
                if (!(eps > 0) || Double.isInfinite(eps)) {
                    throw new IllegalArgumentException("defense evaluation: epsilon " + eps + "; expected a finite epsilon > 0");
                }
            }
            epsilons = epsilons.clone();
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
                for (Attack attack : List.of(new Fgsm(tm), new Pgd(tm, settings.pgd()))) {
                    String name = attack instanceof Pgd ? "PGD-" + settings.pgd().steps() : "FGSM";
                    rows.add(new DefenseRow.AttackedAccuracy(name, tm.describe(), eps,
                            evaluator.evaluate(attack).robustAccuracy(), view.getKey()));
                }
            }
        }
        double change = Double.isNaN(baselineClean) ? 0 : clean - baselineClean;
        return new DefenseRow(model, description, clean, change, trainingSeconds, rows);
    }
}

package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.defenses.DefenseComparison;
import org.advmusic.defenses.MinimumNormDefenseEvaluation;
import org.advmusic.defenses.DefenseRow;
import org.advmusic.defenses.squeezing.DetectorReport;

/**
 * The defenses' comparison ({@code metrics.json}'s {@code defenses} section): Tables 3, 4 and 6 and
 * the detector rows.
 *
 * @param checkpoint     the hash of the baseline checkpoint's weights; null when not recorded
 * @param models         one per model, the first being the undefended baseline
 * @param bestPerEpsilon the best model per budget, judged by adaptive accuracy
 * @param detectors      detector evaluations, naive and adaptive
 * @param minimumNorm    every model under the minimum-norm attacks (FMN, DDN), per view; empty when not run
 */
public record DefenseMetrics(String checkpoint, List<DefendedModel> models, List<BestDefense> bestPerEpsilon,
                             List<DetectorMetrics> detectors, List<MinimumNormResult> minimumNorm) {

    /**
     * The comparison of the defenses module, the best model per budget judged under {@code attackForBest},
     * and the minimum-norm rows.
     */
    public static DefenseMetrics of(String checkpoint, DefenseComparison comparison, String attackForBest, double[] epsilons,
                                    List<MinimumNormDefenseEvaluation.Row> minimumNorm) {
        List<DefendedModel> models = new ArrayList<>();
        for (DefenseRow row : comparison.rows()) {
            models.add(new DefendedModel(row.model(), row.description(), row.cleanAccuracy(), row.changeFromBaseline(),
                    row.trainingSeconds(), row.underAttack().stream().map(a -> new AttackedAccuracy(a.attack(), a.threat(),
                    a.epsilon(), a.accuracy(), a.kind().description(), a.kind().adaptive())).toList()));
        }
        List<BestDefense> best = comparison.bestPerEpsilon(attackForBest, epsilons).stream()
                .map(b -> new BestDefense(attackForBest, b.epsilon(), b.model(), b.accuracy(), b.gainOverBaseline())).toList();
        return new DefenseMetrics(checkpoint, models, best, comparison.detectors().stream().map(DetectorMetrics::of).toList(),
                minimumNorm.stream().map(MinimumNormResult::of).toList());
    }

    ObjectNode toJson() {
        ObjectNode node = ResultsJson.object();
        ResultsJson.text(node, "checkpoint", checkpoint);
        node.set("models", ResultsJson.array(models, DefendedModel::toJson));
        node.set("best_per_epsilon", ResultsJson.array(bestPerEpsilon, BestDefense::toJson));
        node.set("detectors", ResultsJson.array(detectors, DetectorMetrics::toJson));
        node.set("minimum_norm", ResultsJson.array(minimumNorm, MinimumNormResult::toJson));
        return node;
    }

    /** The norm of {@code attack} (the first word of its threat model, e.g. Linf); null when not recorded. */
    public String normOf(String attack) {
        return models.stream().flatMap(model -> model.underAttack().stream())
                .filter(number -> number.attack().equals(attack) && number.threatModel() != null)
                .map(number -> number.threatModel().split(" ")[0]).findFirst().orElse(null);
    }

    /** The threat model of {@code attack} at {@code epsilon}; null when not recorded. */
    public String threatModelOf(String attack, double epsilon) {
        return models.stream().flatMap(model -> model.underAttack().stream())
                .filter(number -> number.attack().equals(attack) && number.epsilon() == epsilon && number.threatModel() != null)
                .map(AttackedAccuracy::threatModel).findFirst().orElse(null);
    }

    static DefenseMetrics parse(JsonField f) throws MalformedResultsException {
        return new DefenseMetrics(f.get("checkpoint").optionalText(), f.get("models").list(DefendedModel::parse),
                f.get("best_per_epsilon").list(BestDefense::parse), f.get("detectors").list(DetectorMetrics::parse),
                f.get("minimum_norm").list(MinimumNormResult::parse));
    }

    /**
     * One model (one view of it) under one minimum-norm attack.
     *
     * @param kind       how gradients crossed the defense (white-box, naive, adaptive)
     * @param medianNorm median minimal norm of the successful samples, in {@code norm}
     * @param successRate successes among the correctly classified samples, unbounded
     * @param budgets    robust accuracy and success within each stated budget
     */
    public record MinimumNormResult(String model, String attack, String threatModel, String norm, String kind,
                                    boolean adaptive, double medianNorm, double successRate, List<BudgetPoint> budgets) {
        /** A row of the defenses module. */
        public static MinimumNormResult of(MinimumNormDefenseEvaluation.Row row) {
            List<BudgetPoint> points = new ArrayList<>();
            for (int k = 0; k < row.budgets().length; k++) {
                points.add(new BudgetPoint(row.budgets()[k], row.robustAccuracy()[k], row.successAtBudget()[k]));
            }
            return new MinimumNormResult(row.model(), row.attack(), row.threat(), row.norm().label(), row.kind().description(),
                    row.kind().adaptive(), row.medianNorm(), row.successRate(), points);
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("model", model).put("attack", attack);
            ResultsJson.text(node, "threat_model", threatModel);
            node.put("norm", norm).put("kind", kind).put("adaptive", adaptive);
            ResultsJson.number(node, "median_norm", medianNorm);
            ResultsJson.number(node, "success_rate", successRate);
            node.set("budgets", ResultsJson.array(budgets, BudgetPoint::toJson));
            return node;
        }

        static MinimumNormResult parse(JsonField f) throws MalformedResultsException {
            return new MinimumNormResult(f.require("model").text(), f.require("attack").text(),
                    f.get("threat_model").optionalText(), f.require("norm").text(), f.require("kind").text(),
                    f.require("adaptive").bool(), f.get("median_norm").optionalNumber(), f.get("success_rate").optionalFraction(),
                    f.get("budgets").list(BudgetPoint::parse));
        }
    }

    /** Robust accuracy and success rate of a minimum-norm attack when only perturbations within {@code epsilon} count. */
    public record BudgetPoint(double epsilon, double robustAccuracy, double successRate) {
        ObjectNode toJson() {
            ObjectNode node = ResultsJson.number(ResultsJson.object(), "epsilon", epsilon);
            ResultsJson.number(node, "robust_accuracy", robustAccuracy);
            return ResultsJson.number(node, "success_rate", successRate);
        }

        static BudgetPoint parse(JsonField f) throws MalformedResultsException {
            return new BudgetPoint(f.get("epsilon").number(), f.get("robust_accuracy").optionalFraction(),
                    f.get("success_rate").optionalFraction());
        }
    }

    /**
     * @param changeFromBaseline clean accuracy minus the baseline's
     * @param underAttack        accuracy under attack, each with its threat model and kind
     */
    public record DefendedModel(String model, String description, double cleanAccuracy, double changeFromBaseline,
                                double trainingSeconds, List<AttackedAccuracy> underAttack) {
        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("model", model);
            ResultsJson.text(node, "description", description);
            ResultsJson.number(node, "clean_accuracy", cleanAccuracy);
            ResultsJson.number(node, "change_from_baseline", changeFromBaseline);
            ResultsJson.number(node, "training_seconds", trainingSeconds);
            node.set("under_attack", ResultsJson.array(underAttack, AttackedAccuracy::toJson));
            return node;
        }

        static DefendedModel parse(JsonField f) throws MalformedResultsException {
            return new DefendedModel(f.require("model").text(), f.get("description").optionalText(),
                    f.get("clean_accuracy").fraction(), f.get("change_from_baseline").optionalNumber(),
                    f.get("training_seconds").optionalNumber(), f.get("under_attack").list(AttackedAccuracy::parse));
        }
    }

    /**
     * One accuracy under attack.
     *
     * @param threatModel the threat model in words; null when absent
     * @param kind        how the gradients were obtained, e.g. "white-box", "naive (...)", "adaptive (...)"
     * @param adaptive    whether the attack accounts for the defense
     */
    public record AttackedAccuracy(String attack, String threatModel, double epsilon, double accuracy, String kind,
                                   boolean adaptive) {
        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("attack", attack);
            ResultsJson.text(node, "threat_model", threatModel);
            ResultsJson.number(node, "epsilon", epsilon);
            ResultsJson.number(node, "accuracy", accuracy);
            return node.put("kind", kind).put("adaptive", adaptive);
        }

        static AttackedAccuracy parse(JsonField f) throws MalformedResultsException {
            return new AttackedAccuracy(f.require("attack").text(), RobustnessMetrics.ThreatModel.text(f.get("threat_model")),
                    f.get("epsilon").number(), f.get("accuracy").fraction(), f.require("kind").text(),
                    f.require("adaptive").bool());
        }
    }

    /** The best model at one budget under {@code attack}, with its accuracy and its gain over the baseline. */
    public record BestDefense(String attack, double epsilon, String model, double accuracy, double gainOverBaseline) {
        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("attack", attack);
            ResultsJson.number(node, "epsilon", epsilon);
            node.put("model", model);
            ResultsJson.number(node, "accuracy", accuracy);
            return ResultsJson.number(node, "gain_over_baseline", gainOverBaseline);
        }

        static BestDefense parse(JsonField f) throws MalformedResultsException {
            return new BestDefense(f.require("attack").text(), f.get("epsilon").number(), f.require("model").text(),
                    f.get("accuracy").fraction(), f.get("gain_over_baseline").optionalNumber());
        }
    }

    /**
     * How well a detector separates clean from adversarial inputs (the DetectorReport JSON).
     *
     * @param adaptive              whether the attack was detector-aware
     * @param detectionRate         successful adversarial inputs flagged
     * @param fooledAndUndetected   attacked inputs misclassified and not flagged
     * @param combinedClean         the classifier with the detector in front, on clean inputs; null when absent
     * @param combinedAdversarial   the same on attacked inputs; null when absent
     * @param roc                   the ROC curve's points
     */
    public record DetectorMetrics(String detector, String attack, boolean adaptive, double threshold, double falsePositiveRate,
                                  double detectionRate, double auc, double fooledAndUndetected, Outcome combinedClean,
                                  Outcome combinedAdversarial, List<RocPoint> roc) {
        /** A detector evaluation of the defenses module. */
        public static DetectorMetrics of(DetectorReport r) {
            List<RocPoint> roc = new ArrayList<>();
            for (int k = 0; k < r.rocFalsePositive().length; k++) {
                roc.add(new RocPoint(r.rocFalsePositive()[k], r.rocTruePositive()[k]));
            }
            return new DetectorMetrics(r.detector(), r.attack(), r.adaptive(), r.threshold(), r.falsePositiveRate(),
                    r.detectionRate(), r.auc(), r.fooledAndUndetected(), Outcome.of(r.clean()), Outcome.of(r.adversarial()), roc);
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("detector", detector).put("attack", attack).put("adaptive", adaptive);
            ResultsJson.number(node, "threshold", threshold);
            ResultsJson.number(node, "false_positive_rate", falsePositiveRate);
            ResultsJson.number(node, "detection_rate", detectionRate);
            ResultsJson.number(node, "auc", auc);
            ResultsJson.number(node, "fooled_and_undetected", fooledAndUndetected);
            if (combinedClean != null) {
                node.set("combined_clean", combinedClean.toJson());
            }
            if (combinedAdversarial != null) {
                node.set("combined_adversarial", combinedAdversarial.toJson());
            }
            node.set("roc", ResultsJson.array(roc, p -> ResultsJson.number(ResultsJson.number(ResultsJson.object(), "fpr",
                    p.falsePositiveRate()), "tpr", p.truePositiveRate())));
            return node;
        }

        static DetectorMetrics parse(JsonField f) throws MalformedResultsException {
            return new DetectorMetrics(f.require("detector").text(), f.require("attack").text(), f.require("adaptive").bool(),
                    f.get("threshold").optionalNumber(), f.get("false_positive_rate").optionalFraction(),
                    f.get("detection_rate").optionalFraction(), f.get("auc").optionalFraction(),
                    f.get("fooled_and_undetected").optionalFraction(), f.get("combined_clean").optional(Outcome::parse),
                    f.get("combined_adversarial").optional(Outcome::parse), f.get("roc").list(RocPoint::parse));
        }

        /** "adaptive (detector-aware)" or "naive", the label printed beside every number. */
        public String kind() {
            return adaptive ? "adaptive (detector-aware)" : "naive";
        }
    }

    /** Where inputs end up in the combined system, as fractions of all inputs. */
    public record Outcome(double acceptedCorrect, double acceptedWrong, double rejected) {
        static Outcome of(DetectorReport.Outcomes o) {
            return new Outcome(o.acceptedCorrect(), o.acceptedWrong(), o.rejected());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object();
            ResultsJson.number(node, "accepted_correct", acceptedCorrect);
            ResultsJson.number(node, "accepted_wrong", acceptedWrong);
            return ResultsJson.number(node, "rejected", rejected);
        }

        static Outcome parse(JsonField f) throws MalformedResultsException {
            return new Outcome(f.get("accepted_correct").optionalFraction(), f.get("accepted_wrong").optionalFraction(),
                    f.get("rejected").optionalFraction());
        }
    }

    /** One point of a ROC curve. */
    public record RocPoint(double falsePositiveRate, double truePositiveRate) {
        static RocPoint parse(JsonField f) throws MalformedResultsException {
            return new RocPoint(f.get("fpr").fraction(), f.get("tpr").fraction());
        }
    }
}

package org.advmusic.experiments.report;

import java.util.List;

/**
 * The defenses' comparison ({@code metrics.json}'s {@code defenses} section): Tables 3, 4 and 6 and
 * the detector rows.
 *
 * @param models         one per model, the first being the undefended baseline
 * @param bestPerEpsilon the best model per budget, judged by adaptive accuracy
 * @param detectors      detector evaluations, naive and adaptive
 */
record DefenseMetrics(List<DefendedModel> models, List<BestDefense> bestPerEpsilon, List<DetectorMetrics> detectors) {

    /** The norm of {@code attack} (the first word of its threat model, e.g. Linf); null when not recorded. */
    String normOf(String attack) {
        return models.stream().flatMap(model -> model.underAttack().stream())
                .filter(number -> number.attack().equals(attack) && number.threatModel() != null)
                .map(number -> number.threatModel().split(" ")[0]).findFirst().orElse(null);
    }

    /** The threat model of {@code attack} at {@code epsilon}; null when not recorded. */
    String threatModelOf(String attack, double epsilon) {
        return models.stream().flatMap(model -> model.underAttack().stream())
                .filter(number -> number.attack().equals(attack) && number.epsilon() == epsilon && number.threatModel() != null)
                .map(AttackedAccuracy::threatModel).findFirst().orElse(null);
    }

    static DefenseMetrics parse(JsonField f) throws MalformedResultsException {
        return new DefenseMetrics(f.get("models").list(DefendedModel::parse),
                f.get("best_per_epsilon").list(BestDefense::parse), f.get("detectors").list(DetectorMetrics::parse));
    }

    /**
     * @param changeFromBaseline clean accuracy minus the baseline's
     * @param underAttack        accuracy under attack, each with its threat model and kind
     */
    record DefendedModel(String model, String description, double cleanAccuracy, double changeFromBaseline,
                         double trainingSeconds, List<AttackedAccuracy> underAttack) {
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
    record AttackedAccuracy(String attack, String threatModel, double epsilon, double accuracy, String kind, boolean adaptive) {
        static AttackedAccuracy parse(JsonField f) throws MalformedResultsException {
            return new AttackedAccuracy(f.require("attack").text(), RobustnessMetrics.ThreatModel.text(f.get("threat_model")),
                    f.get("epsilon").number(), f.get("accuracy").fraction(), f.require("kind").text(),
                    f.require("adaptive").bool());
        }
    }

    /** The best model at one budget under {@code attack}, with its accuracy and its gain over the baseline. */
    record BestDefense(String attack, double epsilon, String model, double accuracy, double gainOverBaseline) {
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
    record DetectorMetrics(String detector, String attack, boolean adaptive, double threshold, double falsePositiveRate,
                           double detectionRate, double auc, double fooledAndUndetected, Outcome combinedClean,
                           Outcome combinedAdversarial, List<RocPoint> roc) {
        static DetectorMetrics parse(JsonField f) throws MalformedResultsException {
            return new DetectorMetrics(f.require("detector").text(), f.require("attack").text(), f.require("adaptive").bool(),
                    f.get("threshold").optionalNumber(), f.get("false_positive_rate").optionalFraction(),
                    f.get("detection_rate").optionalFraction(), f.get("auc").optionalFraction(),
                    f.get("fooled_and_undetected").optionalFraction(), f.get("combined_clean").optional(Outcome::parse),
                    f.get("combined_adversarial").optional(Outcome::parse), f.get("roc").list(RocPoint::parse));
        }

        /** "adaptive (detector-aware)" or "naive", the label printed beside every number. */
        String kind() {
            return adaptive ? "adaptive (detector-aware)" : "naive";
        }
    }

    /** Where inputs end up in the combined system, as fractions of all inputs. */
    record Outcome(double acceptedCorrect, double acceptedWrong, double rejected) {
        static Outcome parse(JsonField f) throws MalformedResultsException {
            return new Outcome(f.get("accepted_correct").optionalFraction(), f.get("accepted_wrong").optionalFraction(),
                    f.get("rejected").optionalFraction());
        }
    }

    /** One point of a ROC curve. */
    record RocPoint(double falsePositiveRate, double truePositiveRate) {
        static RocPoint parse(JsonField f) throws MalformedResultsException {
            return new RocPoint(f.get("fpr").fraction(), f.get("tpr").fraction());
        }
    }
}

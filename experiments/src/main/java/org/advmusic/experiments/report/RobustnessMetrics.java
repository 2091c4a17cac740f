package org.advmusic.experiments.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The baseline under attack ({@code metrics.json}'s {@code robustness} section).
 *
 * @param model        the attacked model's name
 * @param samples      test samples attacked; null when absent
 * @param reports      one per (attack, epsilon)
 * @param curves       accuracy against epsilon, from fixed-epsilon attacks and from minimal norms
 * @param minimumNorms each sample's smallest successful perturbation per minimum-norm attack
 */
record RobustnessMetrics(String model, Long samples, List<AttackReport> reports, List<Curve> curves,
                         List<MinimumNorms> minimumNorms) {

    /** The attacked model's name; "baseline" when not recorded. */
    String modelName() {
        return model == null ? "baseline" : model;
    }

    /** "white-box" or "black-box": the access of {@code attack}'s reports (white-box when it has none). */
    String access(String attack) {
        return reports.stream().filter(report -> report.attack().equals(attack)).map(AttackReport::access).findFirst()
                .orElse("white-box");
    }

    static RobustnessMetrics parse(JsonField f, List<String> classes) throws MalformedResultsException {
        return new RobustnessMetrics(f.get("model").optionalText(), f.get("samples").optionalInteger(),
                f.get("reports").list(report -> AttackReport.parse(report, classes)), f.get("curves").list(Curve::parse),
                f.get("minimum_norms").list(MinimumNorms::parse));
    }

    /**
     * One attack at one budget (the RobustnessReport JSON of RESULTS.md).
     *
     * @param medianPerturbation   the median size of the successful perturbations by measure: Linf, L2, Linf_dB
     * @param perClass             clean and robust accuracy per class name
     * @param confusionUnderAttack rows: true class, columns: prediction on the attacked input; null when absent
     */
    record AttackReport(String attack, ThreatModel threatModel, long samples, double cleanAccuracy, double robustAccuracy,
                        double successRate, long invalidOutputs, Map<String, Double> medianPerturbation,
                        double meanGradientEvaluations, double meanQueries, double seconds,
                        Map<String, ClassRobustness> perClass, int[][] confusionUnderAttack) {

        static AttackReport parse(JsonField f, List<String> classes) throws MalformedResultsException {
            Map<String, Double> medians = new LinkedHashMap<>();
            for (Map.Entry<String, JsonField> member : f.members().entrySet()) {
                if (member.getKey().startsWith(PERTURBATION) && member.getValue().isPresent()) {
                    String measure = member.getKey().substring(PERTURBATION.length());
                    medians.put(measure, member.getValue().get("median").optionalNumber());
                }
            }
            Long invalid = f.get("invalid_outputs").optionalInteger();
            return new AttackReport(f.require("attack").text(), ThreatModel.parse(f.require("threat_model")),
                    f.require("samples").integer(), f.get("clean_accuracy").fraction(),
                    f.get("robust_accuracy").fraction(), f.get("success_rate").optionalFraction(),
                    invalid == null ? 0 : invalid, medians,
                    f.get("mean_gradient_evaluations").optionalNumber(), f.get("mean_queries").optionalNumber(),
                    f.get("seconds").optionalNumber(), f.get("per_class").map(ClassRobustness::parse),
                    ModelMetrics.confusionMatrix(f.get("confusion_under_attack"), classes));
        }

        private static final String PERTURBATION = "perturbation_";

        /** The median size of the successful perturbations by {@code measure} (Linf, L2, Linf_dB); NaN when absent. */
        double medianPerturbation(String measure) {
            return medianPerturbation.getOrDefault(measure, Double.NaN);
        }

        /**
         * How the attack reached the model: "black-box" when it used queries and no gradient,
         * "white-box" otherwise.
         */
        String access() {
            return meanQueries > 0 && !(meanGradientEvaluations > 0) ? "black-box" : "white-box";
        }
    }

    /**
     * An attack's threat model.
     *
     * @param epsilon the budget in input units; NaN when written as null (unbounded)
     * @param goal    untargeted, or how targets were chosen
     */
    record ThreatModel(String norm, double epsilon, double boxLower, double boxUpper, String goal) {
        static ThreatModel parse(JsonField f) throws MalformedResultsException {
            return new ThreatModel(f.require("norm").text(), f.get("epsilon").number(),
                    f.get("box_lower").optionalNumber(), f.get("box_upper").optionalNumber(), f.get("goal").optionalText());
        }

        /**
         * A threat model written either as text or as the RobustnessReport object, in words; null when
         * absent.
         */
        static String text(JsonField f) throws MalformedResultsException {
            if (!f.isPresent()) {
                return null;
            }
            return f.raw().isObject() ? parse(f).describe() : f.text();
        }

        /** For example "Linf eps=0.01 box [0, 1] untargeted". */
        String describe() {
            return norm + " eps=" + budget() + boxAndGoal();
        }

        /** The budget as written in reports: "0.01", or "unbounded" for a minimum-norm attack (null or infinite). */
        String budget() {
            return Double.isNaN(epsilon) || Double.isInfinite(epsilon) ? "unbounded" : Format.number(epsilon);
        }

        /** The threat model without its budget, for example "Linf box [0, 1] untargeted". */
        String describeWithoutBudget() {
            return norm + boxAndGoal();
        }

        private String boxAndGoal() {
            String box = Double.isNaN(boxLower) && Double.isNaN(boxUpper) ? ""
                    : " box [" + Format.number(boxLower) + ", " + Format.number(boxUpper) + "]";
            return box + (goal == null ? "" : " " + goal);
        }
    }

    /** Clean and robust accuracy of one class. */
    record ClassRobustness(double cleanAccuracy, double robustAccuracy) {
        static ClassRobustness parse(JsonField f) throws MalformedResultsException {
            return new ClassRobustness(f.get("clean_accuracy").optionalFraction(), f.get("robust_accuracy").optionalFraction());
        }
    }

    /**
     * Accuracy against epsilon for one attack.
     *
     * @param source "fixed-epsilon attacks" or "minimal norms"
     */
    record Curve(String attack, String norm, String source, List<Point> points) {
        static Curve parse(JsonField f) throws MalformedResultsException {
            return new Curve(f.require("attack").text(), f.require("norm").text(), f.get("source").optionalText(),
                    f.get("points").list(Point::parse));
        }

        /** Whether the curve comes from a minimum-norm attack rather than from attacks at fixed budgets. */
        boolean fromMinimalNorms() {
            return source != null && source.toLowerCase(Locale.ROOT).contains("minimal");
        }
    }

    /** Accuracy at one budget. */
    record Point(double epsilon, double accuracy) {
        static Point parse(JsonField f) throws MalformedResultsException {
            return new Point(f.get("epsilon").number(), f.get("accuracy").fraction());
        }
    }

    /**
     * Each attacked sample's smallest successful perturbation.
     *
     * @param values          one per sample, NaN where none was found
     * @param decibelsPerUnit dB per input unit; NaN when absent
     */
    record MinimumNorms(String attack, String norm, double[] values, double decibelsPerUnit) {
        static MinimumNorms parse(JsonField f) throws MalformedResultsException {
            List<JsonField> elements = f.require("values").elements();
            double[] values = new double[elements.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = elements.get(i).number();
                if (values[i] < 0) {
                    throw elements.get(i).error("a norm cannot be negative, found " + values[i]);
                }
            }
            return new MinimumNorms(f.require("attack").text(), f.require("norm").text(), values,
                    f.get("db_per_unit").optionalNumber());
        }
    }
}

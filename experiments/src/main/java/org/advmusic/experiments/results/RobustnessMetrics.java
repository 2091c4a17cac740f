package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.attacks.evaluation.RobustnessCurve;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.advmusic.attacks.evaluation.Statistics;

/**
 * The baseline under attack ({@code metrics.json}'s {@code robustness} section).
 *
 * @param model        the attacked model's name
 * @param checkpoint   the hash of the attacked checkpoint's weights; null when not recorded
 * @param samples      test samples attacked; null when absent
 * @param reports      one per (attack, epsilon)
 * @param curves       accuracy against epsilon, from fixed-epsilon attacks and from minimal norms
 * @param minimumNorms each sample's smallest successful perturbation per minimum-norm attack
 * @param featurePerturbations what the attacks changed in each named feature of a tabular model (empty for spectrograms)
 */
public record RobustnessMetrics(String model, String checkpoint, Long samples, List<AttackReport> reports, List<Curve> curves,
                                List<MinimumNorms> minimumNorms, List<FeaturePerturbationMetrics> featurePerturbations) {

    public RobustnessMetrics {
        featurePerturbations = featurePerturbations == null ? List.of() : List.copyOf(featurePerturbations);
    }

    /** This section with the per-feature perturbations of a tabular model's attacks. */
    public RobustnessMetrics withFeaturePerturbations(List<FeaturePerturbationMetrics> perFeature) {
        return new RobustnessMetrics(model, checkpoint, samples, reports, curves, minimumNorms, perFeature);
    }

    /** The attacked model's name; "baseline" when not recorded. */
    public String modelName() {
        return model == null ? "baseline" : model;
    }

    /** "white-box" or "black-box": the access of {@code attack}'s reports (white-box when it has none). */
    public String access(String attack) {
        return reports.stream().filter(report -> report.attack().equals(attack)).map(AttackReport::access).findFirst()
                .orElse("white-box");
    }

    static RobustnessMetrics parse(JsonField f, List<String> classes) throws MalformedResultsException {
        return new RobustnessMetrics(f.get("model").optionalText(), f.get("checkpoint").optionalText(),
                f.get("samples").optionalInteger(), f.get("reports").list(report -> AttackReport.parse(report, classes)),
                f.get("curves").list(Curve::parse), f.get("minimum_norms").list(MinimumNorms::parse),
                f.get("feature_perturbations").list(FeaturePerturbationMetrics::parse));
    }

    ObjectNode toJson() {
        ObjectNode node = ResultsJson.object();
        ResultsJson.text(node, "model", model);
        ResultsJson.text(node, "checkpoint", checkpoint);
        ResultsJson.integer(node, "samples", samples);
        node.set("reports", ResultsJson.array(reports, AttackReport::toJson));
        node.set("curves", ResultsJson.array(curves, Curve::toJson));
        node.set("minimum_norms", ResultsJson.array(minimumNorms, MinimumNorms::toJson));
        if (!featurePerturbations.isEmpty()) {
            node.set("feature_perturbations", ResultsJson.array(featurePerturbations, FeaturePerturbationMetrics::toJson));
        }
        return node;
    }

    /**
     * One attack at one budget (the RobustnessReport JSON of RESULTS.md).
     *
     * @param perturbations        statistics of the successful perturbations by measure: Linf, L2, Linf_dB
     * @param perClass             clean and robust accuracy per class name
     * @param confusionUnderAttack rows: true class, columns: prediction on the attacked input; null when absent
     */
    public record AttackReport(String attack, ThreatModel threatModel, long samples, double cleanAccuracy, double robustAccuracy,
                               double successRate, long invalidOutputs, Map<String, Stats> perturbations,
                               double meanGradientEvaluations, double meanQueries, double seconds,
                               Map<String, ClassRobustness> perClass, int[][] confusionUnderAttack) implements Serializable {
        private static final long serialVersionUID = 1L;


        private static final String PERTURBATION = "perturbation_";

        /** The numbers of an evaluation. */
        public static AttackReport of(RobustnessReport report) {
            Map<String, Stats> perturbations = new LinkedHashMap<>();
            for (Norm norm : Norm.values()) {
                Statistics statistics = report.perturbation(norm);
                perturbations.put(norm.label(), Stats.of(statistics));
                if (norm == Norm.LINF && !Double.isNaN(report.decibelsPerUnit())) {
                    perturbations.put("Linf_dB", Stats.of(statistics.scaled(report.decibelsPerUnit())));
                }
            }
            Map<String, ClassRobustness> perClass = new LinkedHashMap<>();
            double[] clean = report.perClassCleanAccuracy();
            double[] robust = report.perClassRobustAccuracy();
            for (int c = 0; c < report.classNames().size(); c++) {
                perClass.put(report.classNames().get(c), new ClassRobustness(clean[c], robust[c]));
            }
            long[][] confusion = report.confusionUnderAttack();
            int[][] counts = new int[confusion.length][];
            for (int r = 0; r < counts.length; r++) {
                counts[r] = java.util.Arrays.stream(confusion[r]).mapToInt(Math::toIntExact).toArray();
            }
            return new AttackReport(report.attack(), ThreatModel.of(report.threatModel()), report.size(), report.cleanAccuracy(),
                    report.robustAccuracy(), report.successRate(), report.invalidOutputs(), perturbations,
                    report.meanGradientEvaluations(), report.meanQueries(), report.seconds(), perClass, counts);
        }

        static AttackReport parse(JsonField f, List<String> classes) throws MalformedResultsException {
            Map<String, Stats> perturbations = new LinkedHashMap<>();
            for (Map.Entry<String, JsonField> member : f.members().entrySet()) {
                if (member.getKey().startsWith(PERTURBATION) && member.getValue().isPresent()) {
                    perturbations.put(member.getKey().substring(PERTURBATION.length()), Stats.parse(member.getValue()));
                }
            }
            Long invalid = f.get("invalid_outputs").optionalInteger();
            return new AttackReport(f.require("attack").text(), ThreatModel.parse(f.require("threat_model")),
                    f.require("samples").integer(), f.get("clean_accuracy").fraction(),
                    f.get("robust_accuracy").fraction(), f.get("success_rate").optionalFraction(),
                    invalid == null ? 0 : invalid, perturbations,
                    f.get("mean_gradient_evaluations").optionalNumber(), f.get("mean_queries").optionalNumber(),
                    f.get("seconds").optionalNumber(), f.get("per_class").map(ClassRobustness::parse),
                    ModelMetrics.confusionMatrix(f.get("confusion_under_attack"), classes));
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("attack", attack);
            node.set("threat_model", threatModel.toJson());
            node.put("samples", samples);
            ResultsJson.number(node, "clean_accuracy", cleanAccuracy);
            ResultsJson.number(node, "robust_accuracy", robustAccuracy);
            ResultsJson.number(node, "success_rate", successRate);
            node.put("invalid_outputs", invalidOutputs);
            perturbations.forEach((measure, stats) -> node.set(PERTURBATION + measure, stats.toJson()));
            ResultsJson.number(node, "mean_gradient_evaluations", meanGradientEvaluations);
            ResultsJson.number(node, "mean_queries", meanQueries);
            ResultsJson.number(node, "seconds", seconds);
            node.set("per_class", ResultsJson.members(perClass, ClassRobustness::toJson));
            node.set("confusion_under_attack", ResultsJson.counts(confusionUnderAttack));
            return node;
        }

        /** The median size of the successful perturbations by {@code measure} (Linf, L2, Linf_dB); NaN when absent. */
        public double medianPerturbation(String measure) {
            Stats stats = perturbations.get(measure);
            return stats == null ? Double.NaN : stats.median();
        }

        /**
         * How the attack reached the model: "black-box" when it used queries and no gradient,
         * "white-box" otherwise.
         */
        public String access() {
            return meanQueries > 0 && !(meanGradientEvaluations > 0) ? "black-box" : "white-box";
        }
    }

    /** Statistics of perturbation sizes (NaN when absent or when no perturbation succeeded). */
    public record Stats(long count, double mean, double median, double p90, double max) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Stats of(Statistics s) {
            return new Stats(s.count(), s.mean(), s.median(), s.percentile90(), s.max());
        }

        static Stats parse(JsonField f) throws MalformedResultsException {
            Long count = f.get("count").optionalInteger();
            return new Stats(count == null ? 0 : count, f.get("mean").optionalNumber(), f.get("median").optionalNumber(),
                    f.get("p90").optionalNumber(), f.get("max").optionalNumber());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("count", count);
            ResultsJson.number(node, "mean", mean);
            ResultsJson.number(node, "median", median);
            ResultsJson.number(node, "p90", p90);
            return ResultsJson.number(node, "max", max);
        }
    }

    /**
     * An attack's threat model.
     *
     * @param epsilon the budget in input units; NaN when written as null (unbounded)
     * @param goal    untargeted, or how targets were chosen
     * @param boxUnit what one input unit means (e.g. "1 = 80 dB (...)"), or null when unstated
     */
    public record ThreatModel(String norm, double epsilon, double boxLower, double boxUpper, String goal, String boxUnit) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The threat model of an attack. */
        public static ThreatModel of(org.advmusic.attacks.ThreatModel tm) {
            return new ThreatModel(tm.norm().label(), tm.epsilon(), tm.box().lower(), tm.box().upper(), tm.targeting().describe(),
                    tm.box().unit());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("norm", norm);
            ResultsJson.number(node, "epsilon", epsilon);
            ResultsJson.number(node, "box_lower", boxLower);
            ResultsJson.number(node, "box_upper", boxUpper);
            ResultsJson.text(node, "goal", goal);
            return boxUnit == null ? node : ResultsJson.text(node, "box_unit", boxUnit);
        }

        static ThreatModel parse(JsonField f) throws MalformedResultsException {
            return new ThreatModel(f.require("norm").text(), f.get("epsilon").number(),
                    f.get("box_lower").optionalNumber(), f.get("box_upper").optionalNumber(), f.get("goal").optionalText(),
                    f.get("box_unit").optionalText());
        }

        /**
         * A threat model written either as text or as the RobustnessReport object, in words; null when
         * absent.
         */
        public static String text(JsonField f) throws MalformedResultsException {
            if (!f.isPresent()) {
                return null;
            }
            return f.raw().isObject() ? parse(f).describe() : f.text();
        }

        /** For example "Linf eps=0.01 box [0, 1] untargeted". */
        public String describe() {
            return norm + " eps=" + budget() + boxAndGoal();
        }

        /** The budget as written in reports: "0.01", or "unbounded" for a minimum-norm attack (null or infinite). */
        public String budget() {
            return Double.isNaN(epsilon) || Double.isInfinite(epsilon) ? "unbounded" : Numbers.compact(epsilon);
        }

        /** The threat model without its budget, for example "Linf box [0, 1] untargeted". */
        public String describeWithoutBudget() {
            return norm + boxAndGoal();
        }

        private String boxAndGoal() {
            String box = Double.isNaN(boxLower) && Double.isNaN(boxUpper) ? ""
                    : " box [" + Numbers.compact(boxLower) + ", " + Numbers.compact(boxUpper) + "]"
                    + (boxUnit == null ? "" : " (" + boxUnit + ")");
            return box + (goal == null ? "" : " " + goal);
        }
    }

    /** Clean and robust accuracy of one class. */
    public record ClassRobustness(double cleanAccuracy, double robustAccuracy) implements Serializable {
        private static final long serialVersionUID = 1L;

        ObjectNode toJson() {
            return ResultsJson.number(ResultsJson.number(ResultsJson.object(), "clean_accuracy", cleanAccuracy),
                    "robust_accuracy", robustAccuracy);
        }

        static ClassRobustness parse(JsonField f) throws MalformedResultsException {
            return new ClassRobustness(f.get("clean_accuracy").optionalFraction(), f.get("robust_accuracy").optionalFraction());
        }
    }

    /**
     * Accuracy against epsilon for one attack.
     *
     * @param source "fixed-epsilon attacks" or "minimal norms"
     */
    public record Curve(String attack, String norm, String source, List<Point> points) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** A curve of the attacks module. */
        public static Curve of(RobustnessCurve curve) {
            List<Point> points = new java.util.ArrayList<>();
            for (int k = 0; k < curve.epsilons().length; k++) {
                points.add(new Point(curve.epsilons()[k], curve.accuracy()[k]));
            }
            return new Curve(curve.attack(), curve.norm().label(), curve.source(), points);
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("attack", attack).put("norm", norm);
            ResultsJson.text(node, "source", source);
            node.set("points", ResultsJson.array(points, p -> ResultsJson.number(ResultsJson.number(ResultsJson.object(),
                    "epsilon", p.epsilon()), "accuracy", p.accuracy())));
            return node;
        }

        static Curve parse(JsonField f) throws MalformedResultsException {
            return new Curve(f.require("attack").text(), f.require("norm").text(), f.get("source").optionalText(),
                    f.get("points").list(Point::parse));
        }

        /** Whether the curve comes from a minimum-norm attack rather than from attacks at fixed budgets. */
        public boolean fromMinimalNorms() {
            return source != null && source.toLowerCase(Locale.ROOT).contains("minimal");
        }
    }

    /** Accuracy at one budget. */
    public record Point(double epsilon, double accuracy) implements Serializable {
        private static final long serialVersionUID = 1L;

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
    public record MinimumNorms(String attack, String norm, double[] values, double decibelsPerUnit) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Each attacked sample's smallest perturbation (NaN where none was found) from a minimum-norm attack's report. */
        public static MinimumNorms of(RobustnessReport report) {
            Norm norm = report.threatModel().norm();
            double[] values = java.util.stream.IntStream.range(0, report.size())
                    .filter(i -> report.status()[i] == SampleStatus.SUCCEEDED || report.status()[i] == SampleStatus.FAILED)
                    .mapToDouble(i -> report.status()[i] == SampleStatus.FAILED ? Double.NaN
                            : norm == Norm.LINF ? report.linf()[i] : report.l2()[i]).toArray();
            return new MinimumNorms(report.attack(), norm.label(), values, report.decibelsPerUnit());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("attack", attack).put("norm", norm);
            node.set("values", ResultsJson.numbers(values));
            return ResultsJson.number(node, "db_per_unit", decibelsPerUnit);
        }

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

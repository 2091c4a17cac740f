package org.advmusic.experiments.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;
import org.knowm.xchart.CategoryChart;

/**
 * Per-class accuracy bars and confusion matrices: every model on clean data, and the baseline under
 * each attack and budget.
 */
final class AccuracyFigures {
    private static final String CONFUSION_UNDER_ATTACK = "Confusion matrices of the baseline under attack";

    private AccuracyFigures() {
    }

    static void write(ReportContext context) throws IOException {
        RunMetrics metrics = context.metrics();
        cleanPerClass(context, metrics.models());
        for (ModelMetrics model : metrics.models()) {
            if (model.clean() != null && model.clean().confusion() != null) {
                int[][] counts = model.clean().confusion();
                context.figure(Section.CLEAN, "confusion clean " + model.name(),
                        model.name() + ": confusion matrix on clean test data (counts; colour: share of the true class)", null,
                        file -> ConfusionMatrixFigure.write(file, model.name() + ": clean test data", counts,
                                metrics.classNames(counts.length)));
            }
        }
        if (metrics.robustness() != null) {
            perClassUnderAttack(context, metrics.robustness());
            String model = metrics.robustness().modelName();
            for (RobustnessMetrics.AttackReport report : metrics.robustness().reports()) {
                if (report.confusionUnderAttack() == null) {
                    continue;
                }
                int[][] counts = report.confusionUnderAttack();
                String threat = report.threatModel().describe();
                String stem = "confusion " + report.attack() + " eps " + report.threatModel().budget();
                context.figure(Section.ROBUSTNESS, stem,
                        model + " under " + report.attack() + " (" + report.access() + ", " + threat + "): confusion matrix",
                        CONFUSION_UNDER_ATTACK, file -> ConfusionMatrixFigure.write(file,
                                model + " under " + report.attack() + ", " + threat, counts, metrics.classNames(counts.length)));
            }
        }
    }

    /** One bar chart: per-class clean accuracy, one series per model. */
    private static void cleanPerClass(ReportContext context, List<ModelMetrics> models) throws IOException {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (ModelMetrics model : models) {
            if (model.clean() != null && !model.clean().perClassAccuracy().isEmpty()) {
                series.put(model.name(), model.clean().perClassAccuracy());
            }
        }
        if (series.isEmpty()) {
            return;
        }
        CategoryChart chart = barChart("Per-class accuracy on clean test data", context.metrics(), series);
        context.figure(Section.CLEAN, "per-class clean", "Per-class accuracy of every model on clean test data", null,
                file -> Charts.write(chart, file));
    }

    /** One bar chart per attack: the baseline's per-class accuracy clean and at each budget. */
    private static void perClassUnderAttack(ReportContext context, RobustnessMetrics robustness) throws IOException {
        Map<String, List<RobustnessMetrics.AttackReport>> byAttack = new LinkedHashMap<>();
        for (RobustnessMetrics.AttackReport report : robustness.reports()) {
            if (!report.perClass().isEmpty()) {
                byAttack.computeIfAbsent(report.attack(), a -> new ArrayList<>()).add(report);
            }
        }
        String model = robustness.modelName();
        for (Map.Entry<String, List<RobustnessMetrics.AttackReport>> entry : byAttack.entrySet()) {
            List<RobustnessMetrics.AttackReport> reports = entry.getValue();
            Map<String, Map<String, Double>> series = new LinkedHashMap<>();
            series.put("clean", perClass(reports.get(0).perClass(), RobustnessMetrics.ClassRobustness::cleanAccuracy));
            List<String> threats = new ArrayList<>();
            for (RobustnessMetrics.AttackReport report : reports) {
                series.put("eps " + report.threatModel().budget(),
                        perClass(report.perClass(), RobustnessMetrics.ClassRobustness::robustAccuracy));
                threats.add(report.threatModel().describe());
            }
            CategoryChart chart = barChart(model + ": per-class accuracy under " + entry.getKey(), context.metrics(), series);
            context.figure(Section.ROBUSTNESS, "per-class " + entry.getKey(),
                    model + ": per-class accuracy clean and under " + entry.getKey() + " (" + reports.get(0).access()
                            + "; threat models: " + String.join("; ", threats) + ")", null, file -> Charts.write(chart, file));
        }
    }

    /** Bars per class (categories: the data set's classes, else every class named by a series), one series each. */
    private static CategoryChart barChart(String title, RunMetrics metrics, Map<String, Map<String, Double>> series) {
        Set<String> classes = new LinkedHashSet<>(metrics.classes());
        series.values().forEach(values -> classes.addAll(values.keySet()));
        List<String> categories = List.copyOf(classes);
        CategoryChart chart = Charts.barChart(title, "class", "accuracy");
        Charts.accuracyAxis(chart.getStyler());
        if (categories.size() > 6) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>(categories);
        for (Map.Entry<String, Map<String, Double>> entry : series.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (String name : categories) {
                Double value = entry.getValue().get(name);
                values.add(value == null || Double.isNaN(value) ? null : value); // an absent value draws no bar
            }
            bars.put(entry.getKey(), values);
        }
        for (int k = 0; k < labels.size(); k++) {
            int category = k;
            if (bars.values().stream().allMatch(values -> values.get(category) == null)) {
                labels.set(k, labels.get(k) + " (no samples)"); // not a zero: nothing to measure
            }
        }
        bars.forEach((name, values) -> chart.addSeries(name, labels, values));
        return chart;
    }

    private static <T> Map<String, Double> perClass(Map<String, T> scores, ToDoubleFunction<T> value) {
        Map<String, Double> out = new LinkedHashMap<>();
        scores.forEach((name, score) -> out.put(name, value.applyAsDouble(score)));
        return out;
    }
}

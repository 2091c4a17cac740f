package org.advmusic.experiments.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.advmusic.experiments.results.DefenseMetrics;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * Accuracy against the budget: the baseline under every attack (fixed-epsilon and minimal-norm curves
 * on one chart per norm), every defended model under each attack (naive numbers dashed), and the
 * distribution of the minimal norms.
 */
final class RobustnessFigures {
    private RobustnessFigures() {
    }

    static void write(ReportContext context) throws IOException {
        RunMetrics metrics = context.metrics();
        if (metrics.robustness() != null) {
            baselineCurves(context, metrics.robustness());
            minimumNorms(context, metrics.robustness());
        }
        if (metrics.defenses() != null) {
            defenseCurves(context, metrics.defenses());
        }
    }

    /** One chart per norm with every curve of that norm. */
    private static void baselineCurves(ReportContext context, RobustnessMetrics robustness) throws IOException {
        Map<String, List<RobustnessMetrics.Curve>> byNorm = new LinkedHashMap<>();
        for (RobustnessMetrics.Curve curve : robustness.curves()) {
            byNorm.computeIfAbsent(curve.norm(), n -> new ArrayList<>()).add(curve);
        }
        String model = robustness.modelName();
        double perUnit = context.metrics().decibelsPerUnit();
        for (Map.Entry<String, List<RobustnessMetrics.Curve>> entry : byNorm.entrySet()) {
            String norm = entry.getKey();
            XYChart chart = Charts.lineChart(model + ": accuracy against the " + norm + " budget" + decibelExample(norm, perUnit),
                    "epsilon (" + norm + ", " + Format.inputUnits(perUnit) + ")", "accuracy");
            Charts.accuracyAxis(chart.getStyler());
            for (RobustnessMetrics.Curve curve : entry.getValue()) {
                double[] x = curve.points().stream().mapToDouble(RobustnessMetrics.Point::epsilon).toArray();
                double[] y = curve.points().stream().mapToDouble(RobustnessMetrics.Point::accuracy).toArray();
                String name = curve.attack() + (curve.fromMinimalNorms() ? " (minimal norms)" : " (fixed epsilon)");
                XYSeries series = Charts.addLine(chart, name, x, y);
                if (series != null && curve.fromMinimalNorms()) {
                    Charts.plain(series);
                }
            }
            if (chart.getSeriesMap().isEmpty()) {
                continue;
            }
            List<String> access = entry.getValue().stream().map(RobustnessMetrics.Curve::attack).distinct()
                    .map(attack -> attack + " " + robustness.access(attack)).toList();
            String caption = model + " under " + norm + " attacks (" + String.join(", ", access) + "; " + goals(robustness, norm)
                    + "): accuracy against the budget. Markers: attacks run at each budget; lines without markers: from "
                    + "each sample's smallest successful perturbation found by a minimum-norm attack.";
            context.figure(Section.ROBUSTNESS, "robustness " + norm, caption, null, file -> Charts.write(chart, file));
        }
    }

    /** "Linf box [0, 1] untargeted" and the like, from the reports of {@code norm}; just the norm when there is none. */
    private static String goals(RobustnessMetrics robustness, String norm) {
        Set<String> goals = new LinkedHashSet<>();
        for (RobustnessMetrics.AttackReport report : robustness.reports()) {
            if (report.threatModel().norm().equals(norm)) {
                goals.add(report.threatModel().describeWithoutBudget());
            }
        }
        return goals.isEmpty() ? norm + " norm" : String.join("; ", goals);
    }

    private static String decibelExample(String norm, double perUnit) {
        return Double.isNaN(perUnit) || !norm.equalsIgnoreCase("Linf") ? ""
                : " (eps 0.01 = " + Format.decibels(0.01 * perUnit) + ")";
    }

    /** One histogram per minimum-norm attack: the smallest successful perturbation of each sample. */
    private static void minimumNorms(ReportContext context, RobustnessMetrics robustness) throws IOException {
        String model = robustness.modelName();
        for (RobustnessMetrics.MinimumNorms norms : robustness.minimumNorms()) {
            double largest = HistogramChart.largestMagnitude(norms.values());
            if (Double.isNaN(largest)) {
                continue; // the attack fooled no sample: nothing to draw (Table 2 and the curves say so)
            }
            double perUnit = Double.isNaN(norms.decibelsPerUnit()) ? context.metrics().decibelsPerUnit()
                    : norms.decibelsPerUnit();
            long found = Arrays.stream(norms.values()).filter(Double::isFinite).count();
            XYChart chart = Charts.lineChart(model + ": minimal " + norms.norm() + " norms found by " + norms.attack(),
                    "minimal " + norms.norm() + " norm (" + Format.inputUnits(perUnit) + ")", "samples");
            chart.getStyler().setLegendVisible(false);
            HistogramChart.add(chart, norms.attack(), norms.values(), 0, largest > 0 ? largest : 1e-6); // norms start at 0
            String caption = norms.attack() + " on " + model + " (" + robustness.access(norms.attack()) + ", minimal "
                    + norms.norm() + " norm): "
                    + found + " of " + norms.values().length + " samples fooled; median "
                    + Format.withDecibels(HistogramChart.median(norms.values()), perUnit)
                    + "; samples where no adversarial example was found are left out.";
            context.figure(Section.ROBUSTNESS, "minimal norms " + norms.attack(), caption, null,
                    file -> Charts.write(chart, file));
        }
    }

    /** One model's accuracies under one attack, of one kind, as points (epsilon, accuracy). */
    private record DefenseCurve(List<double[]> points, boolean naive) {
    }

    /** One chart per attack: accuracy against epsilon of every model, naive numbers dashed, starting at the clean accuracy. */
    private static void defenseCurves(ReportContext context, DefenseMetrics defenses) throws IOException {
        Map<String, Map<String, DefenseCurve>> byAttack = new LinkedHashMap<>();
        for (DefenseMetrics.DefendedModel model : defenses.models()) {
            for (DefenseMetrics.AttackedAccuracy number : model.underAttack()) {
                DefenseCurve curve = byAttack.computeIfAbsent(number.attack(), a -> new LinkedHashMap<>())
                        .computeIfAbsent(model.model() + ": " + number.kind(), name -> new DefenseCurve(
                                new ArrayList<>(List.of(new double[] {0, model.cleanAccuracy()})), !number.adaptive()));
                curve.points().add(new double[] {number.epsilon(), number.accuracy()});
            }
        }
        double perUnit = context.metrics().decibelsPerUnit();
        for (Map.Entry<String, Map<String, DefenseCurve>> attack : byAttack.entrySet()) {
            String norm = defenses.normOf(attack.getKey()) == null ? "" : defenses.normOf(attack.getKey());
            int legendHeight = 22 * attack.getValue().size(); // one legend line per curve, below the plot
            XYChart chart = Charts.lineChart("Defenses under " + attack.getKey() + decibelExample(norm, perUnit),
                    "epsilon (" + (norm.isEmpty() ? "" : norm + ", ") + Format.inputUnits(perUnit) + ")", "accuracy",
                    Charts.HEIGHT - 100 + legendHeight);
            Charts.accuracyAxis(chart.getStyler());
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            for (Map.Entry<String, DefenseCurve> curve : attack.getValue().entrySet()) {
                double[] x = curve.getValue().points().stream().mapToDouble(p -> p[0]).toArray();
                double[] y = curve.getValue().points().stream().mapToDouble(p -> p[1]).toArray();
                XYSeries series = Charts.addLine(chart, curve.getKey(), x, y);
                if (series != null && curve.getValue().naive()) {
                    Charts.dashed(series);
                }
            }
            if (chart.getSeriesMap().isEmpty()) {
                continue;
            }
            String caption = "Accuracy of every model under " + attack.getKey() + " against the budget (eps 0: clean "
                    + "accuracy); each series names how its gradients were obtained (white-box, naive or adaptive). Dashed "
                    + "lines are naive numbers: the attack did not account for the defense, so they overstate robustness. "
                    + "Threat models as in Table 4.";
            context.figure(Section.DEFENSES, "defenses " + attack.getKey(), caption, null, file -> Charts.write(chart, file));
        }
    }
}

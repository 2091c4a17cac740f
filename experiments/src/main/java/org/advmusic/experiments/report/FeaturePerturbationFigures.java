package org.advmusic.experiments.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.advmusic.attacks.evaluation.Histogram;
import org.advmusic.experiments.results.FeaturePerturbationMetrics;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * What the attacks on a tabular model changed in each named feature ({@code robustness.feature_perturbations}):
 * per attack, the mean absolute perturbation per feature as bars, and per example sample the
 * histogram of its per-feature perturbations beside its signed change per feature; and the means as
 * a table.
 */
final class FeaturePerturbationFigures {
    /** The most features one bar chart names; the table has them all. */
    static final int MOST_BARS = 40;

    private FeaturePerturbationFigures() {
    }

    static void write(ReportContext context) throws IOException {
        RobustnessMetrics robustness = context.metrics().robustness();
        if (robustness == null) {
            return;
        }
        for (FeaturePerturbationMetrics attack : robustness.featurePerturbations()) {
            if (attack.samples() > 0) {
                CategoryChart means = meanAbsoluteChart(attack);
                context.figure(Section.EXAMPLES, "features mean " + attack.attack(), attack.attack() + " ("
                        + attack.threatModel() + "): mean absolute perturbation per feature over the " + attack.samples()
                        + " of " + attack.attacked() + " attacked samples it misclassified, in " + attack.units()
                        + (attack.features().size() > MOST_BARS ? "; the " + MOST_BARS + " most changed of "
                        + attack.features().size() + " features (all in the table)" : ""), null,
                        file -> Charts.write(means, file));
            }
            for (FeaturePerturbationMetrics.Example example : attack.examples()) {
                List<String> largest = largestChanges(attack.features(), example.perturbation(), 3);
                String title = attack.attack() + " sample " + example.sample() + " (" + example.label() + " -> "
                        + example.adversarial() + ")";
                context.figure(Section.EXAMPLES, "features " + attack.attack() + " sample " + example.sample(), title + ", "
                        + attack.threatModel() + ": histogram of the perturbation of its " + attack.features().size()
                        + " features (left) and the change of each feature (right), in " + attack.units()
                        + "; largest changes: " + String.join(", ", largest), attack.attack() + " feature perturbations",
                        file -> Charts.writeGrid(List.of(exampleHistogram(title, attack.units(), example),
                                exampleChanges(title, attack, example)), 2, file));
            }
        }
    }

    /** Bars of the mean absolute perturbation of each feature, largest first (at most {@link #MOST_BARS}). */
    static CategoryChart meanAbsoluteChart(FeaturePerturbationMetrics attack) {
        int[] order = descending(attack.meanAbsolute(), MOST_BARS);
        CategoryChart chart = Charts.barChart(attack.attack() + ": mean |perturbation| per feature", "feature",
                "mean |adversarial - original| (" + attack.units() + ")");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.addSeries(attack.attack(), IntStream.of(order).mapToObj(attack.features()::get).toList(),
                IntStream.of(order).mapToObj(f -> (Number) attack.meanAbsolute()[f]).toList());
        return chart;
    }

    /** The histogram of one sample's per-feature perturbations ({@link FeaturePerturbationMetrics.Example#histogram()}). */
    static XYChart exampleHistogram(String title, String units, FeaturePerturbationMetrics.Example example) {
        Histogram histogram = example.histogram();
        XYChart chart = Charts.lineChart(title, "adversarial - original (" + units + ")", "features");
        chart.getStyler().setLegendVisible(false);
        HistogramChart.add(chart, "features", histogram);
        return chart;
    }

    /** One sample's signed change of each feature, the largest magnitudes first (at most {@link #MOST_BARS}). */
    private static CategoryChart exampleChanges(String title, FeaturePerturbationMetrics attack,
                                                FeaturePerturbationMetrics.Example example) {
        double[] magnitude = java.util.Arrays.stream(example.perturbation()).map(Math::abs).toArray();
        int[] order = descending(magnitude, MOST_BARS);
        CategoryChart chart = Charts.barChart(title, "feature", "adversarial - original (" + attack.units() + ")");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.addSeries("change", IntStream.of(order).mapToObj(attack.features()::get).toList(),
                IntStream.of(order).mapToObj(f -> (Number) example.perturbation()[f]).toList());
        return chart;
    }

    /** The mean absolute perturbation of every feature under every attack, one row per feature. */
    static Table table(RobustnessMetrics robustness) {
        List<FeaturePerturbationMetrics> attacks = robustness.featurePerturbations();
        Table.Builder t = Table.builder(Section.EXAMPLES, "feature-perturbations",
                        "Mean absolute perturbation per feature (tabular model)")
                .note(attacks.isEmpty() ? "" : "Mean |adversarial - original| over the misclassified samples of the first"
                        + " attacked batch, in " + attacks.get(0).units() + ", and in the feature's own units (times its"
                        + " training range). Threat models: " + String.join("; ", attacks.stream()
                        .map(a -> a.attack() + ": " + a.threatModel()).toList()))
                .column("feature", Table.Style.TEXT).column("training range", Table.Style.NUMBER);
        attacks.forEach(a -> t.column(a.attack(), Table.Style.NUMBER).column(a.attack() + " (feature units)",
                Table.Style.NUMBER));
        if (attacks.isEmpty()) {
            return t.build();
        }
        List<String> features = attacks.get(0).features();
        for (int f = 0; f < features.size(); f++) {
            List<Object> row = new ArrayList<>(List.of(features.get(f), attacks.get(0).ranges()[f]));
            for (FeaturePerturbationMetrics a : attacks) {
                row.add(a.meanAbsolute()[f]);
                row.add(a.meanAbsolute()[f] * a.ranges()[f]);
            }
            t.row(row.toArray());
        }
        return t.build();
    }

    /** The names of the {@code count} features with the largest |value|, each with its signed value. */
    private static List<String> largestChanges(List<String> features, double[] values, int count) {
        double[] magnitude = java.util.Arrays.stream(values).map(Math::abs).toArray();
        return IntStream.of(descending(magnitude, count)).mapToObj(f -> features.get(f) + " " + (values[f] > 0 ? "+" : "")
                + Format.number(values[f])).toList();
    }

    /** The indices of the at most {@code limit} largest finite values, largest first. */
    private static int[] descending(double[] values, int limit) {
        return IntStream.range(0, values.length).filter(f -> Double.isFinite(values[f])).boxed()
                .sorted(Comparator.comparingDouble((Integer f) -> values[f]).reversed()).limit(limit)
                .mapToInt(Integer::intValue).toArray();
    }
}

package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The study's figures, the models side by side: Table 2 as accuracy-against-epsilon curves (FGSM
 * dashed, PGD solid, one colour per model and attack) and Table 5 as bars (undefended, mixed and
 * pure adversarial training under PGD at its budget), in {@code figures/} of the study's folder.
 */
final class StudyFigures {
    private StudyFigures() {
    }

    /**
     * Draws the figures; a figure that cannot be drawn is recorded as a problem of the returned context.
     *
     * @param runs each model's results by its name in the study
     */
    static ReportContext write(Path root, Map<String, RunMetrics> runs, double table5Epsilon) throws IOException {
        ReportContext context = new ReportContext(root, RunMetrics.empty());
        robustness(context, runs);
        improvement(context, runs, table5Epsilon);
        return context;
    }

    /** Table 2: every model's FGSM and PGD curves of the undefended model on one chart. */
    private static void robustness(ReportContext context, Map<String, RunMetrics> runs) throws IOException {
        XYChart chart = Charts.lineChart("Undefended models under FGSM (dashed) and PGD", "epsilon", "accuracy");
        Charts.accuracyAxis(chart.getStyler());
        List<String> norms = new ArrayList<>();
        runs.forEach((name, run) -> {
            for (String family : List.of("FGSM", "PGD")) {
                RobustnessMetrics.Curve curve = StudyReport.fixedEpsilonCurve(run, family);
                if (curve == null) {
                    continue;
                }
                XYSeries series = Charts.addLine(chart, name + " " + curve.attack(),
                        curve.points().stream().mapToDouble(RobustnessMetrics.Point::epsilon).toArray(),
                        curve.points().stream().mapToDouble(RobustnessMetrics.Point::accuracy).toArray());
                if (series != null && family.equals("FGSM")) {
                    Charts.dashed(series);
                }
                if (!norms.contains(curve.norm())) {
                    norms.add(curve.norm());
                }
            }
        });
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        chart.setXAxisTitle("epsilon (" + String.join(", ", norms) + ")");
        context.figure(Section.ROBUSTNESS, "study robustness", "Table 2 as curves: accuracy of each undefended model under"
                + " white-box FGSM (dashed) and PGD against the " + String.join(", ", norms) + " budget; each model's threat"
                + " models (box, dB) are in its own report.", null, file -> Charts.write(chart, file));
    }

    /** Table 5: PGD accuracy of the undefended, mixed and pure adversarially trained models, per model. */
    private static void improvement(ReportContext context, Map<String, RunMetrics> runs, double epsilon) throws IOException {
        List<String> models = new ArrayList<>();
        List<List<Double>> values = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<String> strategies = List.of("baseline", "adversarial-mixed", "adversarial-pure");
        runs.forEach((name, run) -> {
            List<Double> row = strategies.stream().map(s -> run.defenses() == null ? null
                    : StudyReport.pgd(run.defenses(), s, epsilon)).toList();
            if (!row.contains(null)) {
                models.add(name);
                for (int k = 0; k < row.size(); k++) {
                    values.get(k).add(row.get(k));
                }
            }
        });
        if (models.isEmpty()) {
            return;
        }
        CategoryChart chart = Charts.barChart("PGD accuracy at eps " + Format.number(epsilon) + " per model", "model",
                "accuracy");
        Charts.accuracyAxis(chart.getStyler());
        List<String> labels = List.of("undefended", "adversarial training (mixed)", "adversarial training (pure)");
        for (int k = 0; k < labels.size(); k++) {
            chart.addSeries(labels.get(k), models, values.get(k));
        }
        context.figure(Section.DEFENSES, "study defense improvement", "Table 5 as bars: robust accuracy under white-box PGD"
                + " at eps " + Format.number(epsilon) + " (study.table5_epsilon) of each model undefended and adversarially"
                + " trained (mixed 50/50, pure).", null, file -> Charts.write(chart, file));
    }
}

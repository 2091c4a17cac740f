package org.advmusic.experiments.report;

import java.io.IOException;
import org.advmusic.experiments.results.DefenseMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/** The ROC curves of the detectors (naive and adaptive attacks) with the chance diagonal. */
final class DetectorFigures {
    private DetectorFigures() {
    }

    static void write(ReportContext context) throws IOException {
        DefenseMetrics defenses = context.metrics().defenses();
        if (defenses == null) {
            return;
        }
        XYChart chart = Charts.lineChart("Detector ROC: clean vs successful adversarial inputs",
                "false positive rate (clean flagged)", "detection rate (adversarial flagged)");
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (DefenseMetrics.DetectorMetrics detector : defenses.detectors()) {
            double[] x = detector.roc().stream().mapToDouble(DefenseMetrics.RocPoint::falsePositiveRate).toArray();
            double[] y = detector.roc().stream().mapToDouble(DefenseMetrics.RocPoint::truePositiveRate).toArray();
            String name = detector.detector() + " vs " + detector.attack() + ", " + detector.kind() + ", AUC "
                    + Format.decimal(detector.auc(), 3);
            XYSeries series = Charts.addLine(chart, name, x, y);
            if (series != null) {
                Charts.plain(series);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        Charts.reference(Charts.addLine(chart, "chance", new double[] {0, 1}, new double[] {0, 1}));
        context.figure(Section.DEFENSES, "detector roc", "Detector ROC curves; \"naive\": the attack ignores the detector, "
                + "\"adaptive\": a detector-aware attack (its loss also keeps the detector quiet). Threat models as in the "
                + "detector table.", null, file -> Charts.write(chart, file));
    }
}

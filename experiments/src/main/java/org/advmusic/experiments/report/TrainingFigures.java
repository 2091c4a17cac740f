package org.advmusic.experiments.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.advmusic.experiments.results.ModelMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The training history of every model: loss per epoch beside accuracy per epoch (training,
 * validation and, for adversarially trained models, robust validation accuracy), with the kept epoch
 * marked; and the learning rate, on the loss chart's right axis, when a scheduler changed it.
 */
final class TrainingFigures {
    private TrainingFigures() {
    }

    static void write(ReportContext context) throws IOException {
        for (ModelMetrics model : context.metrics().models()) {
            ModelMetrics.Training training = model.training();
            if (training == null || training.history().isEmpty()) {
                continue;
            }
            List<XYChart> charts = new ArrayList<>();
            XYChart loss = lossChart(model.name(), training.history());
            if (!loss.getSeriesMap().isEmpty()) {
                charts.add(loss);
            }
            XYChart accuracy = accuracyChart(model.name(), training);
            if (!accuracy.getSeriesMap().isEmpty()) {
                charts.add(accuracy);
            }
            if (charts.isEmpty()) {
                continue;
            }
            String caption = model.name() + ": loss and accuracy per epoch"
                    + (training.bestEpoch() == null ? "" : "; the weights of epoch " + training.bestEpoch() + " were kept")
                    + (training.robustValidation().isEmpty() ? "" : "; robust validation accuracy under the model's own "
                    + "training attacks (white-box)");
            context.figure(Section.TRAINING, "training " + model.name(), caption, null,
                    file -> Charts.writeGrid(charts, charts.size(), file));
        }
    }

    private static XYChart lossChart(String model, List<ModelMetrics.Epoch> history) {
        XYChart chart = Charts.lineChart(model + ": loss", "epoch", "cross-entropy loss");
        legendBelow(chart);
        double[] epochs = column(history, ModelMetrics.Epoch::epoch);
        Charts.addLine(chart, "training", epochs, column(history, ModelMetrics.Epoch::trainingLoss));
        Charts.addLine(chart, "validation", epochs, column(history, ModelMetrics.Epoch::validationLoss));
        if (learningRateChanged(history) && !chart.getSeriesMap().isEmpty()) {
            XYSeries rate = Charts.addLine(chart, "learning rate (right axis)", epochs,
                    column(history, ModelMetrics.Epoch::learningRate));
            Charts.reference(rate);
            rate.setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, "learning rate");
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        return chart;
    }

    private static XYChart accuracyChart(String model, ModelMetrics.Training training) {
        XYChart chart = Charts.lineChart(model + ": accuracy", "epoch", "accuracy");
        Charts.accuracyAxis(chart.getStyler());
        legendBelow(chart);
        List<ModelMetrics.Epoch> history = training.history();
        double[] epochs = column(history, ModelMetrics.Epoch::epoch);
        Charts.addLine(chart, "training", epochs, column(history, ModelMetrics.Epoch::trainingAccuracy));
        Charts.addLine(chart, "validation", epochs, column(history, ModelMetrics.Epoch::validationAccuracy));
        List<ModelMetrics.RobustEpoch> robust = training.robustValidation();
        double[] robustEpochs = column(robust, ModelMetrics.RobustEpoch::epoch);
        Charts.addLine(chart, "validation under PGD", robustEpochs, column(robust, ModelMetrics.RobustEpoch::pgdAccuracy));
        Charts.addLine(chart, "validation under FGSM", robustEpochs, column(robust, ModelMetrics.RobustEpoch::fgsmAccuracy));
        if (training.bestEpoch() != null && !chart.getSeriesMap().isEmpty()) {
            XYSeries best = Charts.addLine(chart, "kept epoch", new double[] {training.bestEpoch(), training.bestEpoch()},
                    new double[] {0, 1});
            Charts.reference(best);
        }
        return chart;
    }

    private static boolean learningRateChanged(List<ModelMetrics.Epoch> history) {
        return history.stream().mapToDouble(ModelMetrics.Epoch::learningRate).filter(Double::isFinite).distinct().count() > 1;
    }

    /** The legend in one row under the plot, so that the loss and accuracy plots keep the same size. */
    private static void legendBelow(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    private static <T> double[] column(List<T> rows, ToDoubleFunction<T> value) {
        return rows.stream().mapToDouble(value).toArray();
    }
}

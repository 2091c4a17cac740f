package org.advmusic.experiments.report;

import java.util.Arrays;
import org.advmusic.attacks.evaluation.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Histograms drawn as filled XChart steps: equal-width bins over a given range. */
final class HistogramChart {
    static final int BINS = 30;

    private HistogramChart() {
    }

    /**
     * Adds the histogram of {@code values}' finite entries over {@code [low, high]} in {@link #BINS}
     * bins (values outside fall into the first or last bin); returns null (adding nothing) when no
     * value is finite.
     */
    static XYSeries add(XYChart chart, String name, double[] values, double low, double high) {
        Histogram histogram = Histogram.of(values, BINS, low, high);
        return histogram.total() == 0 ? null : add(chart, name, histogram);
    }

    /** Adds a histogram's bins as filled steps. */
    static XYSeries add(XYChart chart, String name, Histogram histogram) {
        long[] counts = histogram.counts();
        double[] heights = new double[counts.length + 1]; // the last entry repeats the last bin, closing the final step
        for (int b = 0; b < counts.length; b++) {
            heights[b] = counts[b];
        }
        heights[counts.length] = counts[counts.length - 1];
        XYSeries series = chart.addSeries(name, histogram.edges(), heights);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /** The largest absolute finite value; NaN when no value is finite. */
    static double largestMagnitude(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).map(Math::abs).max().orElse(Double.NaN);
    }

    /** The median of the finite values; NaN when there is none. */
    static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int middle = finite.length / 2;
        return finite.length % 2 == 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
    }
}

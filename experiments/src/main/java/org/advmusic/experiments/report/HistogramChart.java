package org.advmusic.experiments.report;

import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Histograms drawn as filled XChart steps: equal-width bins over a given range. */
final class HistogramChart {
    static final int BINS = 30;

    private HistogramChart() {
    }

    /**
     * Adds the histogram of {@code values}' finite entries over {@code [low, high]} (values outside
     * fall into the first or last bin); returns null (adding nothing) when no value is finite.
     */
    static XYSeries add(XYChart chart, String name, double[] values, double low, double high) {
        if (!(high > low)) {
            throw new IllegalArgumentException("histogram range [" + low + ", " + high + "] is empty");
        }
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return null;
        }
        double[] edges = new double[BINS + 1];
        double width = (high - low) / BINS;
        for (int b = 0; b <= BINS; b++) {
            edges[b] = low + b * width;
        }
        double[] counts = new double[BINS + 1]; // the last entry repeats the last bin, closing the final step
        for (double v : finite) {
            int bin = (int) Math.floor((v - low) / width);
            counts[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        counts[BINS] = counts[BINS - 1];
        XYSeries series = chart.addSeries(name, edges, counts);
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

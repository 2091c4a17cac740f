package org.advmusic.experiments.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** XChart charts in the report's style (800 x 500, readable fonts, white background) and their PNG output. */
final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    private Charts() {
    }

    /** An empty line chart with the report's style. */
    static XYChart lineChart(String title, String xLabel, String yLabel) {
        return lineChart(title, xLabel, yLabel, HEIGHT);
    }

    /** An empty line chart with the report's style, {@code height} pixels high (room for a long legend below). */
    static XYChart lineChart(String title, String xLabel, String yLabel, int height) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Format::number);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(Format::number);
        return chart;
    }

    /** An empty bar chart with the report's style. */
    static CategoryChart barChart(String title, String xLabel, String yLabel) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.8);
        return chart;
    }

    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(0x888888));
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(new Color(0xCCCCCC));
        styler.setChartPadding(12);
        styler.setAntiAlias(true);
    }

    /** Shows the y axis as accuracy: from 0 to 1, ticks written as percentages. */
    static void accuracyAxis(AxesChartStyler styler) {
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(1.0);
        styler.setyAxisTickLabelsFormattingFunction(value -> Math.round(100 * value) + "%");
    }

    /**
     * Adds a line with markers from the points whose x and y are both finite, sorted by x, named
     * {@code name} (with a number appended if the chart already has that name); returns null (and
     * adds nothing) when no such point exists.
     */
    static XYSeries addLine(XYChart chart, String name, double[] x, double[] y) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                points.add(new double[] {x[i], y[i]});
            }
        }
        if (points.isEmpty()) {
            return null;
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
        String unique = name;
        for (int k = 2; chart.getSeriesMap().containsKey(unique); k++) {
            unique = name + " (" + k + ")";
        }
        return chart.addSeries(unique, xs, ys);
    }

    /** Draws {@code series} dashed and without markers (naive numbers, reference lines, dense curves). */
    static void dashed(XYSeries series) {
        series.setLineStyle(SeriesLines.DASH_DASH);
        series.setMarker(SeriesMarkers.NONE);
    }

    /** Draws {@code series} as a grey dashed reference line (chance, the kept epoch). */
    static void reference(XYSeries series) {
        dashed(series);
        series.setLineColor(new Color(0x777777));
    }

    /** Draws {@code series} as a plain line without markers. */
    static void plain(XYSeries series) {
        series.setLineStyle(new BasicStroke(2f));
        series.setMarker(SeriesMarkers.NONE);
    }

    /** Writes {@code chart} as a PNG. */
    static void write(Chart<?, ?> chart, Path file) throws IOException {
        writeGrid(List.of(chart), 1, file);
    }

    /** Writes {@code charts} side by side in one PNG, {@code columns} per row. */
    static void writeGrid(List<? extends Chart<?, ?>> charts, int columns, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        int rows = (charts.size() + columns - 1) / columns;
        try (OutputStream out = Files.newOutputStream(file)) {
            if (charts.size() == 1) {
                BitmapEncoder.saveBitmap(charts.get(0), out, BitmapEncoder.BitmapFormat.PNG);
            } else {
                BitmapEncoder.saveBitmap(new ArrayList<Chart<?, ?>>(charts), rows, columns, out, BitmapEncoder.BitmapFormat.PNG);
            }
        }
    }
}

package org.advmusic.experiments.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A confusion matrix as a PNG: rows are true classes, columns predictions, each cell coloured by the
 * share of its true class (so that rare classes read as clearly as common ones) and labelled with
 * its count; a colour bar, class names on both axes and the title (with the threat model when the
 * predictions were made under attack).
 */
final class ConfusionMatrixFigure {
    private static final int PADDING = 16;
    private static final int MATRIX_SIZE = 440;
    private static final ColorMap MAP = ColorMap.VIRIDIS;

    private ConfusionMatrixFigure() {
    }

    /**
     * Draws and writes the figure.
     *
     * @param counts  rows: true class, columns: prediction; square, as large as {@code classes}
     * @param classes class names
     */
    static void write(Path file, String title, int[][] counts, List<String> classes) throws IOException {
        Drawing.writePng(draw(title, counts, classes), file);
    }

    /** Draws the figure (see {@link #write}). */
    static BufferedImage draw(String title, int[][] counts, List<String> classes) {
        int n = counts.length;
        if (n == 0 || classes.size() != n) {
            throw new IllegalArgumentException("confusion matrix of " + n + " rows for " + classes.size() + " class names");
        }
        int cell = Math.max(12, MATRIX_SIZE / n);
        int matrix = cell * n;
        int nameWidth = classes.stream().mapToInt(name -> Drawing.width(name, Drawing.TICK)).max().orElse(0);
        int rowLabelsWidth = nameWidth + 8 + Drawing.lineHeight(Drawing.LABEL) + 8;
        int columnLabelsHeight = (int) Math.ceil(nameWidth * Math.sin(Math.PI / 4)) + 10 + Drawing.lineHeight(Drawing.LABEL) + 6;
        List<String> barLabels = List.of("0.00", "0.25", "0.50", "0.75", "1.00");
        int width = PADDING + rowLabelsWidth + matrix + 16 + Drawing.colourBarWidth(barLabels) + PADDING;
        List<String> titleLines = Drawing.wrap(title, Drawing.TITLE, width - 2 * PADDING);
        int top = PADDING + titleLines.size() * Drawing.lineHeight(Drawing.TITLE) + 12;
        int height = top + matrix + columnLabelsHeight + PADDING;
        int left = PADDING + rowLabelsWidth;

        BufferedImage image = Drawing.blank(width, height);
        Graphics2D g = Drawing.graphics(image);
        Drawing.centredLines(g, titleLines, Drawing.TITLE, width / 2, PADDING);
        boolean showCounts = cell >= 22;
        Font countFont = Drawing.TICK.deriveFont((float) Math.min(18, Math.max(11, cell / 5)));
        for (int r = 0; r < n; r++) {
            long rowTotal = 0;
            for (int count : counts[r]) {
                rowTotal += count;
            }
            for (int c = 0; c < n; c++) {
                double share = rowTotal == 0 ? 0 : counts[r][c] / (double) rowTotal;
                int rgb = MAP.rgb(share);
                g.setColor(new Color(rgb));
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
                if (showCounts) {
                    g.setColor(ColorMap.lightness(rgb) < 55 ? Color.WHITE : Color.BLACK);
                    Drawing.centred(g, Integer.toString(counts[r][c]), countFont, left + (c + 0.5) * cell,
                            top + (r + 0.5) * cell);
                }
            }
        }
        g.setColor(Drawing.TEXT);
        g.drawRect(left - 1, top - 1, matrix + 1, matrix + 1);
        for (int k = 0; k < n; k++) {
            Drawing.rightAligned(g, classes.get(k), Drawing.TICK, left - 6, top + (k + 0.5) * cell);
            rotatedColumnLabel(g, classes.get(k), left + (k + 0.5) * cell, top + matrix + 6);
        }
        Drawing.vertical(g, "true class", Drawing.LABEL, PADDING + Drawing.lineHeight(Drawing.LABEL) / 2.0, top + matrix / 2.0);
        Drawing.centred(g, "predicted class", Drawing.LABEL, left + matrix / 2.0,
                height - PADDING - Drawing.lineHeight(Drawing.LABEL) / 2.0);
        Drawing.colourBar(g, MAP, 0, 1, left + matrix + 16, top, matrix, "share of the true class",
                value -> Format.decimal(value, 2));
        g.dispose();
        return image;
    }

    /** A column's class name written downwards at 45 degrees, ending at its column's centre. */
    private static void rotatedColumnLabel(Graphics2D g, String name, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(Math.PI / 4);
        Drawing.leftAligned(g, name, Drawing.TICK, 0, 0);
        g.setTransform(saved);
    }
}

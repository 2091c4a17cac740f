package org.advmusic.experiments.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Heatmaps side by side in one PNG (spectrograms, their difference, Grad-CAM overlays), drawn
 * straight into an image: each panel with its title, axis ticks and a colour bar; row 0 at the
 * bottom (low frequencies) and time running left to right; the figure's title on top.
 */
final class HeatmapFigure {
    private static final int PLOT_WIDTH = 260;
    private static final int PLOT_HEIGHT = 256;
    private static final int LEFT_MARGIN = 58;
    private static final int GAP = 24;
    private static final int BAR_GAP = 10;
    private static final int PADDING = 16;

    private HeatmapFigure() {
    }

    /**
     * Draws {@code panels} left to right and writes the PNG.
     *
     * @param title  the figure's title (wrapped to the figure's width)
     * @param xLabel the horizontal axis, e.g. "time frame"
     * @param yLabel the vertical axis, e.g. "mel band"
     */
    static void write(Path file, String title, String xLabel, String yLabel, List<HeatmapPanel> panels) throws IOException {
        Drawing.writePng(draw(title, xLabel, yLabel, panels), file);
    }

    /** Draws the figure (see {@link #write}). */
    static BufferedImage draw(String title, String xLabel, String yLabel, List<HeatmapPanel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a heatmap figure needs at least one panel");
        }
        int[] barWidths = panels.stream().mapToInt(HeatmapFigure::colourBarWidth).toArray();
        int width = PADDING;
        for (int barWidth : barWidths) {
            width += LEFT_MARGIN + PLOT_WIDTH + BAR_GAP + barWidth + GAP;
        }
        width += PADDING - GAP;
        List<String> titleLines = Drawing.wrap(title, Drawing.TITLE, width - 2 * PADDING);
        int panelTitleLines = panels.stream()
                .mapToInt(p -> Drawing.wrap(p.title(), Drawing.LABEL, PLOT_WIDTH + 40).size()).max().orElse(1);
        int plotTop = PADDING + titleLines.size() * Drawing.lineHeight(Drawing.TITLE) + 8
                + panelTitleLines * Drawing.lineHeight(Drawing.LABEL) + 4;
        int height = plotTop + PLOT_HEIGHT + Drawing.lineHeight(Drawing.TICK) + Drawing.lineHeight(Drawing.LABEL) + 12 + PADDING;

        BufferedImage image = Drawing.blank(width, height);
        Graphics2D g = Drawing.graphics(image);
        Drawing.centredLines(g, titleLines, Drawing.TITLE, width / 2, PADDING);
        int left = PADDING;
        for (int i = 0; i < panels.size(); i++) {
            HeatmapPanel panel = panels.get(i);
            int plotLeft = left + LEFT_MARGIN;
            List<String> lines = Drawing.wrap(panel.title(), Drawing.LABEL, PLOT_WIDTH + 40);
            Drawing.centredLines(g, lines, Drawing.LABEL, plotLeft + PLOT_WIDTH / 2,
                    plotTop - 4 - lines.size() * Drawing.lineHeight(Drawing.LABEL));
            paintCells(image, panel, plotLeft, plotTop);
            axes(g, panel.base().grid(), plotLeft, plotTop, xLabel, yLabel);
            HeatmapPanel.Layer top = panel.top();
            Drawing.colourBar(g, top.map(), top.low(), top.high(), plotLeft + PLOT_WIDTH + BAR_GAP, plotTop, PLOT_HEIGHT,
                    panel.colourBarLabel(), panel.tickLabel());
            left += LEFT_MARGIN + PLOT_WIDTH + BAR_GAP + barWidths[i] + GAP;
        }
        g.dispose();
        return image;
    }

    private static int colourBarWidth(HeatmapPanel panel) {
        HeatmapPanel.Layer top = panel.top();
        List<String> labels = IntStream.rangeClosed(0, 4)
                .mapToObj(k -> panel.tickLabel().apply(top.low() + (top.high() - top.low()) * k / 4)).toList();
        return Drawing.colourBarWidth(labels);
    }

    /** Fills the plot area, each pixel taking its nearest cell; the overlay is alpha-blended over the base. */
    private static void paintCells(BufferedImage image, HeatmapPanel panel, int plotLeft, int plotTop) {
        Grid grid = panel.base().grid();
        HeatmapPanel.Layer overlay = panel.overlay();
        for (int y = 0; y < PLOT_HEIGHT; y++) {
            int row = grid.rows() - 1 - (int) ((long) y * grid.rows() / PLOT_HEIGHT); // row 0 at the bottom
            for (int x = 0; x < PLOT_WIDTH; x++) {
                int column = (int) ((long) x * grid.columns() / PLOT_WIDTH);
                int rgb = panel.base().rgb(row, column);
                if (overlay != null) {
                    int overlayRow = overlay.grid().rows() - 1 - (int) ((long) y * overlay.grid().rows() / PLOT_HEIGHT);
                    int overlayColumn = (int) ((long) x * overlay.grid().columns() / PLOT_WIDTH);
                    rgb = blend(rgb, overlay.rgb(overlayRow, overlayColumn), overlay.opacity());
                }
                image.setRGB(plotLeft + x, plotTop + y, rgb);
            }
        }
    }

    /** {@code (1 - alpha) * under + alpha * over}, per channel. */
    static int blend(int under, int over, double alpha) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double mixed = (1 - alpha) * ((under >> shift) & 0xFF) + alpha * ((over >> shift) & 0xFF);
            out |= (int) Math.round(mixed) << shift;
        }
        return out;
    }

    /** The frame, the ticks (cell indices) and the axis labels of one plot. */
    private static void axes(Graphics2D g, Grid grid, int plotLeft, int plotTop, String xLabel, String yLabel) {
        g.setColor(Drawing.TEXT);
        g.drawRect(plotLeft - 1, plotTop - 1, PLOT_WIDTH + 1, PLOT_HEIGHT + 1);
        for (int row : Drawing.ticks(grid.rows())) {
            int y = plotTop + (int) Math.round(PLOT_HEIGHT - (row + 0.5) * PLOT_HEIGHT / grid.rows());
            g.drawLine(plotLeft - 5, y, plotLeft - 1, y);
            Drawing.rightAligned(g, Integer.toString(row), Drawing.TICK, plotLeft - 7, y);
        }
        int tickBottom = plotTop + PLOT_HEIGHT + 5;
        for (int column : Drawing.ticks(grid.columns())) {
            int x = plotLeft + (int) Math.round((column + 0.5) * PLOT_WIDTH / grid.columns());
            g.drawLine(x, plotTop + PLOT_HEIGHT, x, tickBottom);
            Drawing.centred(g, Integer.toString(column), Drawing.TICK, x, tickBottom + Drawing.lineHeight(Drawing.TICK) / 2.0);
        }
        Drawing.centred(g, xLabel, Drawing.LABEL, plotLeft + PLOT_WIDTH / 2.0,
                tickBottom + Drawing.lineHeight(Drawing.TICK) + 4 + Drawing.lineHeight(Drawing.LABEL) / 2.0);
        Drawing.vertical(g, yLabel, Drawing.LABEL, plotLeft - 40, plotTop + PLOT_HEIGHT / 2.0);
    }
}

package org.advmusic.experiments.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/** Text, colour bars and PNG output shared by the figures drawn directly into images (heatmaps, confusion matrices). */
final class Drawing {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Color TEXT = new Color(0x222222);
    private static final int COLOUR_BAR_THICKNESS = 14;
    /** Measures text as {@link #graphics} will draw it (same anti-aliasing, hence the same widths). */
    private static final Graphics2D MEASURE = graphics(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));

    private Drawing() {
    }

    /** A white image of the given size, and its graphics with anti-aliased text and shapes. */
    static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Graphics on {@code image} with anti-aliasing on. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(TEXT);
        return g;
    }

    /** {@code text} broken at spaces into lines no wider than {@code width} pixels in {@code font}. */
    static List<String> wrap(String text, Font font, int width) {
        FontMetrics metrics = MEASURE.getFontMetrics(font);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The height in pixels of one line of {@code font}. */
    static int lineHeight(Font font) {
        return MEASURE.getFontMetrics(font).getHeight();
    }

    /** The width in pixels of {@code text} in {@code font}. */
    static int width(String text, Font font) {
        return MEASURE.getFontMetrics(font).stringWidth(text);
    }

    /** Draws lines centred on {@code centreX}, the first line's top at {@code top}; returns the bottom. */
    static int centredLines(Graphics2D g, List<String> lines, Font font, int centreX, int top) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int y = top;
        for (String line : lines) {
            g.drawString(line, centreX - metrics.stringWidth(line) / 2, y + metrics.getAscent());
            y += metrics.getHeight();
        }
        return y;
    }

    /** Draws {@code text} centred on ({@code x}, {@code y}) (the middle of the text's box). */
    static void centred(Graphics2D g, String text, Font font, double x, double y) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (float) (x - metrics.stringWidth(text) / 2.0),
                (float) (y - metrics.getHeight() / 2.0 + metrics.getAscent()));
    }

    /** Draws {@code text} rotated a quarter turn anticlockwise (reading upwards), centred on ({@code x}, {@code y}). */
    static void vertical(Graphics2D g, String text, Font font, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        centred(g, text, font, 0, 0);
        g.setTransform(saved);
    }

    /** Draws {@code text} right-aligned at {@code x}, vertically centred on {@code y}. */
    static void rightAligned(Graphics2D g, String text, Font font, double x, double y) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (float) (x - metrics.stringWidth(text)),
                (float) (y - metrics.getHeight() / 2.0 + metrics.getAscent()));
    }

    /** Draws {@code text} left-aligned at {@code x}, vertically centred on {@code y}. */
    static void leftAligned(Graphics2D g, String text, Font font, double x, double y) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (float) x, (float) (y - metrics.getHeight() / 2.0 + metrics.getAscent()));
    }

    /** Horizontal space a colour bar with {@code tickLabels} and a rotated label needs to the right of its left edge. */
    static int colourBarWidth(List<String> tickLabels) {
        int widest = tickLabels.stream().mapToInt(label -> width(label, TICK)).max().orElse(0);
        return COLOUR_BAR_THICKNESS + 6 + widest + 8 + lineHeight(LABEL);
    }

    /**
     * Draws a vertical colour bar from {@code low} (bottom) to {@code high} (top) with 5 ticks
     * labelled by {@code tickLabel} and {@code label} written upwards beside them.
     */
    static void colourBar(Graphics2D g, ColorMap map, double low, double high, int left, int top, int height,
                          String label, DoubleFunction<String> tickLabel) {
        for (int y = 0; y < height; y++) {
            g.setColor(new Color(map.rgb(1 - y / (double) (height - 1))));
            g.drawLine(left, top + y, left + COLOUR_BAR_THICKNESS - 1, top + y);
        }
        g.setColor(TEXT);
        g.drawRect(left, top, COLOUR_BAR_THICKNESS - 1, height - 1);
        int widest = 0;
        for (int k = 0; k <= 4; k++) {
            double value = low + (high - low) * k / 4;
            int y = top + (int) Math.round((height - 1) * (1 - k / 4.0));
            g.drawLine(left + COLOUR_BAR_THICKNESS, y, left + COLOUR_BAR_THICKNESS + 3, y);
            String text = tickLabel.apply(value);
            leftAligned(g, text, TICK, left + COLOUR_BAR_THICKNESS + 6, y);
            widest = Math.max(widest, width(text, TICK));
        }
        vertical(g, label, LABEL, left + COLOUR_BAR_THICKNESS + 6 + widest + 8 + lineHeight(LABEL) / 2.0, top + height / 2.0);
    }

    /** Up to 5 evenly spread integer positions in {@code [0, count - 1]}, first and last included. */
    static int[] ticks(int count) {
        int n = Math.min(5, count);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = n == 1 ? 0 : (int) Math.round(k * (count - 1) / (double) (n - 1));
        }
        return out;
    }

    /** Writes {@code image} as a PNG, creating the folder; fails when no PNG writer is available. */
    static void writePng(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException(file + ": no PNG image writer is available in this Java runtime");
        }
    }
}

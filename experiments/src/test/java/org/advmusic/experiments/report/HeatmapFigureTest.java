package org.advmusic.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Heatmaps put low rows (low frequencies) at the bottom and blend overlays as stated. */
class HeatmapFigureTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void rowZeroIsDrawnAtTheBottom() {
        int rows = 4;
        int columns = 5;
        double[] values = new double[rows * columns];
        for (int c = 0; c < columns; c++) {
            values[c] = 1; // row 0 bright, the others dark
        }
        HeatmapPanel panel = new HeatmapPanel("panel", new HeatmapPanel.Layer(new Grid(rows, columns, values), ColorMap.VIRIDIS,
                0, 1, 1), null, "value", v -> Format.decimal(v, 1));
        BufferedImage image = HeatmapFigure.draw("title", "time frame", "mel band", List.of(panel));
        double bright = medianRowOf(image, ColorMap.VIRIDIS.rgb(1));
        double dark = medianRowOf(image, ColorMap.VIRIDIS.rgb(0));
        assertTrue(bright > dark, "the bright row 0 (median image row " + bright + ") lies below the dark rows (" + dark + ")");
    }

    @Test
    void overlayIsAlphaBlended() {
        assertEquals(0x808080, HeatmapFigure.blend(0x000000, 0xFFFFFF, 0.5));
        assertEquals(0x102030, HeatmapFigure.blend(0x102030, 0xFFFFFF, 0.0));
        assertEquals(0xFF0000, HeatmapFigure.blend(0x00FF00, 0xFF0000, 1.0));
    }

    @Test
    void confusionMatrixFitsManyClasses() {
        int n = 12;
        int[][] counts = new int[n][n];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            counts[k][k] = 5;
            counts[k][(k + 1) % n] = 1;
            names.add("class number " + k);
        }
        BufferedImage image = ConfusionMatrixFigure.draw("12 classes", counts, names);
        assertTrue(image.getWidth() < 1000 && image.getHeight() < 1000, image.getWidth() + " x " + image.getHeight());
    }

    /** The median y of the pixels of exactly {@code rgb}. */
    private static double medianRowOf(BufferedImage image, int rgb) {
        List<Integer> ys = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    ys.add(y);
                }
            }
        }
        assertTrue(ys.size() > 100, "the colour " + Integer.toHexString(rgb) + " fills part of the plot");
        return ys.get(ys.size() / 2);
    }
}

package org.advmusic.experiments.report;

import java.util.function.DoubleFunction;

/**
 * One heatmap of a {@link HeatmapFigure}: a base layer, optionally an overlay alpha-blended on top
 * (a Grad-CAM map over a spectrogram in greys), and a colour bar for the top layer.
 *
 * @param title          the panel's title
 * @param base           the layer drawn first
 * @param overlay        the layer blended over it; null for none
 * @param colourBarLabel what the colour bar measures
 * @param tickLabel      how a colour bar value is written (units, dB)
 */
record HeatmapPanel(String title, Layer base, Layer overlay, String colourBarLabel, DoubleFunction<String> tickLabel) {

    /** The layer that the colour bar describes: the overlay when there is one. */
    Layer top() {
        return overlay != null ? overlay : base;
    }

    /**
     * Values mapped to colours: {@code low} to the map's first colour, {@code high} to its last.
     *
     * @param opacity 1 for a base layer; the overlay's weight when blended
     */
    record Layer(Grid grid, ColorMap map, double low, double high, double opacity) {
        /** Validates the range and the opacity. */
        Layer {
            if (!(high > low) || !(opacity > 0 && opacity <= 1)) {
                throw new IllegalArgumentException("layer needs low < high and opacity in (0, 1]; found [" + low + ", " + high
                        + "] and " + opacity);
            }
        }

        /** The colour (0xRRGGBB) of cell ({@code row}, {@code column}). */
        int rgb(int row, int column) {
            return map.rgb((grid.value(row, column) - low) / (high - low));
        }
    }
}

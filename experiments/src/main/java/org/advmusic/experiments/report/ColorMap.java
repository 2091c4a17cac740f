package org.advmusic.experiments.report;

/**
 * A colour map: equally spaced sRGB control points, linearly interpolated. The control points are
 * the published samples of each map (given below with their source), not copied code.
 */
final class ColorMap {
    /**
     * Matplotlib's viridis (van der Walt and Smith, 2015), perceptually uniform, dark blue to yellow:
     * its 9 equally spaced samples as printed by R's {@code viridisLite::viridis(9)}.
     */
    static final ColorMap VIRIDIS = new ColorMap("viridis",
            0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C, 0x27AD81, 0x5DC863, 0xAADC32, 0xFDE725);

    /**
     * Matplotlib's magma, perceptually uniform, black through purple to pale yellow: the 8 samples of
     * {@code viridisLite::magma(8)}.
     */
    static final ColorMap MAGMA = new ColorMap("magma",
            0x000004, 0x231151, 0x5F187F, 0x982D80, 0xD3436E, 0xF8765C, 0xFEBA80, 0xFCFDBF);

    /**
     * A diverging map centred on white: ColorBrewer's 11-class RdBu (Brewer, colorbrewer2.org),
     * reversed so that negative values are blue and positive values red.
     */
    static final ColorMap BLUE_WHITE_RED = new ColorMap("blue-white-red (ColorBrewer RdBu reversed)",
            0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F);

    /** Black to white, for a spectrogram under an overlay. */
    static final ColorMap GREYS = new ColorMap("greys", 0x000000, 0xFFFFFF);

    private final String name;
    private final int[] controlPoints;

    private ColorMap(String name, int... controlPoints) {
        this.name = name;
        this.controlPoints = controlPoints;
    }

    /** The map's name. */
    String name() {
        return name;
    }

    /**
     * The colour at position {@code t} (clamped to [0, 1]) as 0xRRGGBB, linearly interpolated between
     * the two nearest control points.
     */
    int rgb(double t) {
        double clamped = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double position = clamped * (controlPoints.length - 1);
        int lower = Math.min((int) position, controlPoints.length - 2);
        double weight = position - lower;
        int a = controlPoints[lower];
        int b = controlPoints[lower + 1];
        return channel(a, b, 16, weight) << 16 | channel(a, b, 8, weight) << 8 | channel(a, b, 0, weight);
    }

    private static int channel(int a, int b, int shift, double weight) {
        int from = (a >> shift) & 0xFF;
        int to = (b >> shift) & 0xFF;
        return (int) Math.round(from + weight * (to - from));
    }

    /**
     * CIE L* lightness (0 black to 100 white) of an sRGB colour 0xRRGGBB: the sRGB channels are made
     * linear, weighted into relative luminance Y (Rec. 709 primaries), and L* = 116 f(Y) - 16.
     */
    static double lightness(int rgb) {
        double luminance = 0.2126 * linear((rgb >> 16) & 0xFF) + 0.7152 * linear((rgb >> 8) & 0xFF)
                + 0.0722 * linear(rgb & 0xFF);
        double f = luminance > 216.0 / 24389 ? Math.cbrt(luminance) : (24389.0 / 27 * luminance + 16) / 116;
        return 116 * f - 16;
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}

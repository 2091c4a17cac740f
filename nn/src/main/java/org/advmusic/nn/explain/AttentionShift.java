package org.advmusic.nn.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * How far the attention of one sample moved between two maps, e.g. Grad-CAM on the clean input
 * ({@code before}) and on its adversarial version ({@code after}). Maps are non-negative
 * {@code [frequency][time]} arrays of the same size; use the raw maps ({@link CamResult#map}), which
 * keep their zero level, rather than the min-max display maps.
 *
 * @param correlation          Pearson correlation of the two maps' values: 1 for the same pattern,
 *                             0 for unrelated ones; NaN when a map is constant
 * @param movedMass            the share of attention that moved: with each map divided by its sum,
 *                             {@code 0.5 * sum |p - q|} (total variation distance), 0 for maps
 *                             equal up to scale, 1 for maps with disjoint support; NaN when a map is
 *                             all zero
 * @param centreShiftFrequency the centre of mass of {@code after} minus that of {@code before} along
 *                             the frequency (row) axis, in bins; NaN when a map is all zero
 * @param centreShiftTime      likewise along the time (column) axis, in frames
 */
public record AttentionShift(double correlation, double movedMass, double centreShiftFrequency,
                             double centreShiftTime) {

    /** The distance the centre of mass moved, in bins: {@code hypot(frequency shift, time shift)}. */
    public double centreShiftDistance() {
        return Math.hypot(centreShiftFrequency, centreShiftTime);
    }

    /** Whether every measurement is defined (neither map constant nor all zero). */
    public boolean isDefined() {
        return !Double.isNaN(correlation) && !Double.isNaN(movedMass);
    }

    /**
     * The shift between two maps of one sample.
     *
     * @param before (H, W) non-negative map, e.g. on the clean input
     * @param after  (H, W) non-negative map, e.g. on the adversarial input
     * @throws IllegalArgumentException when the sizes differ or a value is negative or not finite
     */
    public static AttentionShift between(double[][] before, double[][] after) {
        requireMap("before", before);
        requireMap("after", after);
        if (before.length != after.length || before[0].length != after[0].length) {
            throw new IllegalArgumentException("attention shift: maps of " + before.length + "x" + before[0].length
                    + " and " + after.length + "x" + after[0].length + "; expected the same size");
        }
        MapMoments a = MapMoments.of(before);
        MapMoments b = MapMoments.of(after);
        return new AttentionShift(correlation(before, a, after, b), movedMass(before, a, after, b),
                b.frequencyCentre - a.frequencyCentre, b.timeCentre - a.timeCentre);
    }

    /**
     * The shift of every sample between two results for the same inputs' samples, in order (e.g.
     * clean and adversarial versions of the same batch), computed on the raw maps.
     */
    public static List<AttentionShift> between(CamResult before, CamResult after) {
        if (before.size() != after.size()) {
            throw new IllegalArgumentException("attention shift: " + before.size() + " maps before and " + after.size()
                    + " after; expected the same samples in the same order");
        }
        List<AttentionShift> shifts = new ArrayList<>(before.size());
        for (int i = 0; i < before.size(); i++) {
            shifts.add(between(before.map(i), after.map(i)));
        }
        return shifts;
    }

    private static double correlation(double[][] x, MapMoments mx, double[][] y, MapMoments my) {
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double dx = x[i][j] - mx.mean;
                double dy = y[i][j] - my.mean;
                covariance += dx * dy;
                varianceX += dx * dx;
                varianceY += dy * dy;
            }
        }
        if (varianceX == 0 || varianceY == 0) {
            return Double.NaN;
        }
        return covariance / Math.sqrt(varianceX * varianceY);
    }

    private static double movedMass(double[][] x, MapMoments mx, double[][] y, MapMoments my) {
        if (mx.mass == 0 || my.mass == 0) {
            return Double.NaN;
        }
        double distance = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                distance += Math.abs(x[i][j] / mx.mass - y[i][j] / my.mass);
            }
        }
        return 0.5 * distance;
    }

    private static void requireMap(String name, double[][] map) {
        if (map.length == 0 || map[0].length == 0) {
            throw new IllegalArgumentException("attention shift: the '" + name + "' map is empty");
        }
        for (int i = 0; i < map.length; i++) {
            if (map[i].length != map[0].length) {
                throw new IllegalArgumentException("attention shift: row " + i + " of the '" + name + "' map has "
                        + map[i].length + " values, expected " + map[0].length);
            }
            for (int j = 0; j < map[i].length; j++) {
                if (!(map[i][j] >= 0) || Double.isInfinite(map[i][j])) {
                    throw new IllegalArgumentException("attention shift: the '" + name + "' map has " + map[i][j]
                            + " at [" + i + "][" + j + "]; expected finite values >= 0");
                }
            }
        }
    }

    /** Sum, mean and centre of mass (NaN when the sum is zero) of a map. */
    private record MapMoments(double mass, double mean, double frequencyCentre, double timeCentre) {
        static MapMoments of(double[][] map) {
            double mass = 0;
            double frequencyMoment = 0;
            double timeMoment = 0;
            for (int i = 0; i < map.length; i++) {
                for (int j = 0; j < map[i].length; j++) {
                    mass += map[i][j];
                    frequencyMoment += i * map[i][j];
                    timeMoment += j * map[i][j];
                }
            }
            double mean = mass / (map.length * map[0].length);
            return mass == 0 ? new MapMoments(0, mean, Double.NaN, Double.NaN)
                    : new MapMoments(mass, mean, frequencyMoment / mass, timeMoment / mass);
        }
    }
}

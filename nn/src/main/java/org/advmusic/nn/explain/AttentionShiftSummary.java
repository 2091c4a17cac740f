package org.advmusic.nn.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@link AttentionShift}s averaged per class and over all samples. Each mean is taken over the
 * samples where that measurement is defined; a mean with no defined sample is NaN (null in JSON).
 *
 * @param perClass one average per class, in class-index order
 * @param overall  the average over every sample
 */
public record AttentionShiftSummary(List<Average> perClass, Average overall) {

    public AttentionShiftSummary {
        perClass = List.copyOf(perClass);
    }

    /**
     * The mean shift of a group of samples.
     *
     * @param name                     the class name, or "all"
     * @param samples                  samples in the group
     * @param undefined                samples with a constant or all-zero map (some measurement NaN)
     * @param correlation              mean Pearson correlation of the two maps
     * @param movedMass                mean share of attention that moved
     * @param centreShiftFrequency     mean signed shift of the centre of mass along frequency, in bins
     * @param centreShiftTime          mean signed shift of the centre of mass along time, in frames
     * @param centreShiftDistance      mean distance the centre of mass moved, in bins
     */
    public record Average(String name, int samples, int undefined, double correlation, double movedMass,
                         double centreShiftFrequency, double centreShiftTime, double centreShiftDistance) {

        static Average of(String name, List<AttentionShift> shifts) {
            int undefined = (int) shifts.stream().filter(s -> !s.isDefined()).count();
            return new Average(name, shifts.size(), undefined, mean(shifts, AttentionShift::correlation),
                    mean(shifts, AttentionShift::movedMass), mean(shifts, AttentionShift::centreShiftFrequency),
                    mean(shifts, AttentionShift::centreShiftTime), mean(shifts, AttentionShift::centreShiftDistance));
        }

        private static double mean(List<AttentionShift> shifts, ToDoubleFunction<AttentionShift> measurement) {
            return shifts.stream().mapToDouble(measurement).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
        }
    }

    /**
     * Groups {@code shifts[i]} under class {@code labels[i]} (usually the true class).
     *
     * @param classNames the name of every class index; classes without samples get an average of 0 samples
     * @throws IllegalArgumentException when the lengths differ or a label is outside the classes
     */
    public static AttentionShiftSummary of(List<AttentionShift> shifts, int[] labels, List<String> classNames) {
        if (shifts.size() != labels.length) {
            throw new IllegalArgumentException("attention shift summary: " + shifts.size() + " shifts but "
                    + labels.length + " labels; expected one label per shift");
        }
        List<List<AttentionShift>> groups = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("attention shift summary: label " + labels[i] + " of sample " + i
                        + " is outside [0, " + classNames.size() + ")");
            }
            groups.get(labels[i]).add(shifts.get(i));
        }
        List<Average> perClass = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            perClass.add(Average.of(classNames.get(c), groups.get(c)));
        }
        return new AttentionShiftSummary(perClass, Average.of("all", shifts));
    }
}

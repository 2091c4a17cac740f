package org.advmusic.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One measured figure: its timed runs, and the control loops measured between them (one reading before the
 * first run, one after each run), so that every run has a reading of the machine right before and right after
 * it. A ratio of two figures has neither.
 *
 * @param name           what was measured, e.g. {@code "forward"}
 * @param unit           e.g. {@code "samples/s"}, {@code "s"}, {@code "GFLOP/s"}, or {@code "x"} for a ratio of two figures
 * @param value          the median of the runs (a ratio: the ratio)
 * @param higherIsBetter true for throughputs, false for times and ratios of times
 * @param runs           each timed run in the figure's unit, in the order measured (empty for a ratio)
 * @param controls       {@code runs.size() + 1} readings: {@code controls.get(i)} right before run {@code i},
 *                       {@code controls.get(i + 1)} right after it (empty for a ratio). Two figures timed in
 *                       alternation share them: their run {@code i} lie between the same two readings.
 * @param jvmActivity    what the JIT compilers and garbage collectors did during the runs and the readings
 *                       between them (null for a ratio)
 */
public record Figure(String name, String unit, double value, boolean higherIsBetter, List<Double> runs,
                     List<Control> controls, JvmActivity jvmActivity) {
    /** Largest max/min of the FMA readings right before and right after a run for the run to count as steady. */
    public static final double CONTROL_TOLERANCE = 1.25;

    public Figure {
        runs = runs == null ? List.of() : List.copyOf(runs);
        controls = controls == null ? List.of() : List.copyOf(controls);
        if (!controls.isEmpty() && controls.size() != runs.size() + 1) {
            throw new IllegalArgumentException("figure '" + name + "': " + runs.size() + " runs need "
                    + (runs.size() + 1) + " control readings, got " + controls.size());
        }
    }

    /** A measured figure, the median of {@code runs}, with the readings between them (see {@link Figure}). */
    public static Figure measured(String name, String unit, boolean higherIsBetter, double[] runs,
                                  List<Control> controls, JvmActivity jvmActivity) {
        return new Figure(name, unit, BenchRun.median(runs), higherIsBetter,
                Arrays.stream(runs).boxed().toList(), controls, jvmActivity);
    }

    /** A ratio of two figures (no runs and no controls of its own). */
    public static Figure ratio(String name, double value) {
        return new Figure(name, "x", value, false, List.of(), List.of(), null);
    }

    /** Whether this figure has controls (a ratio of two figures has none). */
    public boolean controlled() {
        return !controls.isEmpty();
    }

    /**
     * The figure's typical control, for showing beside it: the median of its readings, each loop's on its own. The
     * normalisation does not use it: each run is judged by the readings around it ({@link #runsOnTheMachine}).
     */
    public Control control() {
        return Control.median(controls);
    }

    /**
     * The runs whose readings right before and right after agree, FMA within {@link #CONTROL_TOLERANCE}: for
     * them the machine's speed during the run is known. A reading taken while the machine stalled, or a change of
     * speed in the middle of a run, makes the runs beside it unsteady.
     */
    public int[] steadyRuns() {
        return IntStream.range(0, runs.size()).filter(i -> {
            double a = controls.get(i).fmaGflops();
            double b = controls.get(i + 1).fmaGflops();
            return Math.max(a, b) <= CONTROL_TOLERANCE * Math.min(a, b);
        }).toArray();
    }

    /**
     * Whether at least half the runs are steady ({@link #steadyRuns}). A figure whose machine kept jumping cannot
     * tell a slow machine from slow code, so the fork summary leaves it out of the normalised spread and says so.
     */
    public boolean controlSteady() {
        return !controlled() || 2 * steadyRuns().length >= runs.size();
    }

    /**
     * The steady runs ({@link #steadyRuns}; all runs when none is) in seconds per unit of work (a throughput's
     * reciprocal), each with the machine during it: the geometric mean of the readings right before and right
     * after it, reading by reading. Empty for a ratio.
     */
    public List<MachineModel.Run> runsOnTheMachine() {
        if (!controlled()) {
            return List.of();
        }
        int[] steady = steadyRuns();
        int[] used = steady.length > 0 ? steady : IntStream.range(0, runs.size()).toArray();
        List<MachineModel.Run> result = new ArrayList<>();
        for (int i : used) {
            Control during = Control.between(controls.get(i), controls.get(i + 1));
            result.add(new MachineModel.Run(higherIsBetter ? 1 / runs.get(i) : runs.get(i), during));
        }
        return result;
    }
}

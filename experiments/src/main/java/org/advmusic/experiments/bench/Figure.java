package org.advmusic.experiments.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One measured figure with the control loops measured right before and after it, and again when those two
 * disagree.
 *
 * @param name           what was measured, e.g. {@code "forward"}
 * @param unit           e.g. {@code "samples/s"}, {@code "s"}, {@code "GFLOP/s"}, or {@code "x"} for a ratio of two figures
 * @param value          the median over the timed repetitions
 * @param higherIsBetter true for throughputs, false for times and ratios of times
 * @param before         the control right before (null for a ratio of two figures)
 * @param after          the control right after (null for a ratio)
 * @param rechecks       further controls measured after {@code after} because before and after disagreed by
 *                       more than {@link #CONTROL_TOLERANCE} (empty when they agreed, or for a ratio)
 * @param jvmActivity    what the JIT compilers and garbage collectors did during the timed runs (null for a
 *                       ratio)
 */
public record Figure(String name, String unit, double value, boolean higherIsBetter, Control before, Control after,
                     List<Control> rechecks, JvmActivity jvmActivity) {
    /** Largest max/min of a figure's FMA control readings for the control to count as steady. */
    public static final double CONTROL_TOLERANCE = 1.25;

    public Figure {
        rechecks = rechecks == null ? List.of() : List.copyOf(rechecks);
    }

    /** Whether this figure has controls (a ratio of two figures has none). */
    public boolean controlled() {
        return before != null && after != null;
    }

    /** The control readings in the order they were measured: before, after, then the rechecks. */
    public List<Control> readings() {
        List<Control> all = new ArrayList<>();
        all.add(before);
        all.add(after);
        all.addAll(rechecks);
        return all;
    }

    /**
     * The control this figure is normalised by: the median of its readings, FMA and memory each (the mean of
     * before and after when there are no rechecks), so that one reading taken while the machine stalled does
     * not decide it.
     */
    public Control control() {
        List<Control> all = readings();
        return new Control(BenchRun.median(all.stream().mapToDouble(Control::fmaGflops).toArray()),
                BenchRun.median(all.stream().mapToDouble(Control::memoryGigabytesPerSecond).toArray()));
    }

    /**
     * Whether the control readings agree: their FMA figures within {@link #CONTROL_TOLERANCE} of each other,
     * after leaving out the one farthest from the median when there were rechecks (a transient stall during one
     * reading). An unsteady control cannot tell a slow machine from slow code, so the fork summary leaves such
     * a figure out of the normalised spread and says so.
     */
    public boolean controlSteady() {
        if (!controlled()) {
            return true;
        }
        double middle = control().fmaGflops();
        List<Double> fma = new ArrayList<>(readings().stream().map(Control::fmaGflops).toList());
        if (fma.size() >= 3) {
            fma.remove(fma.stream().max(Comparator.comparingDouble(v -> Math.abs(Math.log(v / middle)))).orElseThrow());
        }
        double min = fma.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = fma.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return max <= CONTROL_TOLERANCE * min;
    }

    /**
     * The value relative to the machine's speed at the time, {@link Control#speed} of its {@link #control}: a
     * throughput divided by it, a time multiplied.
     */
    public double normalised() {
        if (!controlled()) {
            return value;
        }
        double speed = control().speed();
        return higherIsBetter ? value / speed : value * speed;
    }
}

package org.advmusic.experiments.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of several forks (fresh JVMs) side by side: for each figure the min / median / max over
 * forks, the median control (FMA GFLOP/s and memory GB/s), the most time the JIT compilers took during
 * one fork's timed runs, and the spread max/min of the figure normalised by the machine's speed
 * ({@link Figure#normalised}: each run by the {@link Control#speed} read right before and after it), which
 * takes the machine's drift out: a spread well above 1 then comes from the code (a JIT that compiled
 * differently in some forks), not from the machine. A fork whose readings around most runs of a figure
 * disagree ({@link Figure#controlSteady}) cannot tell
 * the two apart: it is left out of that figure's normalised spread and counted, and the raw spread (max/min
 * of the figure itself over all forks) is shown beside it.
 */
public final class ForkSummary {
    /** The normalised spread above which a figure is called bimodal (the target is 1.15). */
    public static final double SPREAD_TARGET = 1.15;

    /** One figure's statistics over forks. */
    public record Row(String name, String unit, double min, double median, double max, double fmaMedian,
                      double memoryMedian, double compilerSecondsMax, double normalisedSpread, int forks,
                      int unsteadyForks) {
        /** max/min of the figure itself over all forks, whatever the controls said. */
        public double rawSpread() {
            return max / min;
        }
    }

    private ForkSummary() {
    }

    /** The rows, one per figure name in first-seen order, from each fork's list of figures. */
    public static List<Row> rows(List<List<Figure>> forks) {
        Map<String, List<Figure>> byName = new LinkedHashMap<>();
        for (List<Figure> fork : forks) {
            for (Figure f : fork) {
                byName.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (List<Figure> same : byName.values()) {
            double[] values = same.stream().mapToDouble(Figure::value).toArray();
            double[] normalised = same.stream().filter(Figure::controlSteady).mapToDouble(Figure::normalised).toArray();
            boolean controlled = same.get(0).controlled();
            double fma = controlled ? BenchRun.median(same.stream()
                    .mapToDouble(f -> f.control().fmaGflops()).toArray()) : Double.NaN;
            double memory = controlled ? BenchRun.median(same.stream()
                    .mapToDouble(f -> f.control().memoryGigabytesPerSecond()).toArray()) : Double.NaN;
            double compiler = controlled ? max(same.stream()
                    .mapToDouble(f -> f.jvmActivity() == null ? Double.NaN : f.jvmActivity().compilerSeconds()).toArray())
                    : Double.NaN;
            double spread = normalised.length > 0 ? max(normalised) / min(normalised) : Double.NaN;
            rows.add(new Row(same.get(0).name(), same.get(0).unit(), min(values), BenchRun.median(values), max(values),
                    fma, memory, compiler, spread, same.size(), same.size() - normalised.length));
        }
        return rows;
    }

    /** The table as text lines. */
    public static List<String> format(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-52s %10s %10s %10s %-9s %9s %9s %6s %6s %8s", "figure (over forks)",
                "min", "median", "max", "unit", "FMA GF/s", "mem GB/s", "JIT s", "raw", "spread*"));
        for (Row r : rows) {
            String spread = String.format(Locale.ROOT, "%s%s%s", twoDecimals(r.normalisedSpread()),
                    r.normalisedSpread() > SPREAD_TARGET && r.forks() - r.unsteadyForks() > 1 ? " !" : "",
                    r.unsteadyForks() > 0 ? " (" + r.unsteadyForks() + " unsteady left out)" : "");
            lines.add(String.format(Locale.ROOT, "%-52s %10s %10s %10s %-9s %9s %9s %6s %6s %8s", r.name(),
                    number(r.min()), number(r.median()), number(r.max()), r.unit(), number(r.fmaMedian()),
                    number(r.memoryMedian()), twoDecimals(r.compilerSecondsMax()), twoDecimals(r.rawSpread()), spread));
        }
        lines.add("* spread: max/min over forks of the figure normalised by the machine's speed sqrt(FMA x memory), each run"
                + " by the control readings right before and after it, then the median over runs (ratios: of the ratio"
                + " itself); '!' above " + SPREAD_TARGET + "; a fork where the readings around most runs of a figure"
                + " disagree by more than " + Figure.CONTROL_TOLERANCE + "x is left out of it (unsteady); FMA, mem: median"
                + " readings; raw: max/min of the figure itself; JIT s: the"
                + " most seconds the JIT compilers worked during one fork's timed runs");
        return lines;
    }

    /** A figure with three significant digits or so; "-" for NaN. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.3f", v);
    }

    private static String twoDecimals(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}

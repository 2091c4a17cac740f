package org.advmusic.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of several forks (fresh JVMs) side by side: for each figure the min / median / max over
 * forks, the median control readings (FMA GFLOP/s; memory, L3 and L2 GB/s), the most time the JIT compilers took
 * during one fork's timed runs, and the spread max/min over forks of the figure with the machine taken out:
 * a {@link MachineModel} fitted to the figure's runs of all forks predicts each run's time from the readings
 * around it, each fork's value is the median of its runs' time relative to the prediction, and the spread is
 * max/min of those. A spread well above 1 then comes from the code (a JIT that compiled differently in some
 * forks), not from the machine. A fork whose readings around most runs of a figure disagree
 * ({@link Figure#controlSteady}) cannot tell the two apart: it is left out of that figure's fit and spread and
 * counted, and the raw spread (max/min of the figure itself over all forks) is shown beside it.
 */
public final class ForkSummary {
    /** The normalised spread above which a figure is called bimodal (the target is 1.15). */
    public static final double SPREAD_TARGET = 1.15;

    /**
     * One figure's statistics over forks.
     *
     * @param model the machine model fitted to the figure's steady runs (null for a ratio, or when no fork was
     *              steady)
     */
    public record Row(String name, String unit, double min, double median, double max, Control controlMedian,
                      double compilerSecondsMax, MachineModel model, double normalisedSpread, int forks,
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
            Figure first = same.get(0);
            double[] values = same.stream().mapToDouble(Figure::value).toArray();
            if (!first.controlled()) {
                rows.add(new Row(first.name(), first.unit(), min(values), BenchRun.median(values), max(values), null,
                        Double.NaN, null, max(values) / min(values), same.size(), 0));
                continue;
            }
            List<Figure> steady = same.stream().filter(Figure::controlSteady).toList();
            Control controlMedian = Control.median(same.stream().map(Figure::control).toList());
            double compiler = max(same.stream()
                    .mapToDouble(f -> f.jvmActivity() == null ? Double.NaN : f.jvmActivity().compilerSeconds()).toArray());
            MachineModel model = null;
            double spread = Double.NaN;
            if (!steady.isEmpty()) {
                model = MachineModel.fit(steady.stream().flatMap(f -> f.runsOnTheMachine().stream()).toList());
                double[] relative = new double[steady.size()];
                for (int i = 0; i < relative.length; i++) {
                    relative[i] = relativeTime(steady.get(i), model);
                }
                spread = max(relative) / min(relative);
            }
            rows.add(new Row(first.name(), first.unit(), min(values), BenchRun.median(values), max(values),
                    controlMedian, compiler, model, spread, same.size(), same.size() - steady.size()));
        }
        return rows;
    }

    /** The median over the figure's steady runs of their time relative to what the model predicts. */
    private static double relativeTime(Figure figure, MachineModel model) {
        return BenchRun.median(figure.runsOnTheMachine().stream().mapToDouble(model::relativeTime).toArray());
    }

    /** The table as text lines. */
    public static List<String> format(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        String columns = "%-52s %10s %10s %10s %-9s %8s %8s %8s %8s %-14s %6s %6s %8s";
        lines.add(String.format(Locale.ROOT, columns, "figure (over forks)", "min", "median", "max", "unit", "FMA GF/s",
                "mem GB/s", "L3 GB/s", "L2 GB/s", "F/M/L3/L2 %", "JIT s", "raw", "spread*"));
        for (Row r : rows) {
            String spread = String.format(Locale.ROOT, "%s%s%s", twoDecimals(r.normalisedSpread()),
                    r.normalisedSpread() > SPREAD_TARGET && r.forks() - r.unsteadyForks() > 1 ? " !" : "",
                    r.unsteadyForks() > 0 ? " (" + r.unsteadyForks() + " unsteady left out)" : "");
            double[] loops = r.controlMedian() == null ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                    : r.controlMedian().loops();
            lines.add(String.format(Locale.ROOT, columns, r.name(), number(r.min()), number(r.median()),
                    number(r.max()), r.unit(), number(loops[0]), number(loops[1]), number(loops[2]), number(loops[3]),
                    shares(r.model(), r.controlMedian()), twoDecimals(r.compilerSecondsMax()),
                    twoDecimals(r.rawSpread()), spread));
        }
        lines.add("* spread: max/min over forks of the figure with the machine taken out: each run's time over the time"
                + " a model fitted to the figure's runs of all forks predicts from the control readings right before"
                + " and after it (seconds = a / FMA + b / memory + c / L3 + d / L2, a, b, c, d >= 0; F/M/L3/L2 %: the"
                + " parts' shares at the median readings), the median over a fork's runs (ratios: of the ratio"
                + " itself); '!' above " + SPREAD_TARGET + "; a fork where the FMA readings around most runs of a"
                + " figure disagree by more than " + Figure.CONTROL_TOLERANCE + "x is left out of it (unsteady);"
                + " FMA, mem, L3, L2: median readings; raw: max/min of the figure itself; JIT s: the most seconds the"
                + " JIT compilers worked during one fork's timed runs");
        return lines;
    }

    /** The model's parts as percentages of the predicted time at the readings {@code c}, e.g. "12/0/88/0". */
    private static String shares(MachineModel model, Control c) {
        if (model == null || c == null) {
            return "-";
        }
        return Arrays.stream(model.shares(c)).mapToObj(share -> String.format(Locale.ROOT, "%.0f", 100 * share))
                .collect(Collectors.joining("/"));
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

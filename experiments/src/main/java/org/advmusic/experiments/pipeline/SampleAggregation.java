package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.advmusic.experiments.report.Csv;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.SampleRow;

/**
 * Per-sample rows (the robustness stage's or a sweep's) into the robustness section of
 * {@code metrics.json} (reports per attack, minimal norms, robustness curves), built by the same
 * {@link RobustnessReport} and {@link RobustnessStage#summarize} code, so the report renders the same
 * tables.
 */
public final class SampleAggregation {
    private SampleAggregation() {
    }

    /**
     * The robustness report of each cell, in grid order.
     *
     * @param rows the rows of every cell, grouped by cell in grid order, each cell's rows in sample order
     */
    public static List<RobustnessReport> reports(List<SampleRow> rows, List<AttackCell> cells, InputBox box,
                                                 List<String> classNames, double decibelsPerUnit) {
        Map<String, List<SampleRow>> byCell = new LinkedHashMap<>();
        cells.forEach(c -> byCell.put(c.key(), new ArrayList<>()));
        for (SampleRow r : rows) {
            List<SampleRow> list = byCell.get(r.cell());
            if (list == null) {
                throw new IllegalArgumentException("row of track " + r.track() + " belongs to cell '" + r.cell() + "', not in the grid");
            }
            list.add(r);
        }
        List<RobustnessReport> reports = new ArrayList<>();
        for (AttackCell cell : cells) {
            List<SampleRow> list = byCell.get(cell.key());
            if (list.isEmpty()) {
                throw new IllegalArgumentException("cell '" + cell.key() + "' has no rows; the grid is incomplete");
            }
            reports.add(report(cell, list, box, classNames, decibelsPerUnit));
        }
        return reports;
    }

    private static RobustnessReport report(AttackCell cell, List<SampleRow> rows, InputBox box, List<String> classNames,
                                           double decibelsPerUnit) {
        return report(rows, new ThreatModel(cell.norm(), cell.epsilon(), box, Targeting.untargeted()), classNames, decibelsPerUnit);
    }

    /**
     * The report of one cell's rows (one attack under {@code threatModel}), samples in the rows' order:
     * what {@code RobustnessEvaluator} reports for the same outcomes (without an example batch).
     */
    public static RobustnessReport report(List<SampleRow> rows, ThreatModel threatModel, List<String> classNames,
                                          double decibelsPerUnit) {
        int n = rows.size();
        int[] labels = new int[n];
        int[] clean = new int[n];
        int[] adversarial = new int[n];
        SampleStatus[] status = new SampleStatus[n];
        double[] l2 = new double[n];
        double[] linf = new double[n];
        long[] evaluations = new long[n];
        long[] queries = new long[n];
        double seconds = 0;
        for (int i = 0; i < n; i++) {
            SampleRow r = rows.get(i);
            labels[i] = r.label();
            clean[i] = r.cleanPrediction();
            adversarial[i] = r.adversarialPrediction();
            status[i] = SampleStatus.valueOf(r.status());
            l2[i] = r.l2();
            linf[i] = r.linf();
            evaluations[i] = r.gradientEvaluations();
            queries[i] = r.queries();
            seconds += r.seconds();
        }
        return new RobustnessReport(rows.get(0).attack(), threatModel, labels, clean, adversarial, status, l2, linf, evaluations,
                queries, classNames, decibelsPerUnit, seconds, null);
    }

    /**
     * The {@code robustness} section of {@code metrics.json}, built as the single-machine stage builds it
     * ({@link RobustnessStage#summarize}).
     *
     * @param reports the cells' reports, in grid order
     */
    public static RobustnessMetrics metrics(String model, String weightHash, List<AttackCell> cells,
                                            List<RobustnessReport> reports, Budgets budgets,
                                            Budgets minimumNormBudgets) {
        Set<String> minimumNorm = new HashSet<>();
        String genetic = null;
        for (int k = 0; k < cells.size(); k++) {
            if (cells.get(k).minimumNorm()) {
                minimumNorm.add(reports.get(k).attack());
            } else if (cells.get(k).family().equals("Genetic")) {
                genetic = reports.get(k).attack();
            }
        }
        return RobustnessStage.summarize(model, weightHash, reports, minimumNorm, genetic, reports.get(0).cleanAccuracy(),
                budgets, minimumNormBudgets);
    }

    /** {@code rows} grouped by cell in grid order, each cell's rows in their given order (a new list). */
    public static List<SampleRow> inGridOrder(List<SampleRow> rows, List<AttackCell> cells) {
        Map<String, List<SampleRow>> byCell = new LinkedHashMap<>();
        cells.forEach(c -> byCell.put(c.key(), new ArrayList<>()));
        rows.forEach(r -> byCell.get(r.cell()).add(r));
        return byCell.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The rows of a batched evaluation of {@code cell} (tabular data): sample i is segment k of track
     * {@code trackIds[i]} when k earlier samples share that track.
     */
    public static List<SampleRow> rows(RobustnessReport report, AttackCell cell, String[] trackIds, String model,
                                       String weightHash) {
        Map<String, Integer> segments = new HashMap<>();
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < report.size(); i++) {
            int segment = segments.merge(trackIds[i], 1, Integer::sum) - 1;
            rows.add(new SampleRow(trackIds[i], segment, report.labels()[i], model, weightHash, cell.key(), report.attack(),
                    report.threatModel().describe(), cell.norm().label(), cell.epsilon(), report.cleanPredictions()[i],
                    report.adversarialPredictions()[i], report.status()[i].name(), report.l2()[i], report.linf()[i],
                    report.gradientEvaluations()[i], report.queries()[i], report.seconds() / report.size()));
        }
        return rows;
    }

    /** Writes {@code rows} as CSV (header {@link SampleRow#COLUMNS}) to {@code file}. */
    public static void write(Path file, List<SampleRow> rows) {
        try {
            Csv.write(file, SampleRow.COLUMNS, rows.stream().map(SampleRow::values).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("the per-sample rows " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}

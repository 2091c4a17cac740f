package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.RobustnessCurve;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.advmusic.experiments.report.Csv;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.SampleRow;

/**
 * Per-sample rows (the robustness stage's or a sweep's) into the robustness section of
 * {@code metrics.json} (reports per attack, minimal norms, robustness curves): each cell's rows
 * summarized ({@link #summarize}, where the rows are: in place on one machine, in Spark for a sweep),
 * then the summaries assembled ({@link #metrics}), with the same {@link RobustnessReport} and
 * {@link RobustnessStage#summarize} code, so the report renders the same tables.
 */
public final class SampleAggregation {
    private SampleAggregation() {
    }

    /**
     * What the rows are aggregated with.
     *
     * @param box                 the input box of the threat models
     * @param classNames          one name per class
     * @param decibelsPerUnit     dB per input unit; NaN when absent
     * @param minimumNormEpsilons the budgets at which the minimal-norm curves are read
     */
    public record Context(InputBox box, List<String> classNames, double decibelsPerUnit, double[] minimumNormEpsilons)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What one cell's rows aggregate to, all the robustness section needs of them: the attack's report
     * and, for a minimum-norm cell, its minimal norms and the curve read off them. A sweep computes it per
     * cell where the rows are (Spark), the single-machine stage in place.
     *
     * @param cell         the cell's key
     * @param minimumNorms a minimum-norm cell's minimal norms, else null
     * @param minimalCurve a minimum-norm cell's curve, else null
     */
    public record CellSummary(String cell, RobustnessMetrics.AttackReport report, RobustnessMetrics.MinimumNorms minimumNorms,
                              RobustnessMetrics.Curve minimalCurve) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The summary of each cell, in grid order.
     *
     * @param rows the rows of every cell, any order of cells, each cell's rows in sample order
     */
    public static List<CellSummary> summaries(List<SampleRow> rows, List<AttackCell> cells, Context context) {
        Map<String, List<SampleRow>> byCell = new LinkedHashMap<>();
        cells.forEach(c -> byCell.put(c.key(), new ArrayList<>()));
        for (SampleRow r : rows) {
            List<SampleRow> list = byCell.get(r.cell());
            if (list == null) {
                throw new IllegalArgumentException("row of track " + r.track() + " belongs to cell '" + r.cell() + "', not in the grid");
            }
            list.add(r);
        }
        List<CellSummary> summaries = new ArrayList<>();
        for (AttackCell cell : cells) {
            List<SampleRow> list = byCell.get(cell.key());
            if (!list.isEmpty()) {
                summaries.add(summarize(cell, list, context));
            }
        }
        return summaries;
    }

    /** One cell's rows, in sample order (the order of the minimal norms), summarized. */
    public static CellSummary summarize(AttackCell cell, List<SampleRow> rows, Context context) {
        RobustnessReport report = report(cell, rows, context.box(), context.classNames(), context.decibelsPerUnit());
        return new CellSummary(cell.key(), RobustnessMetrics.AttackReport.of(report),
                cell.minimumNorm() ? RobustnessMetrics.MinimumNorms.of(report) : null,
                cell.minimumNorm() ? RobustnessMetrics.Curve.of(RobustnessCurve.fromMinimumNorms(report,
                        context.minimumNormEpsilons())) : null);
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
     * The {@code robustness} section of {@code metrics.json} from every cell's summary (any order), built as
     * the single-machine stage builds it ({@link RobustnessStage#summarize}).
     *
     * @param cells the grid, in table order
     * @throws IllegalArgumentException naming a cell without a summary (an incomplete grid)
     */
    public static RobustnessMetrics metrics(String model, String weightHash, List<AttackCell> cells, List<CellSummary> summaries,
                                            Budgets budgets) {
        Map<String, CellSummary> byCell = new HashMap<>();
        summaries.forEach(s -> byCell.put(s.cell(), s));
        List<CellSummary> ordered = new ArrayList<>();
        for (AttackCell cell : cells) {
            CellSummary summary = byCell.get(cell.key());
            if (summary == null) {
                throw new IllegalArgumentException("cell '" + cell.key() + "' has no rows; the grid is incomplete");
            }
            ordered.add(summary);
        }
        return RobustnessStage.summarize(model, weightHash, cells, ordered, budgets);
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

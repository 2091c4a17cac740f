package org.advmusic.distributed;

import java.util.ArrayList;
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
import org.advmusic.experiments.pipeline.Budgets;
import org.advmusic.experiments.pipeline.RobustnessStage;
import org.advmusic.experiments.results.RobustnessMetrics;

/**
 * Per-sample sweep rows back into the robustness section a single-machine run writes into
 * {@code metrics.json} (reports per attack, minimal norms, robustness curves), built by the same
 * {@link RobustnessReport} and {@link RobustnessStage#summarize} code, so the report renders the same
 * tables.
 */
public final class SweepAggregation {
    private SweepAggregation() {
    }

    /**
     * The robustness report of each cell, in grid order.
     *
     * @param rows the rows of every cell, grouped by cell in grid order, each cell's rows in sample order
     */
    public static List<RobustnessReport> reports(List<SweepRow> rows, List<SweepCell> cells, InputBox box,
                                                 List<String> classNames, double decibelsPerUnit) {
        Map<String, List<SweepRow>> byCell = new LinkedHashMap<>();
        cells.forEach(c -> byCell.put(c.key(), new ArrayList<>()));
        for (SweepRow r : rows) {
            List<SweepRow> list = byCell.get(r.cell());
            if (list == null) {
                throw new SweepException("row of track " + r.track() + " belongs to cell '" + r.cell() + "', not in the grid");
            }
            list.add(r);
        }
        List<RobustnessReport> reports = new ArrayList<>();
        for (SweepCell cell : cells) {
            List<SweepRow> list = byCell.get(cell.key());
            if (list.isEmpty()) {
                throw new SweepException("cell '" + cell.key() + "' has no rows; the sweep is incomplete");
            }
            reports.add(report(cell, list, box, classNames, decibelsPerUnit));
        }
        return reports;
    }

    private static RobustnessReport report(SweepCell cell, List<SweepRow> rows, InputBox box, List<String> classNames,
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
            SweepRow r = rows.get(i);
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
        ThreatModel tm = new ThreatModel(cell.norm(), cell.epsilon(), box, Targeting.untargeted());
        return new RobustnessReport(rows.get(0).attack(), tm, labels, clean, adversarial, status, l2, linf, evaluations,
                queries, classNames, decibelsPerUnit, seconds, null);
    }

    /**
     * The {@code robustness} section of {@code metrics.json}, built as the single-machine stage builds it
     * ({@link RobustnessStage#summarize}).
     *
     * @param reports the cells' reports, in grid order
     */
    public static RobustnessMetrics metrics(String model, String weightHash, List<SweepCell> cells,
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
}

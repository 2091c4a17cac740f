package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.advmusic.defenses.DefenseComparison;
import org.advmusic.defenses.DefenseRow;
import org.advmusic.defenses.EvaluationKind;
import org.advmusic.defenses.MinimumNormDefenseEvaluation;
import org.advmusic.defenses.squeezing.DetectorEvaluation;
import org.advmusic.defenses.squeezing.DetectorReport;
import org.advmusic.experiments.report.Csv;
import org.advmusic.experiments.results.DefenseSampleRow;
import org.advmusic.experiments.results.SampleRow;

/**
 * Per-sample defense rows (the defense stage's or a sweep's) into the comparison's tables: each
 * model's clean accuracy, its accuracy under every attack, budget and view, the minimum-norm rows and
 * the detector's reports, with the same {@link RobustnessReport}, {@link MinimumNormDefenseEvaluation}
 * and {@link DetectorEvaluation} code as the batched evaluations, so a sweep and the single-machine run
 * give the same tables.
 */
public final class DefenseAggregation {
    private DefenseAggregation() {
    }

    /**
     * The comparison's numbers.
     *
     * @param comparison  the models' rows (the baseline first) and the detector's reports
     * @param minimumNorm the minimum-norm rows (empty without {@code defenses.minimum_norm})
     */
    public record Result(DefenseComparison comparison, List<MinimumNormDefenseEvaluation.Row> minimumNorm) {
    }

    /**
     * What the rows are aggregated with.
     *
     * @param box                 the input box of the threat models
     * @param classNames          one name per class
     * @param minimumNormBudgets  the budgets the minimum-norm rows are stated at
     * @param detector            the detector's name
     * @param threshold           its calibrated threshold
     */
    public record Context(InputBox box, List<String> classNames, double[] minimumNormBudgets, String detector, double threshold) {
    }

    /**
     * What one cell's rows aggregate to, all the tables need of them (small, whatever the number of rows):
     * a sweep computes it per cell where the rows are (Spark), the single-machine run in place.
     *
     * @param cell           the cell's key
     * @param cleanAccuracy  the attacked view's accuracy on the clean samples
     * @param robustAccuracy accuracy under the cell's attack
     * @param threat         the attack's threat model in words
     * @param minimumNorm    a minimum-norm cell's row, else null
     * @param detector       a detector cell's report, else null
     */
    public record CellSummary(String cell, double cleanAccuracy, double robustAccuracy, String threat,
                              MinimumNormDefenseEvaluation.Row minimumNorm, DetectorReport detector) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param rows   the rows of every cell, any order
     * @param cells  the grid ({@link DefenseCell#grid}), in table order
     * @param models the compared models, the baseline first
     */
    public static Result aggregate(List<DefenseSampleRow> rows, List<DefenseCell> cells, List<DefendedModel> models,
                                   Context context) {
        Map<String, DefenseCell> known = new LinkedHashMap<>();
        cells.forEach(c -> known.put(c.key(), c));
        Map<String, List<DefenseSampleRow>> byCell = new LinkedHashMap<>();
        for (DefenseSampleRow r : rows) {
            if (!known.containsKey(r.sample().cell())) {
                throw new IllegalArgumentException("defense row of track " + r.sample().track() + " belongs to cell '"
                        + r.sample().cell() + "', not in the grid");
            }
            byCell.computeIfAbsent(r.sample().cell(), k -> new ArrayList<>()).add(r);
        }
        List<CellSummary> summaries = new ArrayList<>();
        byCell.forEach((cell, list) -> summaries.add(summarize(known.get(cell), list, context)));
        return assemble(summaries, cells, models);
    }

    /** One cell's rows (any order) summarized. */
    public static CellSummary summarize(DefenseCell cell, List<DefenseSampleRow> rows, Context context) {
        List<DefenseSampleRow> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.<DefenseSampleRow, String>comparing(r -> r.sample().track()).thenComparingInt(r -> r.sample().segment()));
        RobustnessReport report = report(ordered, cell, context);
        String threat = ordered.get(0).sample().threatModel();
        return new CellSummary(cell.key(), report.cleanAccuracy(), report.robustAccuracy(), threat,
                cell.minimumNorm() ? MinimumNormDefenseEvaluation.row(cell.model(), cell.view(), report, threat,
                        context.minimumNormBudgets()) : null,
                cell.detector() ? detector(ordered, cell, context) : null);
    }

    /**
     * The comparison from every cell's summary (any order).
     *
     * @param cells  the grid, in table order
     * @param models the compared models, the baseline first
     * @throws IllegalArgumentException naming a cell without a summary (an incomplete grid)
     */
    public static Result assemble(List<CellSummary> summaries, List<DefenseCell> cells, List<DefendedModel> models) {
        Map<String, CellSummary> byCell = new LinkedHashMap<>();
        summaries.forEach(s -> byCell.put(s.cell(), s));
        for (DefenseCell cell : cells) {
            if (!byCell.containsKey(cell.key())) {
                throw new IllegalArgumentException("defense cell '" + cell.key() + "' has no rows; the grid is incomplete");
            }
        }
        List<DefenseRow> modelRows = new ArrayList<>();
        List<MinimumNormDefenseEvaluation.Row> minimumNorm = new ArrayList<>();
        double baselineClean = Double.NaN;
        for (DefendedModel model : models) {
            List<DefenseCell> own = cells.stream().filter(c -> c.model().equals(model.name()) && !c.detector()).toList();
            if (own.isEmpty()) {
                throw new IllegalArgumentException("defended model " + model.name() + " has no cells in the grid");
            }
            double clean = byCell.get(own.get(0).key()).cleanAccuracy();
            List<DefenseRow.AttackedAccuracy> underAttack = new ArrayList<>();
            for (DefenseCell cell : own) {
                CellSummary summary = byCell.get(cell.key());
                if (cell.minimumNorm()) {
                    minimumNorm.add(summary.minimumNorm());
                } else {
                    underAttack.add(new DefenseRow.AttackedAccuracy(cell.tableName(), summary.threat(), cell.epsilon(),
                            summary.robustAccuracy(), cell.view()));
                }
            }
            double change = Double.isNaN(baselineClean) ? 0 : clean - baselineClean;
            baselineClean = Double.isNaN(baselineClean) ? clean : baselineClean;
            modelRows.add(new DefenseRow(model.name(), model.description(), clean, change, model.trainingSeconds(), underAttack));
        }
        List<DetectorReport> detectors = cells.stream().filter(DefenseCell::detector).map(c -> byCell.get(c.key()).detector())
                .toList();
        return new Result(new DefenseComparison(modelRows, detectors), minimumNorm);
    }

    /** The report of one cell's rows. */
    private static RobustnessReport report(List<DefenseSampleRow> rows, DefenseCell cell, Context context) {
        ThreatModel tm = new ThreatModel(cell.norm(), cell.epsilon(), context.box(), Targeting.untargeted());
        return SampleAggregation.report(rows.stream().map(DefenseSampleRow::sample).toList(), tm, context.classNames(), Double.NaN);
    }

    /** The detector's report of one detector cell's rows. */
    private static DetectorReport detector(List<DefenseSampleRow> rows, DefenseCell cell, Context context) {
        int n = rows.size();
        double[] cleanScores = new double[n];
        double[] attackedScores = new double[n];
        boolean[] cleanCorrect = new boolean[n];
        int[] labels = new int[n];
        int[] adversarial = new int[n];
        SampleStatus[] status = new SampleStatus[n];
        for (int i = 0; i < n; i++) {
            SampleRow s = rows.get(i).sample();
            cleanScores[i] = rows.get(i).cleanScore();
            attackedScores[i] = rows.get(i).adversarialScore();
            cleanCorrect[i] = s.cleanPrediction() == s.label();
            labels[i] = s.label();
            adversarial[i] = s.adversarialPrediction();
            status[i] = SampleStatus.valueOf(s.status());
        }
        return DetectorEvaluation.evaluate(context.detector(), context.threshold(), cleanScores, cleanCorrect,
                rows.get(0).sample().attack(), labels, adversarial, status, attackedScores,
                cell.view() == EvaluationKind.ADAPTIVE_DETECTOR_AWARE);
    }

    /** Writes {@code rows} as CSV (header {@link DefenseSampleRow#COLUMNS}) to {@code file}. */
    public static void write(Path file, List<DefenseSampleRow> rows) {
        try {
            Csv.write(file, DefenseSampleRow.COLUMNS, rows.stream().map(DefenseSampleRow::values).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("the per-sample defense rows " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}

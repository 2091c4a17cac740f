package org.advmusic.experiments.results;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One attacked sample of the defense comparison: one segment of one track under one defense cell
 * (defended model x view x attack x budget, or the detector under one attack). The defense stage
 * writes them as {@code samples/defenses.csv}, a sweep as Parquet, with the same columns
 * ({@link #COLUMNS}). Everything but the wall time is deterministic.
 *
 * @param sample           the outcome, as in the robustness grid: {@code model} is the defended model's name,
 *                         {@code cell} the defense cell's key, {@code checkpoint} the hash of its weights
 * @param view             how gradients crossed the defense ({@code EvaluationKind} name)
 * @param cleanScore       the detector's score of the clean input (NaN outside the detector's cells)
 * @param adversarialScore the detector's score of the attacked input (NaN outside the detector's cells)
 */
public record DefenseSampleRow(SampleRow sample, String view, double cleanScore, double adversarialScore) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The column names (CSV header, Parquet schema): a {@link SampleRow}'s, the view and the scores before the wall time. */
    public static final List<String> COLUMNS = columns();

    private static List<String> columns() {
        List<String> columns = new ArrayList<>(SampleRow.COLUMNS.subList(0, SampleRow.COLUMNS.size() - 1));
        columns.addAll(List.of("view", "clean_score", "adversarial_score", "seconds"));
        return List.copyOf(columns);
    }

    /** The values, in the order of {@link #COLUMNS}. */
    public List<Object> values() {
        List<Object> values = new ArrayList<>(sample.values().subList(0, SampleRow.COLUMNS.size() - 1));
        values.addAll(List.of(view, cleanScore, adversarialScore, sample.seconds()));
        return values;
    }

    /** The same row without its wall time, the part that must not depend on how the sweep was run. */
    public DefenseSampleRow withoutTime() {
        return new DefenseSampleRow(sample.withoutTime(), view, cleanScore, adversarialScore);
    }
}

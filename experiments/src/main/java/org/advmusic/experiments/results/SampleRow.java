package org.advmusic.experiments.results;

import java.io.Serializable;
import java.util.List;

/**
 * One attacked sample of the robustness grid: one segment of one track under one cell (model x attack
 * x budget). The robustness stage writes them as {@code samples/robustness-<model>.csv}, a sweep as
 * Parquet, with the same columns ({@link #COLUMNS}). Everything but {@code seconds} is deterministic.
 *
 * @param track                 track id (segments of one track share it)
 * @param segment               which segment of the track
 * @param label                 the true class
 * @param model                 the model's name in the run (e.g. "baseline")
 * @param checkpoint            the hash of the attacked weights ({@code WeightHash})
 * @param cell                  the cell's key, e.g. "PGD-Linf eps=0.01 steps=10 restarts=1"
 * @param attack                the attack's name
 * @param threatModel           the threat model in words
 * @param norm                  Linf or L2
 * @param budget                the epsilon (infinite for minimum-norm attacks)
 * @param cleanPrediction       the model's class on the clean input (-1 when not finite)
 * @param adversarialPrediction the model's class on the attacked input (-1 when not finite)
 * @param status                the attack's per-sample outcome ({@code SampleStatus} name)
 * @param l2                    L2 norm of the perturbation
 * @param linf                  Linf norm of the perturbation
 * @param gradientEvaluations   forward+backward passes spent
 * @param queries               forward-only evaluations spent (black-box attacks)
 * @param seconds               wall time of the track's attack call, shared out over its segments
 */
public record SampleRow(String track, int segment, int label, String model, String checkpoint, String cell, String attack,
                       String threatModel, String norm, double budget, int cleanPrediction, int adversarialPrediction,
                       String status, double l2, double linf, long gradientEvaluations, long queries, double seconds)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The column names (CSV header, Parquet schema), in the order of the record's components. */
    public static final List<String> COLUMNS = List.of("track", "segment", "label", "model", "checkpoint", "cell", "attack",
            "threat_model", "norm", "budget", "clean_prediction", "adversarial_prediction", "status", "l2", "linf",
            "gradient_evaluations", "queries", "seconds");

    /** The values, in the order of {@link #COLUMNS}. */
    public List<Object> values() {
        return List.of(track, segment, label, model, checkpoint, cell, attack, threatModel, norm, budget, cleanPrediction,
                adversarialPrediction, status, l2, linf, gradientEvaluations, queries, seconds);
    }

    /** The same row without its wall time, the part that must not depend on how the sweep was run. */
    public SampleRow withoutTime() {
        return new SampleRow(track, segment, label, model, checkpoint, cell, attack, threatModel, norm, budget, cleanPrediction,
                adversarialPrediction, status, l2, linf, gradientEvaluations, queries, 0);
    }
}

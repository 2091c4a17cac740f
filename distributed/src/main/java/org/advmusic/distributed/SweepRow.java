package org.advmusic.distributed;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One attacked sample of a sweep: one segment of one track under one cell (model x attack x budget),
 * the unit of the Parquet results. Everything but {@code seconds} is deterministic.
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
public record SweepRow(String track, int segment, int label, String model, String checkpoint, String cell, String attack,
                       String threatModel, String norm, double budget, int cleanPrediction, int adversarialPrediction,
                       String status, double l2, double linf, long gradientEvaluations, long queries, double seconds)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The Parquet schema, columns in the order of the record's components. */
    public static final StructType SCHEMA = new StructType()
            .add("track", DataTypes.StringType, false)
            .add("segment", DataTypes.IntegerType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("model", DataTypes.StringType, false)
            .add("checkpoint", DataTypes.StringType, false)
            .add("cell", DataTypes.StringType, false)
            .add("attack", DataTypes.StringType, false)
            .add("threat_model", DataTypes.StringType, false)
            .add("norm", DataTypes.StringType, false)
            .add("budget", DataTypes.DoubleType, false)
            .add("clean_prediction", DataTypes.IntegerType, false)
            .add("adversarial_prediction", DataTypes.IntegerType, false)
            .add("status", DataTypes.StringType, false)
            .add("l2", DataTypes.DoubleType, false)
            .add("linf", DataTypes.DoubleType, false)
            .add("gradient_evaluations", DataTypes.LongType, false)
            .add("queries", DataTypes.LongType, false)
            .add("seconds", DataTypes.DoubleType, false);

    /** As a Spark row of {@link #SCHEMA}. */
    public Row toRow() {
        return RowFactory.create(track, segment, label, model, checkpoint, cell, attack, threatModel, norm, budget,
                cleanPrediction, adversarialPrediction, status, l2, linf, gradientEvaluations, queries, seconds);
    }

    /** From a Spark row of {@link #SCHEMA} (columns found by name). */
    public static SweepRow fromRow(Row r) {
        return new SweepRow(r.getAs("track"), r.<Integer>getAs("segment"), r.<Integer>getAs("label"), r.getAs("model"),
                r.getAs("checkpoint"), r.getAs("cell"), r.getAs("attack"), r.getAs("threat_model"), r.getAs("norm"),
                r.<Double>getAs("budget"), r.<Integer>getAs("clean_prediction"), r.<Integer>getAs("adversarial_prediction"),
                r.getAs("status"), r.<Double>getAs("l2"), r.<Double>getAs("linf"), r.<Long>getAs("gradient_evaluations"),
                r.<Long>getAs("queries"), r.<Double>getAs("seconds"));
    }

    /** The same row without its wall time, the part that must not depend on how the sweep was run. */
    public SweepRow withoutTime() {
        return new SweepRow(track, segment, label, model, checkpoint, cell, attack, threatModel, norm, budget, cleanPrediction,
                adversarialPrediction, status, l2, linf, gradientEvaluations, queries, 0);
    }
}

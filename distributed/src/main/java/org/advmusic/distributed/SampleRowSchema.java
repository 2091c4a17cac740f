package org.advmusic.distributed;

import org.advmusic.experiments.results.SampleRow;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@link SampleRow}s as Spark rows: the Parquet schema of {@code sweep/rows}, columns named as {@link SampleRow#COLUMNS}. */
public final class SampleRowSchema {
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

    private SampleRowSchema() {
    }

    /** As a Spark row of {@link #SCHEMA}. */
    public static Row toRow(SampleRow r) {
        return RowFactory.create(r.values().toArray());
    }

    /** From a Spark row of {@link #SCHEMA} (columns found by name). */
    public static SampleRow fromRow(Row r) {
        return new SampleRow(r.getAs("track"), r.<Integer>getAs("segment"), r.<Integer>getAs("label"), r.getAs("model"),
                r.getAs("checkpoint"), r.getAs("cell"), r.getAs("attack"), r.getAs("threat_model"), r.getAs("norm"),
                r.<Double>getAs("budget"), r.<Integer>getAs("clean_prediction"), r.<Integer>getAs("adversarial_prediction"),
                r.getAs("status"), r.<Double>getAs("l2"), r.<Double>getAs("linf"), r.<Long>getAs("gradient_evaluations"),
                r.<Long>getAs("queries"), r.<Double>getAs("seconds"));
    }
}

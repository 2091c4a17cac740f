package org.advmusic.distributed;

import org.advmusic.experiments.results.DefenseSampleRow;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@link DefenseSampleRow}s as Spark rows: the Parquet schema of {@code sweep/defense-rows}, columns named
 * as {@link DefenseSampleRow#COLUMNS} (a {@link SampleRowSchema} row's, the view and the detector's scores
 * before the wall time).
 */
public final class DefenseRowSchema {
    /** The Parquet schema, columns in the order of {@link DefenseSampleRow#COLUMNS}. */
    public static final StructType SCHEMA = schema();

    private DefenseRowSchema() {
    }

    private static StructType schema() {
        StructField[] sample = SampleRowSchema.SCHEMA.fields();
        StructType schema = new StructType();
        for (int i = 0; i < sample.length - 1; i++) { // every column but seconds
            schema = schema.add(sample[i]);
        }
        return schema.add("view", DataTypes.StringType, false)
                .add("clean_score", DataTypes.DoubleType, false)
                .add("adversarial_score", DataTypes.DoubleType, false)
                .add(sample[sample.length - 1]);
    }

    /** As a Spark row of {@link #SCHEMA}. */
    public static Row toRow(DefenseSampleRow r) {
        return RowFactory.create(r.values().toArray());
    }

    /** From a Spark row of {@link #SCHEMA} (columns found by name). */
    public static DefenseSampleRow fromRow(Row r) {
        return new DefenseSampleRow(SampleRowSchema.fromRow(r), r.getAs("view"), r.<Double>getAs("clean_score"),
                r.<Double>getAs("adversarial_score"));
    }
}

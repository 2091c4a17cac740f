package org.advmusic.distributed;

import java.util.List;
import org.advmusic.experiments.pipeline.AttackTrack;
import org.advmusic.experiments.pipeline.TrackInputs;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The Parquet table of per-track model inputs ({@link TrackInputs}), one row per track. */
public final class FeatureTable {
    /** The schema: the track, its segments' inputs as one float array, and the problem of a track that failed. */
    public static final StructType SCHEMA = new StructType()
            .add("track", DataTypes.StringType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("file", DataTypes.StringType, false)
            .add("segments", DataTypes.IntegerType, false)
            .add("mel_bands", DataTypes.IntegerType, false)
            .add("frames", DataTypes.IntegerType, false)
            .add("values", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("problem", DataTypes.StringType, true);

    private FeatureTable() {
    }

    /** As a row of {@link #SCHEMA}. */
    static Row toRow(TrackInputs f) {
        return RowFactory.create(f.track().track(), f.track().label(), f.track().file(), f.segments(), f.melBands(), f.frames(),
                f.values(), f.problem());
    }

    /** From a row of {@link #SCHEMA}. */
    static TrackInputs fromRow(Row r) {
        List<Float> list = r.getList(r.fieldIndex("values"));
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        return new TrackInputs(new AttackTrack(r.getAs("track"), r.<Integer>getAs("label"), r.getAs("file")),
                r.<Integer>getAs("segments"), r.<Integer>getAs("mel_bands"), r.<Integer>getAs("frames"), values,
                r.getAs("problem"));
    }

    /** Computes the features of {@code tracks} in {@code shards} tasks on the executors. */
    static JavaRDD<TrackInputs> compute(SparkSession spark, List<AttackTrack> tracks, int shards, int maxSegmentsPerTrack) {
        return new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
                .parallelize(tracks, shards)
                .map(t -> TrackInputs.compute(t, maxSegmentsPerTrack));
    }

    /** As a data frame of {@link #SCHEMA}. */
    static Dataset<Row> toFrame(SparkSession spark, JavaRDD<TrackInputs> features) {
        return spark.createDataFrame(features.map(FeatureTable::toRow), SCHEMA);
    }
}

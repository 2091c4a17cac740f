package org.advmusic.distributed;

import java.util.ArrayList;
import java.util.List;
import org.advmusic.experiments.pipeline.AttackTrack;
import org.advmusic.experiments.pipeline.TrackInputs;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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

    /**
     * Computes the features of {@code tracks} on the executors in {@code shards} tasks of equal size:
     * track k in shard k mod {@code shards} (the shards a sweep's cells run on).
     */
    static JavaRDD<TrackInputs> compute(JavaSparkContext context, List<AttackTrack> tracks, int shards, int maxSegmentsPerTrack) {
        List<List<AttackTrack>> byShard = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            byShard.add(new ArrayList<>());
        }
        for (int k = 0; k < tracks.size(); k++) {
            byShard.get(k % shards).add(tracks.get(k));
        }
        // one element per slice: slice s is shard s
        return context.parallelize(byShard, shards)
                .flatMap(shard -> shard.stream().map(t -> TrackInputs.compute(t, maxSegmentsPerTrack)).iterator());
    }

    /** As a data frame of {@link #SCHEMA}. */
    static Dataset<Row> toFrame(SparkSession spark, JavaRDD<TrackInputs> features) {
        return spark.createDataFrame(features.map(FeatureTable::toRow), SCHEMA);
    }
}

package org.advmusic.distributed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.advmusic.experiments.pipeline.TrackEvaluator;
import org.advmusic.experiments.pipeline.TrackInputs;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The pending cells of a grid (the attack grid's or the defense comparison's) run as Spark jobs of a
 * few cells each, every job appending its rows to one Parquet folder and committed on its own, the
 * stop condition checked before each job.
 */
final class CellJobs {
    private CellJobs() {
    }

    /**
     * What ran.
     *
     * @param cellsRun cells in the jobs that ran
     * @param stopped  whether {@code stop} ended the loop before every pending cell ran
     */
    record Ran(int cellsRun, boolean stopped) {
    }

    /**
     * @param pending     the cells with work to do, in grid order
     * @param key         a cell's key (as in the rows' {@code cell} column)
     * @param doneByCell  the done (track, cell) keys of each cell, which the tasks skip
     * @param cellsPerJob cells per job (at least 1)
     * @param job         the rows of a group of cells, given the broadcast done keys of the group
     */
    static <C> Ran run(SparkSession spark, List<C> pending, Function<C, String> key, Map<String, Set<String>> doneByCell,
                       int cellsPerJob, BooleanSupplier stop, StructType schema, String path,
                       BiFunction<List<C>, Broadcast<Set<String>>, JavaRDD<Row>> job) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int cellsRun = 0;
        for (int from = 0; from < pending.size(); from += cellsPerJob) {
            if (stop.getAsBoolean()) {
                return new Ran(cellsRun, true);
            }
            List<C> group = new ArrayList<>(pending.subList(from, Math.min(pending.size(), from + cellsPerJob)));
            Set<String> done = new HashSet<>();
            group.forEach(c -> done.addAll(doneByCell.getOrDefault(key.apply(c), Set.of())));
            cellsRun += group.size();
            Broadcast<Set<String>> doneBroadcast = context.broadcast(done);
            spark.createDataFrame(job.apply(group, doneBroadcast), schema).write().mode(SaveMode.Append).parquet(path);
            doneBroadcast.destroy();
        }
        return new Ran(cellsRun, false);
    }

    /**
     * A task's tracks sorted by id, or none when every usable one already has rows in every cell of
     * {@code cellKeys} (the task then loads no model).
     */
    static List<TrackInputs> tracksWithWork(Iterator<TrackInputs> part, List<String> cellKeys, Set<String> done) {
        List<TrackInputs> tracks = new ArrayList<>();
        part.forEachRemaining(tracks::add);
        tracks.sort(Comparator.comparing(f -> f.track().track()));
        boolean work = tracks.stream().anyMatch(t -> t.usable()
                && cellKeys.stream().anyMatch(c -> !done.contains(TrackEvaluator.doneKey(t.track().track(), c))));
        return work ? tracks : List.of();
    }
}

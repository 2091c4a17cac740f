package org.advmusic.distributed;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.advmusic.attacks.InputBox;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.EngineEnvironment;
import org.advmusic.engine.Shape;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.AttackCell;
import org.advmusic.experiments.pipeline.AttackFactory;
import org.advmusic.experiments.pipeline.AttackTrack;
import org.advmusic.experiments.pipeline.SampleAggregation;
import org.advmusic.experiments.pipeline.TrackEvaluator;
import org.advmusic.experiments.pipeline.TrackInputs;
import org.advmusic.experiments.pipeline.WeightHash;
import org.advmusic.experiments.results.SampleRow;
import org.advmusic.nn.Model;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Runs a sweep's grid as Spark jobs and keeps its results as Parquet under {@code <folder>/sweep/}:
 * {@code features/} (one row per track, computed on the executors from the audio files) and
 * {@code rows/} (one {@link SampleRow} per segment and cell). One job per cell, each committed on its
 * own, so an interrupted sweep loses at most the cell it was running; a resumed or extended sweep runs
 * only the (track, cell) pairs that have no rows yet.
 */
public final class SparkSweep {
    /** The Parquet folders inside the sweep folder. */
    public static final String FEATURES = "sweep/features";
    public static final String ROWS = "sweep/rows";

    private SparkSweep() {
    }

    /**
     * What to sweep.
     *
     * @param tracks              the test tracks, in the order of the single-machine run
     * @param cells               the grid
     * @param maxSegmentsPerTrack segments per track
     * @param seed                the master seed
     * @param modelName           the model's name in the rows
     * @param config              the resolved config tree as JSON (the executors build the attack factory from it)
     * @param boxLower            the lower end of the valid input range
     * @param boxUpper            its upper end
     * @param boxUnit             what one input unit means (stated in threat models), or null
     * @param inputShape          the shape of one sample, e.g. (1, 128, 130)
     * @param device              the executors' backend (cpu, cuda, reference, auto)
     * @param taskThreads         CPU threads of each task's backend (Spark's {@code spark.task.cpus})
     * @param shards              tasks per job (at least 1)
     * @param cellsPerJob         cells per Spark job (at least 1): a job is committed as a whole, so a killed sweep loses
     *                            at most the cells of the job it was running; fewer jobs cost less Spark overhead
     */
    public record Plan(List<AttackTrack> tracks, List<AttackCell> cells, int maxSegmentsPerTrack, long seed, String modelName,
                       String config, double boxLower, double boxUpper, String boxUnit, int[] inputShape, String device, int taskThreads,
                       int shards, int cellsPerJob) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /** The run's attack factory (with the master seed). */
        public AttackFactory factory() {
            return AttackFactory.of(experimentConfig(), new InputBox(boxLower, boxUpper, boxUnit), Shape.of(inputShape), seed);
        }

        /** The run's config, bound from {@link #config}. */
        public ExperimentConfig experimentConfig() {
            try {
                return Sweep.bind((ObjectNode) new ObjectMapper().readTree(config));
            } catch (java.io.IOException e) {
                throw new SweepException("the sweep's config does not parse on this executor: " + e.getMessage(), e);
            }
        }
    }

    /**
     * A sweep's results.
     *
     * @param rows     the rows of the plan's tracks and cells, in cell order, then track order, then segment
     * @param problems the tracks that could not be loaded, with the reason
     * @param cellsRun cells that had work to do in this call
     * @param seconds  wall time of this call
     * @param featureSeconds wall time of the features (computed, or read back and cached)
     * @param cellSeconds    wall time of the cells' jobs
     * @param defenses       the defense cells' outcome, or null when the sweep has none (or was stopped before them)
     */
    public record Outcome(List<SampleRow> rows, List<TrackInputs> problems, int cellsRun, double seconds, double featureSeconds,
                          double cellSeconds, DefenseSweep.Outcome defenses) {
    }

    /**
     * The defense cells a sweep runs after its attack grid, on the same shards.
     *
     * @param plan    what to evaluate
     * @param weights the compared models' checkpoints, by {@code DefendedModel.weights} name
     */
    public record DefenseJob(DefenseSweep.Plan plan, Map<String, CheckpointBytes> weights) {
    }

    /**
     * Computes what is missing and returns every row of the plan.
     *
     * @param stop checked between jobs: when true the sweep stops after the job it finished (and
     *             {@link Outcome#rows()} holds what is done so far)
     */
    public static Outcome run(SparkSession spark, Path folder, Plan plan, CheckpointBytes checkpoint, BooleanSupplier stop) {
        return run(spark, folder, plan, checkpoint, null, stop);
    }

    /**
     * The same, followed by the defense cells of {@code defenses} (when not null and not stopped) on the
     * same shards ({@link DefenseSweep}).
     */
    public static Outcome run(SparkSession spark, Path folder, Plan plan, CheckpointBytes checkpoint, DefenseJob defenses,
                              BooleanSupplier stop) {
        long start = System.nanoTime();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String featuresPath = folder.resolve(FEATURES).toString();
        String rowsPath = folder.resolve(ROWS).toString();
        discardUncommitted(folder.resolve(FEATURES));
        discardUncommitted(folder.resolve(ROWS));

        Set<String> featured = existing(spark, featuresPath, "track");
        int shards = Math.min(plan.shards(), plan.tracks().size());
        JavaRDD<TrackInputs> features;
        if (plan.tracks().stream().noneMatch(t -> featured.contains(t.track()))) {
            // a fresh sweep: the features are computed in the shards the cells use and kept there (no Parquet read-back,
            // no shuffle); writing them is the job that computes them
            features = FeatureTable.compute(context, plan.tracks(), shards, plan.maxSegmentsPerTrack())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            FeatureTable.toFrame(spark, features).write().mode(SaveMode.Append).parquet(featuresPath);
        } else {
            features = resumedFeatures(spark, plan, featured, featuresPath, shards);
        }
        List<TrackInputs> problems = new ArrayList<>(features.filter(f -> !f.usable()).collect());
        problems.sort(Comparator.comparing(f -> f.track().track()));

        double featureSeconds = (System.nanoTime() - start) / 1e9;
        long cellsStart = System.nanoTime();
        Broadcast<CheckpointBytes> model = context.broadcast(checkpoint);
        Map<String, Set<String>> doneByCell = doneKeys(spark, rowsPath);
        long usable = plan.tracks().size() - problems.size();
        List<AttackCell> pending = plan.cells().stream()
                .filter(c -> doneByCell.getOrDefault(c.key(), Set.of()).size() < usable).toList();
        CellJobs.Ran ran;
        DefenseSweep.Outcome defended = null;
        try {
            ran = CellJobs.run(spark, pending, AttackCell::key, doneByCell, plan.cellsPerJob(), stop, SampleRowSchema.SCHEMA, rowsPath,
                    (group, done) -> features.mapPartitions(part -> evaluate(part, plan, model, group, done.value())));
            if (defenses != null && !ran.stopped()) {
                defended = DefenseSweep.run(spark, folder, plan, defenses.plan(), features, usable, defenses.weights(), stop);
            }
        } finally {
            model.destroy();
            features.unpersist(false);
        }
        double cellSeconds = (System.nanoTime() - cellsStart) / 1e9;
        return new Outcome(collect(spark, rowsPath, plan), problems, ran.cellsRun(), (System.nanoTime() - start) / 1e9,
                featureSeconds, cellSeconds, defended);
    }

    /** One task: the model rebuilt from the broadcast bytes (once), then the shard's missing pairs of {@code cells}. */
    private static Iterator<Row> evaluate(Iterator<TrackInputs> part, Plan plan, Broadcast<CheckpointBytes> checkpoint,
                                          List<AttackCell> cells, Set<String> done) {
        List<TrackInputs> tracks = CellJobs.tracksWithWork(part, cells.stream().map(AttackCell::key).toList(), done);
        if (tracks.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        Model model = checkpoint.value().load(taskBackend(plan.device(), plan.taskThreads())).model();
        model.eval();
        TrackEvaluator evaluator = new TrackEvaluator(model, plan.modelName(), WeightHash.of(model), plan.factory());
        return evaluator.evaluate(tracks, cells, done, n -> { }).stream().map(SampleRowSchema::toRow).iterator();
    }

    /**
     * The features of a resumed or extended sweep: those of tracks without stored features computed and
     * appended, then all read back from Parquet into shards of equal size (track k of the plan in shard
     * k mod {@code shards}, as {@link FeatureTable#compute} places them).
     */
    private static JavaRDD<TrackInputs> resumedFeatures(SparkSession spark, Plan plan, Set<String> featured, String featuresPath,
                                                        int shards) {
        List<AttackTrack> missing = plan.tracks().stream().filter(t -> !featured.contains(t.track())).toList();
        if (!missing.isEmpty()) {
            FeatureTable.toFrame(spark, FeatureTable.compute(JavaSparkContext.fromSparkContext(spark.sparkContext()), missing,
                    Math.min(shards, missing.size()), plan.maxSegmentsPerTrack())).write().mode(SaveMode.Append).parquet(featuresPath);
        }
        Map<String, Integer> trackOrder = trackOrder(plan);
        Set<String> planTracks = trackOrder.keySet();
        return spark.read().parquet(featuresPath)
                .filter(col("track").isin(planTracks.toArray()))
                .javaRDD().map(FeatureTable::fromRow)
                .keyBy(f -> trackOrder.get(f.track().track()))
                .partitionBy(new HashPartitioner(shards))
                .values()
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** The backend of a task: {@code device} with as many CPU threads as Spark gives the task. */
    static Backend taskBackend(String device, int threads) {
        return Backends.get(device, EngineEnvironment.current().options().withThreads(threads));
    }

    /** The distinct values of {@code column} in the Parquet folder {@code path} (empty when it does not exist yet). */
    private static Set<String> existing(SparkSession spark, String path, String column) {
        if (!Files.isDirectory(Path.of(path))) {
            return new HashSet<>();
        }
        Set<String> values = new HashSet<>();
        for (Row r : spark.read().parquet(path).select(column).distinct().collectAsList()) {
            values.add(r.getString(0));
        }
        return values;
    }

    /** The done (track, cell) pairs of every cell with rows, as {@link TrackEvaluator#doneKey} sets per cell. */
    private static Map<String, Set<String>> doneKeys(SparkSession spark, String rowsPath) {
        Map<String, Set<String>> done = new HashMap<>();
        if (Files.isDirectory(Path.of(rowsPath))) {
            for (Row r : spark.read().parquet(rowsPath).select("track", "cell").distinct().collectAsList()) {
                done.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(TrackEvaluator.doneKey(r.getString(0),
                        r.getString(1)));
            }
        }
        return done;
    }

    /**
     * Deletes what a killed sweep left uncommitted in a Parquet folder (Spark's {@code _temporary}),
     * which the next job's commit would otherwise pick up. One sweep writes a folder at a time.
     */
    static void discardUncommitted(Path parquetFolder) {
        Path pending = parquetFolder.resolve("_temporary");
        if (!Files.exists(pending)) {
            return;
        }
        System.out.println("sweep: discarding the uncommitted output of an interrupted run in " + pending);
        try (var paths = Files.walk(pending)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new SweepException("the uncommitted output " + pending + " of an interrupted sweep cannot be deleted: "
                    + e.getMessage() + "; delete it by hand", e);
        }
    }

    /** The plan's rows, one per (track, segment, cell), in the single-machine order (for {@code samples/*.csv}). */
    private static List<SampleRow> collect(SparkSession spark, String rowsPath, Plan plan) {
        Dataset<Row> rows = stored(spark, rowsPath, plan);
        if (rows == null) {
            return List.of();
        }
        Map<String, Integer> trackOrder = trackOrder(plan);
        Map<String, Integer> cellOrder = new HashMap<>();
        for (AttackCell c : plan.cells()) {
            cellOrder.put(c.key(), cellOrder.size());
        }
        // one row per (track, segment, model, cell), deduplicated here rather than by a shuffle
        Map<List<Object>, SampleRow> unique = new HashMap<>();
        for (Row r : rows.collectAsList()) {
            SampleRow row = SampleRowSchema.fromRow(r);
            unique.putIfAbsent(List.of(row.track(), row.segment(), row.model(), row.cell()), row);
        }
        List<SampleRow> list = new ArrayList<>(unique.values());
        list.sort(Comparator.<SampleRow>comparingInt(r -> cellOrder.get(r.cell()))
                .thenComparingInt(r -> trackOrder.get(r.track())).thenComparingInt(SampleRow::segment));
        return list;
    }

    /**
     * Every cell's summary, aggregated where the stored rows are: the rows of the plan's tracks and cells
     * grouped by cell (one row per track, segment and model), each group put in the single-machine order
     * (track order of the plan, then segment) and summarized by the single-machine code
     * ({@link SampleAggregation#summarize}); only the summaries reach the driver. Cells without rows have
     * no summary.
     */
    public static List<SampleAggregation.CellSummary> summaries(SparkSession spark, Path folder, Plan plan,
                                                                SampleAggregation.Context context) {
        Dataset<Row> stored = stored(spark, folder.resolve(ROWS).toString(), plan);
        if (stored == null) {
            return List.of();
        }
        Map<String, Integer> trackOrder = trackOrder(plan);
        Map<String, AttackCell> cells = new HashMap<>();
        plan.cells().forEach(c -> cells.put(c.key(), c));
        return stored.javaRDD()
                .mapToPair(r -> new Tuple2<>(r.<String>getAs("cell"), SampleRowSchema.fromRow(r)))
                .groupByKey()
                .map(group -> {
                    Map<List<Object>, SampleRow> unique = new HashMap<>();
                    group._2().forEach(row -> unique.putIfAbsent(List.of(row.track(), row.segment(), row.model()), row));
                    List<SampleRow> ordered = new ArrayList<>(unique.values());
                    ordered.sort(Comparator.<SampleRow>comparingInt(r -> trackOrder.get(r.track())).thenComparingInt(SampleRow::segment));
                    return SampleAggregation.summarize(cells.get(group._1()), ordered, context);
                })
                .collect();
    }

    /** The stored rows of the plan's tracks and cells, or null when there are none. */
    private static Dataset<Row> stored(SparkSession spark, String rowsPath, Plan plan) {
        if (!Files.isDirectory(Path.of(rowsPath))) {
            return null;
        }
        Object[] tracks = plan.tracks().stream().map(AttackTrack::track).toArray();
        Object[] cells = plan.cells().stream().map(AttackCell::key).toArray();
        return spark.read().parquet(rowsPath).filter(col("track").isin(tracks).and(col("cell").isin(cells)));
    }

    /** Each track's position in the plan (the single-machine order). */
    static Map<String, Integer> trackOrder(Plan plan) {
        Map<String, Integer> order = new HashMap<>();
        for (AttackTrack t : plan.tracks()) {
            order.put(t.track(), order.size());
        }
        return order;
    }
}

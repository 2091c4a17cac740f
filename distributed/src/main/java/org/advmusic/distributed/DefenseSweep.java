package org.advmusic.distributed;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.advmusic.attacks.InputBox;
import org.advmusic.defenses.squeezing.FeatureSqueezingDetector;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.DefendedModel;
import org.advmusic.experiments.pipeline.DefenseAggregation;
import org.advmusic.experiments.pipeline.DefenseCell;
import org.advmusic.experiments.pipeline.DefenseStage;
import org.advmusic.experiments.pipeline.DefenseTrackEvaluator;
import org.advmusic.experiments.pipeline.TrackEvaluator;
import org.advmusic.experiments.pipeline.TrackInputs;
import org.advmusic.experiments.pipeline.WeightHash;
import org.advmusic.experiments.results.DefenseSampleRow;
import org.advmusic.nn.Model;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The defense comparison of a sweep as Spark jobs over the same shards of test tracks as the attack
 * grid: every (track, defense cell) pair without rows, each task rebuilding the compared models from
 * the broadcast checkpoints (safetensors bytes of the models the driver trained), their views (the
 * squeezers) from the config and the detector from the config and the driver's calibrated threshold,
 * then running the single-machine unit of work ({@link DefenseTrackEvaluator}). Rows go to
 * {@code sweep/defense-rows} (Parquet); the tables come from a Spark aggregation of those rows per cell
 * with the single-machine aggregation code ({@link DefenseAggregation#summarize}).
 */
public final class DefenseSweep {
    /** The Parquet folder of the defense rows inside the sweep folder. */
    public static final String ROWS = "sweep/defense-rows";

    private DefenseSweep() {
    }

    /**
     * What the executors need besides the attack grid's plan.
     *
     * @param compared    the compared models, the baseline first ({@link DefenseStage.Defended#compared})
     * @param cells       the defense grid, in table order
     * @param checkpoints the hash of each compared model's weights, by model name (rows of other weights are not reused)
     * @param detector    the detector's name
     * @param threshold   the detector's threshold, calibrated on the driver
     * @param spectrograms whether the inputs are spectrograms (the median filter squeezes them)
     * @param classNames  one name per class
     * @param minimumNormBudgets the budgets the minimum-norm rows are stated at
     */
    public record Plan(List<DefendedModel> compared, List<DefenseCell> cells, Map<String, String> checkpoints, String detector,
                       double threshold, boolean spectrograms, List<String> classNames, double[] minimumNormBudgets)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /** The aggregation's context in the attack grid's input box. */
        DefenseAggregation.Context context(SparkSweep.Plan grid) {
            return new DefenseAggregation.Context(new InputBox(grid.boxLower(), grid.boxUpper(), grid.boxUnit()), classNames,
                    minimumNormBudgets, detector, threshold);
        }
    }

    /**
     * What the defense jobs produced.
     *
     * @param rows      every row of the plan's tracks and cells, grouped by cell in grid order, then track and segment order
     * @param summaries every cell's summary, aggregated by Spark from the stored rows (none when stopped)
     * @param cellsRun  cells that had work to do in this call
     */
    public record Outcome(List<DefenseSampleRow> rows, List<DefenseAggregation.CellSummary> summaries, int cellsRun) {
    }

    /**
     * Runs the defense cells without rows on {@code features} (the grid's shards), then reads every row of the plan back.
     *
     * @param weights the checkpoints of the compared models, by {@link DefendedModel#weights} name
     * @param stop    checked between jobs
     */
    static Outcome run(SparkSession spark, Path folder, SparkSweep.Plan grid, Plan plan, JavaRDD<TrackInputs> features,
                       long usable, Map<String, CheckpointBytes> weights, BooleanSupplier stop) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String rowsPath = folder.resolve(ROWS).toString();
        SparkSweep.discardUncommitted(folder.resolve(ROWS));
        Map<String, Set<String>> doneByCell = doneKeys(spark, rowsPath, plan);
        List<DefenseCell> pending = plan.cells().stream()
                .filter(c -> doneByCell.getOrDefault(c.key(), Set.of()).size() < usable).toList();
        Broadcast<Map<String, CheckpointBytes>> models = context.broadcast(new HashMap<>(weights));
        CellJobs.Ran ran;
        try {
            ran = CellJobs.run(spark, pending, DefenseCell::key, doneByCell, grid.cellsPerJob(), stop, DefenseRowSchema.SCHEMA,
                    rowsPath, (group, done) -> features.mapPartitions(part -> evaluate(part, grid, plan, models, group, done.value())));
        } finally {
            models.destroy();
        }
        Dataset<Row> stored = stored(spark, rowsPath, grid, plan);
        if (stored == null) {
            return new Outcome(List.of(), List.of(), ran.cellsRun());
        }
        // a stopped sweep's tables are not made: its summaries would be of an incomplete grid
        return new Outcome(collect(stored, grid, plan), ran.stopped() ? List.of() : summaries(stored, grid, plan), ran.cellsRun());
    }

    /** One task: the compared models rebuilt from the broadcast bytes (once), then the shard's missing pairs of {@code cells}. */
    private static Iterator<Row> evaluate(Iterator<TrackInputs> part, SparkSweep.Plan grid, Plan plan,
                                          Broadcast<Map<String, CheckpointBytes>> weights, List<DefenseCell> cells, Set<String> done) {
        List<TrackInputs> tracks = CellJobs.tracksWithWork(part, cells.stream().map(DefenseCell::key).toList(), done);
        if (tracks.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        Backend backend = SparkSweep.taskBackend(grid.device(), grid.taskThreads());
        ExperimentConfig config = grid.experimentConfig();
        InputBox box = new InputBox(grid.boxLower(), grid.boxUpper(), grid.boxUnit());
        Map<String, Model> loaded = new LinkedHashMap<>();
        List<DefenseTrackEvaluator.Target> targets = new ArrayList<>();
        for (DefendedModel m : plan.compared()) {
            Model model = loaded.computeIfAbsent(m.weights(), name -> {
                CheckpointBytes bytes = weights.value().get(name);
                if (bytes == null) {
                    throw new SweepException("the checkpoint of " + name + " was not broadcast to this executor");
                }
                Model rebuilt = bytes.load(backend).model();
                rebuilt.eval();
                return rebuilt;
            });
            targets.add(new DefenseTrackEvaluator.Target(m, WeightHash.of(model), m.views(model, config.defenses(), box,
                    plan.spectrograms())));
        }
        Model baseline = loaded.get(plan.compared().get(0).weights());
        FeatureSqueezingDetector detector = new FeatureSqueezingDetector(baseline,
                DefendedModel.detectorSqueezers(config.defenses(), box, plan.spectrograms()));
        detector.setThreshold(plan.threshold());
        DefenseTrackEvaluator evaluator = new DefenseTrackEvaluator(targets, detector, grid.factory(), grid.inputShape(), backend);
        return evaluator.evaluate(tracks, cells, done, n -> { }).stream().map(DefenseRowSchema::toRow).iterator();
    }

    /** The done (track, cell) pairs of every cell whose rows were computed with the plan's weights. */
    private static Map<String, Set<String>> doneKeys(SparkSession spark, String rowsPath, Plan plan) {
        Map<String, Set<String>> done = new HashMap<>();
        if (!Files.isDirectory(Path.of(rowsPath))) {
            return done;
        }
        Map<String, String> expected = expectedCheckpoints(plan);
        for (Row r : spark.read().parquet(rowsPath).select("track", "cell", "checkpoint").distinct().collectAsList()) {
            if (r.getString(2).equals(expected.get(r.getString(1)))) {
                done.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(TrackEvaluator.doneKey(r.getString(0),
                        r.getString(1)));
            }
        }
        return done;
    }

    /** The hash of the weights each cell's rows must carry, by cell key. */
    private static Map<String, String> expectedCheckpoints(Plan plan) {
        Map<String, String> expected = new HashMap<>();
        plan.cells().forEach(c -> expected.put(c.key(), plan.checkpoints().get(c.model())));
        return expected;
    }

    /** The stored rows of the plan's tracks and cells computed with its weights, or null when there are none. */
    private static Dataset<Row> stored(SparkSession spark, String rowsPath, SparkSweep.Plan grid, Plan plan) {
        if (!Files.isDirectory(Path.of(rowsPath))) {
            return null;
        }
        org.apache.spark.sql.Column current = null;
        for (Map.Entry<String, String> e : expectedCheckpoints(plan).entrySet()) {
            org.apache.spark.sql.Column match = col("cell").equalTo(e.getKey()).and(col("checkpoint").equalTo(e.getValue()));
            current = current == null ? match : current.or(match);
        }
        Object[] tracks = grid.tracks().stream().map(t -> t.track()).toArray();
        return spark.read().parquet(rowsPath).filter(col("track").isin(tracks).and(current));
    }

    /** The rows, one per (track, segment, cell), grouped by cell in grid order, then in track and segment order. */
    private static List<DefenseSampleRow> collect(Dataset<Row> stored, SparkSweep.Plan grid, Plan plan) {
        Map<String, Integer> trackOrder = SparkSweep.trackOrder(grid);
        Map<String, Integer> cellOrder = new HashMap<>();
        plan.cells().forEach(c -> cellOrder.put(c.key(), cellOrder.size()));
        Map<List<Object>, DefenseSampleRow> unique = new HashMap<>();
        for (Row r : stored.collectAsList()) {
            DefenseSampleRow row = DefenseRowSchema.fromRow(r);
            unique.putIfAbsent(List.of(row.sample().track(), row.sample().segment(), row.sample().cell()), row);
        }
        List<DefenseSampleRow> list = new ArrayList<>(unique.values());
        list.sort(Comparator.<DefenseSampleRow>comparingInt(r -> cellOrder.get(r.sample().cell()))
                .thenComparingInt(r -> trackOrder.get(r.sample().track())).thenComparingInt(r -> r.sample().segment()));
        return list;
    }

    /**
     * Every cell's summary, aggregated where the rows are: the rows grouped by cell (one row per track
     * and segment), each group summarized by the single-machine code; only the summaries reach the driver.
     */
    private static List<DefenseAggregation.CellSummary> summaries(Dataset<Row> stored, SparkSweep.Plan grid, Plan plan) {
        Map<String, DefenseCell> cells = new HashMap<>();
        plan.cells().forEach(c -> cells.put(c.key(), c));
        return stored.javaRDD()
                .mapToPair(r -> new Tuple2<>(r.<String>getAs("cell"), DefenseRowSchema.fromRow(r)))
                .groupByKey()
                .map(group -> {
                    Map<List<Object>, DefenseSampleRow> unique = new LinkedHashMap<>();
                    group._2().forEach(row -> unique.putIfAbsent(List.of(row.sample().track(), row.sample().segment()), row));
                    return DefenseAggregation.summarize(cells.get(group._1()), new ArrayList<>(unique.values()), plan.context(grid));
                })
                .collect();
    }
}

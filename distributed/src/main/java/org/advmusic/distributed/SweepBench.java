package org.advmusic.distributed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.cli.BackendChoice;
import org.advmusic.experiments.cli.RunOptions;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.AttackCell;
import org.advmusic.experiments.pipeline.AttackFactory;
import org.advmusic.experiments.pipeline.AttackSubset;
import org.advmusic.experiments.pipeline.AttackTrack;
import org.advmusic.experiments.pipeline.AttackTracks;
import org.advmusic.experiments.pipeline.DataStage;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.RunDirectory;
import org.advmusic.experiments.pipeline.TrackEvaluator;
import org.advmusic.experiments.pipeline.TrackInputs;
import org.advmusic.experiments.pipeline.WeightHash;
import org.advmusic.experiments.results.SampleRow;
import org.advmusic.nn.Model;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.train.LabeledData;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Wall time of a config's attack grid on one machine and as a Spark sweep, side by side in one JVM:
 * the single-machine run (the same per-track code, the backend on every core), the diagnostics (the
 * same on one thread, the sweep's shards in plain threads without Spark, the grid in batches of
 * {@code attacks.batch_size}), and the sweep (features computed in the cells' shards, rows written as
 * Parquet and read back), split into its parts. Two rounds by default, so the second compares warm
 * code with warm code; the median of the warm rounds at the end.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -jar distributed/target/advmusic-sweep.jar sweep-bench
 * --out DIR [--master local[2]] [--config ...] [--set ...]}.
 */
@Command(name = "sweep-bench", mixinStandardHelpOptions = true,
        description = "Time the config's attack grid on one machine and as a Spark sweep, side by side, with the ratios.")
final class SweepBench implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master of the sweep (default local[2])")
    String master = "local[2]";

    @Option(names = "--shards", paramLabel = "N", description = "tasks per cell (default: one per core)")
    int shards;

    @Option(names = "--cells-per-job", paramLabel = "N", description = "cells per Spark job (default: all in one job)")
    int cellsPerJob;

    @Option(names = "--rounds", paramLabel = "N", description = "rounds (default 2: the second compares warm code)")
    int rounds = 2;

    @Option(names = "--no-diagnostics", description = "time only the single-machine run and the sweep (not the one-thread,"
            + " plain-thread and batched runs that explain the difference)")
    boolean noDiagnostics;

    @Option(names = "--cold-start-probe", description = "before round 1, time what a fresh sweep pays once: Spark's first"
            + " and second trivial job, its first and second Parquet write, and the front end on a first and second track"
            + " (round 1 is then no longer cold in those parts)")
    boolean coldStartProbe;

    @Override
    public Integer call() throws java.io.IOException {
        if (options.out() == null) {
            throw new SweepException("sweep-bench needs --out DIR (the data, the checkpoint and the sweeps go there)");
        }
        Path out = options.out();
        ObjectNode tree = options.resolve("demo").tree();
        ExperimentConfig config = Sweep.bind(tree);
        Backend backend = BackendChoice.open(null, null, config.device(), config.threads());
        RunDirectory run = RunDirectory.open(out.resolve("single"), tree);
        PreparedData data = DataStage.prepare(config.data(), config.model(), backend).data();
        Path checkpointFolder = run.checkpoint(Sweep.MODEL);
        if (!Files.exists(checkpointFolder.resolve(Checkpoint.WEIGHTS_FILE))) {
            Sweep.trainBaseline(config, data, backend, run);
        }
        Model model = Checkpoint.load(checkpointFolder, backend).model();
        model.eval();
        CheckpointBytes checkpoint = CheckpointBytes.read(checkpointFolder);
        String weights = WeightHash.of(model);
        ExperimentConfig.AttackConfig a = config.attacks();
        AttackFactory factory = AttackFactory.of(config, data);
        List<AttackTrack> tracks = AttackTracks.select(data.test(), a.samples(), config.seed());
        List<AttackCell> cells = AttackCell.grid(factory, a);
        List<TrackInputs> features = AttackTracks.featuresOf(data.test(), tracks);
        int segments = features.stream().mapToInt(TrackInputs::segments).sum();
        LabeledData batched = AttackSubset.of(data.test().data(), segments, config.seed());

        long sessionStart = System.nanoTime();
        SparkSession spark = SweepSession.start(master, "advmusic sweep bench");
        spark.sparkContext().setLogLevel("WARN");
        double startup = seconds(sessionStart);
        int cores = spark.sparkContext().defaultParallelism();
        System.out.printf(Locale.ROOT, "grid: %d cells x %d tracks (%d segments); backend %s; Spark %s %s (%d cores), start-up"
                + " %.1f s%n", cells.size(), tracks.size(), segments, backend.name(), spark.version(), master, cores, startup);
        if (coldStartProbe) {
            coldStart(spark, out, tracks, config.data().maxSegmentsPerTrack());
        }
        Backend oneThread = SparkSweep.taskBackend(backend.name(), 1);
        Model oneThreadModel = Checkpoint.load(checkpointFolder, oneThread).model();
        oneThreadModel.eval();
        List<double[]> warm = new java.util.ArrayList<>(); // (single, sweep) of every round after the first
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            List<SampleRow> singleRows = new TrackEvaluator(model, Sweep.MODEL, weights, factory)
                    .evaluate(features, cells, Set.of(), n -> { });
            double single = seconds(t0);

            double serial = Double.NaN;
            double stage = Double.NaN;
            double threaded = Double.NaN;
            if (!noDiagnostics) {
                threaded = withoutSpark(checkpointFolder, oneThread, weights, factory, features, cells, cores);

                long t1 = System.nanoTime();
                new TrackEvaluator(oneThreadModel, Sweep.MODEL, weights, factory).evaluate(features, cells, Set.of(), n -> { });
                serial = seconds(t1);

                long t2 = System.nanoTime();
                RobustnessEvaluator evaluator = new RobustnessEvaluator(model, batched.inputs(), batched.labels(), data.classes(),
                        a.batchSize(), data.decibelsPerUnit());
                for (AttackCell cell : cells) {
                    evaluator.evaluate(cell.attack(factory));
                }
                stage = seconds(t2);
            }

            long t3 = System.nanoTime();
            SparkSweep.Plan plan = new SparkSweep.Plan(tracks, cells, config.data().maxSegmentsPerTrack(), config.seed(),
                    Sweep.MODEL, tree.toString(), data.box().lower(), data.box().upper(), data.box().unit(), data.inputShape().dims(),
                    backend.name(), 1, shards > 0 ? shards : cores, cellsPerJob > 0 ? cellsPerJob : cells.size());
            SparkSweep.Outcome outcome = SparkSweep.run(spark, out.resolve("sweep-" + System.nanoTime()), plan, checkpoint,
                    () -> false);
            double sweep = seconds(t3);
            String diagnostics = noDiagnostics ? "" : String.format(Locale.ROOT, "; the same on 1 thread %.1f s; the sweep's"
                    + " shards in %d plain threads of 1-thread engines, no Spark, %.1f s; batches of %d (not the same rows) %.1f s",
                    serial, cores, threaded, a.batchSize(), stage);
            System.out.printf(Locale.ROOT, "round %d: single machine (the robustness stage: per-track batches, %d threads) %.1f s"
                    + " (in attack calls %.1f s)%s; %s sweep"
                    + " (%d rows, %d tasks per job, %d cells per job) %.1f s = features %.1f s + cell jobs %.1f s + reading the rows back %.1f s;"
                    + " in the tasks' attack calls %.1f s (sum over tasks); sweep / single %.2f%n", round,
                    BackendChoice.threads(backend), single, attackSeconds(singleRows), diagnostics, master,
                    outcome.rows().size(), plan.shards(), plan.cellsPerJob(), sweep, outcome.featureSeconds(), outcome.cellSeconds(),
                    outcome.seconds() - outcome.featureSeconds() - outcome.cellSeconds(), attackSeconds(outcome.rows()),
                    sweep / single);
            if (round > 1) {
                warm.add(new double[] {single, sweep});
            }
        }
        if (!warm.isEmpty()) {
            double single = median(warm.stream().mapToDouble(r -> r[0]).toArray());
            double sweep = median(warm.stream().mapToDouble(r -> r[1]).toArray());
            System.out.printf(Locale.ROOT, "median of rounds 2-%d: single machine %.1f s, %s sweep %.1f s, sweep / single %.2f"
                    + " (median of the rounds' ratios %.2f)%n", rounds, single, master, sweep, sweep / single,
                    median(warm.stream().mapToDouble(r -> r[1] / r[0]).toArray()));
        }
        spark.stop();
        return 0;
    }

    /**
     * What a fresh sweep's first (feature) job pays once, part by part, each timed twice (first, then warm):
     * a trivial Spark job of two tasks, a one-row Parquet write, and the front end on one track in this thread.
     */
    private static void coldStart(SparkSession spark, Path out, List<AttackTrack> tracks, int maxSegmentsPerTrack) {
        org.apache.spark.api.java.JavaSparkContext context = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                spark.sparkContext());
        double[] job = new double[2];
        double[] parquet = new double[2];
        double[] frontEnd = new double[2];
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("value", org.apache.spark.sql.types.DataTypes.StringType, false);
        for (int k = 0; k < 2; k++) {
            long t0 = System.nanoTime();
            context.parallelize(List.of(1, 2), 2).map(x -> x + 1).count();
            job[k] = seconds(t0);
            long t1 = System.nanoTime();
            spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("probe")), schema).write()
                    .parquet(out.resolve("probe-" + System.nanoTime()).toString());
            parquet[k] = seconds(t1);
            long t2 = System.nanoTime();
            TrackInputs.compute(tracks.get(k % tracks.size()), maxSegmentsPerTrack);
            frontEnd[k] = seconds(t2);
        }
        System.out.printf(Locale.ROOT, "cold start (paid once per sweep command, first then warm): a trivial Spark job %.2f s"
                + " then %.2f s; a one-row Parquet write %.2f s then %.2f s; the front end on one track %.2f s then %.2f s%n",
                job[0], job[1], parquet[0], parquet[1], frontEnd[0], frontEnd[1]);
    }

    /**
     * Wall time of the sweep's work without Spark: the tracks in {@code shards} shards (track k in shard
     * k mod shards, as the sweep places them), each attacked in its own thread with its own model on a
     * one-thread engine, as the sweep's tasks do. What separates the sweep from this is Spark's cost.
     */
    private static double withoutSpark(Path checkpointFolder, Backend oneThread, String weights, AttackFactory factory,
                                       List<TrackInputs> features, List<AttackCell> cells, int shards) throws java.io.IOException {
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Model> models = new java.util.ArrayList<>();
        for (int s = 0; s < shards; s++) {
            Model shardModel = Checkpoint.load(checkpointFolder, oneThread).model();
            shardModel.eval();
            models.add(shardModel);
        }
        long start = System.nanoTime();
        for (int s = 0; s < shards; s++) {
            int shard = s;
            List<TrackInputs> mine = java.util.stream.IntStream.range(0, features.size()).filter(k -> k % shards == shard)
                    .mapToObj(features::get).toList();
            Thread t = new Thread(() -> {
                try {
                    new TrackEvaluator(models.get(shard), Sweep.MODEL, weights, factory).evaluate(mine, cells, Set.of(), n -> { });
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "sweep-bench-shard-" + shard);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SweepException("sweep-bench was interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw new SweepException("a shard thread of sweep-bench failed: " + failure.get(), failure.get());
        }
        return seconds(start);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Wall time spent in the attack calls of {@code rows} (each row holds its share of its track's call). */
    private static double attackSeconds(List<SampleRow> rows) {
        return rows.stream().mapToDouble(SampleRow::seconds).sum();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

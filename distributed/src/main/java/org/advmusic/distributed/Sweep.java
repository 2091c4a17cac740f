package org.advmusic.distributed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.cli.BackendChoice;
import org.advmusic.experiments.cli.Baseline;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.AttackCell;
import org.advmusic.experiments.pipeline.AttackFactory;
import org.advmusic.experiments.pipeline.AttackTrack;
import org.advmusic.experiments.pipeline.AttackTracks;
import org.advmusic.experiments.pipeline.BaselineStages;
import org.advmusic.experiments.pipeline.DataStage;
import org.advmusic.experiments.pipeline.DefenseStage;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.RobustnessStage;
import org.advmusic.experiments.pipeline.RunDirectory;
import org.advmusic.experiments.pipeline.SampleAggregation;
import org.advmusic.experiments.pipeline.TrainingStage;
import org.advmusic.experiments.report.ReportSummary;
import org.advmusic.experiments.report.ReportWriter;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;
import org.advmusic.experiments.results.SampleRow;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.train.LabeledData;
import org.apache.spark.sql.SparkSession;

/**
 * The driver of a sweep: the study's single-machine stages where they are not sharded (data split,
 * baseline training, or the checkpoint already in the folder; the defended models' training and the
 * detector's calibration), the attack grid and the defense comparison as Spark jobs over shards of test
 * tracks, then the parts of the study that are not a grid over tracks (the baseline's checklist and
 * examples, Grad-CAM, the waveform study) on the driver with the single-machine stages' code, and the
 * same {@code metrics.json}, tables and report as a single-machine run, in one run folder.
 */
public final class Sweep {
    /** The name of the attacked model in the run (its checkpoint folder). */
    public static final String MODEL = RunDirectory.BASELINE;

    private Sweep() {
    }

    /**
     * How to run.
     *
     * @param master Spark master URL, or null to use the running session (spark-submit)
     * @param shards tasks per cell (0: one per core of the session)
     * @param out    the run folder
     * @param cellsPerJob cells per Spark job (0: every cell in one job); a killed sweep loses the job it was running
     * @param warmUp      whether Spark's first Parquet job may be paid beside the driver's stages ({@link SweepSession#warmUp};
     *                    only when the driver's engine leaves a core free)
     */
    public record Settings(String master, int shards, Path out, int cellsPerJob, boolean warmUp) {
        /** With the warm-up. */
        public Settings(String master, int shards, Path out, int cellsPerJob) {
            this(master, shards, out, cellsPerJob, true);
        }
    }

    /**
     * The outcome.
     *
     * @param complete whether every cell has its rows (else the sweep was stopped and can be resumed)
     * @param sweep    what Spark did
     * @param report   report.html, or null when incomplete
     */
    public record Result(boolean complete, SparkSweep.Outcome sweep, Path report) {
    }

    /**
     * Runs (or resumes, or extends) the sweep of {@code tree} in {@code settings.out()}.
     *
     * @param stop checked between cells; a stopped sweep is resumed by running it again
     * @throws SweepException before anything is written when the master cannot be reached or the
     *                        folder holds a sweep of a different config
     */
    public static Result run(ObjectNode tree, Settings settings, BooleanSupplier stop) {
        ExperimentConfig config = Sweep.bind(tree);
        if (settings.master() != null) {
            SweepSession.requireReachable(settings.master());
        }
        Optional<ObjectNode> stored = SweepManifest.read(settings.out());
        stored.ifPresent(s -> SweepManifest.requireCompatible(settings.out(), withoutCheckpoint(s),
                withoutCheckpoint(SweepManifest.of(tree, ""))));
        SparkSession spark = SweepSession.start(settings.master(), "advmusic sweep " + config.name());

        long start = System.nanoTime();
        Backend backend = BackendChoice.open(null, null, config.device(), config.threads());
        java.util.concurrent.CompletableFuture<Double> warmUp = settings.warmUp() && spareCore(backend)
                ? SweepSession.warmUp(spark, null) : java.util.concurrent.CompletableFuture.completedFuture(0.0);
        RunDirectory run = RunDirectory.open(settings.out(), tree);
        run.recordRun(new RunMetrics.RunInfo(config.name(), "sweep", java.time.Instant.now().toString(), Double.NaN,
                backend.name(), backend.dtype().name(), (long) BackendChoice.threads(backend), config.seed(),
                System.getProperty("java.version"), "0.1.0", RunMetrics.RunInfo.RUNNING, null));
        DataStage.Prepared prepared = DataStage.prepare(config.data(), config.model(), backend);
        PreparedData data = prepared.data();
        run.record(m -> m.withData(prepared.info()));
        Path checkpointFolder = run.checkpoint(MODEL);
        TrainingStage.Trained baseline = stored.isPresent() && Files.exists(checkpointFolder.resolve(Checkpoint.WEIGHTS_FILE))
                ? loadedBaseline(run, checkpointFolder, backend, data, config) : trainBaseline(config, data, backend, run);
        String weights = baseline.checkpoint();
        ObjectNode manifest = SweepManifest.of(tree, weights);
        stored.ifPresent(s -> SweepManifest.requireCompatible(settings.out(), s, manifest));
        SweepManifest.write(settings.out(), manifest);

        ExperimentConfig.AttackConfig a = config.attacks();
        AttackFactory factory = AttackFactory.of(config, data);
        if (data.test().origins() == null) {
            throw new SweepException("a sweep attacks audio tracks; the data set " + config.data().source() + " has tabular"
                    + " features only (use data.source synthetic, gtzan or irmas with a spectrogram model)");
        }
        List<AttackTrack> tracks = AttackTracks.select(data.test(), a.samples(), config.seed());
        List<AttackCell> cells = AttackCell.grid(factory, a);
        int shards = settings.shards() > 0 ? settings.shards() : spark.sparkContext().defaultParallelism();
        int taskThreads = spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
        SparkSweep.Plan plan = new SparkSweep.Plan(tracks, cells, config.data().maxSegmentsPerTrack(), config.seed(), MODEL,
                tree.toString(), data.box().lower(), data.box().upper(), data.box().unit(), data.inputShape().dims(), backend.name(), taskThreads,
                shards, settings.cellsPerJob() > 0 ? settings.cellsPerJob() : Math.max(1, cells.size()));
        DefensePart defenses = config.defenses().enabled()
                ? DefensePart.trained(config, data, baseline, factory, tracks, backend, run, checkpointFolder) : null;
        long waitStart = System.nanoTime();
        double warmUpSeconds = warmUp.join();
        if (warmUpSeconds > 0) {
            System.out.printf(java.util.Locale.ROOT, "sweep: Spark's first Parquet job warmed up in %.1f s beside the driver's"
                    + " stages (%.1f s waited for it)%n", warmUpSeconds, (System.nanoTime() - waitStart) / 1e9);
        }
        SparkSweep.Outcome outcome = SparkSweep.run(spark, settings.out(), plan, CheckpointBytes.read(checkpointFolder),
                defenses == null ? null : defenses.job(), stop);
        SweepProblems.write(settings.out(), outcome.problems());

        boolean complete = outcome.rows().stream().map(SampleRow::cell).distinct().count() == cells.size()
                && (defenses == null || defenses.completeIn(outcome.defenses(), tracks.size() - outcome.problems().size()));
        if (!complete) {
            run.recordRun(run.metrics().run().ended((System.nanoTime() - start) / 1e9, null));
            return new Result(false, outcome, null);
        }
        // the per-sample CSV needs every row on the driver (read back); the tables come from Spark's per-cell summaries
        SampleAggregation.write(run.file(RobustnessStage.samplesFile(MODEL)), outcome.rows());
        List<SampleAggregation.CellSummary> summaries = SparkSweep.summaries(spark, settings.out(), plan, new SampleAggregation.Context(
                data.box(), List.copyOf(data.classes()), data.decibelsPerUnit(), factory.minimumNormBudgets().epsilons()));
        RobustnessMetrics robustness = SampleAggregation.metrics(MODEL, weights, cells, summaries, factory.budgets());
        run.record(m -> m.withRobustness(robustness));
        driverStages(config, data, baseline, tracks, run, defenses == null ? null : defenses.outcome(outcome.defenses(), run));
        run.recordRun(run.metrics().run().ended((System.nanoTime() - start) / 1e9, null));
        return new Result(true, outcome, report(run.root()));
    }

    /**
     * Whether the driver's engine leaves a core free for the warm-up: on 2 vCPUs with the engine on both,
     * the warm-up slowed the baseline's training by more than it saved (distributed README, Speed).
     */
    private static boolean spareCore(Backend backend) {
        return BackendChoice.threads(backend) < Runtime.getRuntime().availableProcessors();
    }

    /** Trains the baseline as the single-machine pipeline does, saves its checkpoint and records it. */
    static TrainingStage.Trained trainBaseline(ExperimentConfig config, PreparedData data, Backend backend, RunDirectory run) {
        ExperimentConfig.ModelConfig m = config.model();
        String description = m.architecture() + (m.architecture().equals("GenreCnn") ? " width " + m.width() : "")
                + (m.architecture().equals("Mlp") ? " " + m.hidden() : "") + ", standard training";
        TrainingStage.Trained baseline = TrainingStage.train(TrainingStage.Plan.standard(MODEL, description,
                config.training().epochs()), TrainingStage.Recipe.of(config), data, backend, run, false);
        run.recordBaseline(baseline.metrics());
        return baseline;
    }

    /**
     * The parts of the study that are not a grid over test tracks, on the driver with the single-machine
     * stages' code, recorded as a single-machine run records them: the baseline's checklist and attacked
     * examples (on the sweep's tracks), the defense comparison (swept) with the defended models' training and
     * checklists (on the driver), Grad-CAM and the waveform study.
     *
     * @param defenses the defense comparison, or null when {@code defenses.enabled} is off
     */
    private static void driverStages(ExperimentConfig config, PreparedData data, TrainingStage.Trained baseline,
                                     List<AttackTrack> tracks, RunDirectory run, DefenseStage.Outcome defenses) {
        LabeledData attacked = data.test().data().subset(AttackTracks.rowsOf(data.test(), tracks));
        Checklist checklist = RobustnessStage.checklistAndExamples(baseline, data, AttackFactory.of(config, data), config.attacks(),
                attacked, run);
        if (checklist != null) {
            run.record(m -> m.withChecklist(checklist));
        }
        if (defenses != null) {
            BaselineStages.record(run, defenses);
        }
        BaselineStages.explanations(config, data, baseline, run);
    }

    /** The baseline a resumed sweep finds in its folder, checked and measured as the single-machine commands load it. */
    private static TrainingStage.Trained loadedBaseline(RunDirectory run, Path folder, Backend backend, PreparedData data,
                                                        ExperimentConfig config) {
        try {
            return Baseline.load(run, folder, backend, data, config.attacks().batchSize());
        } catch (IllegalArgumentException e) {
            throw new SweepException(e.getMessage(), e);
        }
    }

    /** The config of a resolved tree (validated). */
    static ExperimentConfig bind(ObjectNode tree) {
        return ConfigLoader.bind(new ConfigLoader.Resolved(tree, java.util.Map.of()));
    }

    private static ObjectNode withoutCheckpoint(ObjectNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        copy.remove("checkpoint");
        return copy;
    }

    private static Path report(Path folder) {
        try {
            ReportSummary summary = ReportWriter.write(folder);
            summary.problems().forEach(p -> System.out.println("report: " + p));
            return summary.report();
        } catch (IOException e) {
            throw new UncheckedIOException("the report of " + folder + " cannot be written: " + e.getMessage(), e);
        }
    }
}

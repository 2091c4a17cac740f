package org.advmusic.distributed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.advmusic.experiments.cli.RunOptions;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sweep}: the config's attack grid and defense comparison as Spark jobs, results as Parquet, the run's tables and report. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run the config's study with the baseline's attack grid and the defense comparison sharded over test"
            + " tracks as Apache Spark jobs:"
            + " Spark's local mode inside this JVM (--master 'local[*]') or a cluster through spark-submit.",
            "Per-sample rows go to DIR/sweep/rows (Parquet). Running the same command again resumes a stopped sweep and"
            + " runs only missing cells (e.g. a budget added to the config). DIR gets the tables and report.html of a"
            + " single-machine run."})
final class SweepCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N], local[*], spark://host:port (default: the spark-submit session, else local[*])")
    String master;

    @Option(names = "--shards", paramLabel = "N", description = "tasks per job (default: one per core)")
    int shards;

    @Option(names = "--cells-per-job", paramLabel = "N", description = "cells per Spark job, each committed on its own"
            + " (default: every cell in one job; a killed sweep loses the job it was running)")
    int cellsPerJob;

    @Option(names = "--no-warm-up", description = "do not pay Spark's first Parquet job in the background while the driver"
            + " prepares the data and trains (local mode, when the driver's engine leaves a core free); the first job pays it")
    boolean noWarmUp;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        String resolvedMaster = master != null ? master : System.getProperty("spark.master") != null ? null : "local[*]";
        ConfigLoader.Resolved resolved = options.resolve("demo");
        ExperimentConfig config = ConfigLoader.bind(resolved); // errors name the field and where its value came from
        ObjectNode tree = resolved.tree();
        Path out = options.out() != null ? options.out() : Path.of(config.output(), config.name());
        // a killed sweep keeps every committed job; there is no other way to stop it
        Sweep.Result result = Sweep.run(tree, new Sweep.Settings(resolvedMaster, shards, out, cellsPerJob, !noWarmUp),
                () -> false);
        if (!result.complete()) {
            System.out.printf("sweep incomplete: some cells have no rows (no usable track? see %s); %d cells ran%n",
                    out.resolve(SweepProblems.FILE), result.sweep().cellsRun());
            return 3;
        }
        System.out.printf(java.util.Locale.ROOT, "sweep finished in %.1f s (%d rows, %d cells run now; features %.1f s, cell jobs"
                + " %.1f s); open %s%n", (System.nanoTime() - start) / 1e9, result.sweep().rows().size(), result.sweep().cellsRun(),
                result.sweep().featureSeconds(), result.sweep().cellSeconds(), result.report().toAbsolutePath());
        return 0;
    }
}

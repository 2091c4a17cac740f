package org.advmusic.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.experiments.Main;
import org.advmusic.experiments.cli.Commands;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.pipeline.DefenseStage;
import org.advmusic.experiments.pipeline.RobustnessStage;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep in Spark's {@code local-cluster[2,1,1024]} mode: a standalone master and two workers inside
 * this JVM, each worker starting its executor as a separate JVM, as on a cluster. The workers find
 * Spark through {@code SPARK_HOME} (set by the build to {@code target/spark-home}, whose {@code jars/}
 * this test leaves empty); the executors' class path is the sweep jar, whose manifest names Spark's
 * jars in {@code target/lib}. Runs in the integration-test phase, after the jar is built.
 */
class SweepLocalClusterIT {
    /** The sweep jar (set by the build). */
    private static final String SWEEP_JAR = System.getProperty("advmusic.sweep.jar", "target/advmusic-sweep.jar");

    /**
     * The tiny study: 4 test tracks of 2 segments, FGSM and PGD at one budget, and the defense cells that need no
     * training (the baseline, the squeezed baseline naive and adaptive, the detector); no other driver stage.
     */
    private static final List<String> OVERRIDES = List.of("device=cpu", "data.synthetic.tracks_per_genre=3",
            "data.synthetic.seconds=6", "training.epochs=1", "attacks.samples=8", "attacks.pgd_steps=3", "attacks.fmn_steps=0",
            "attacks.genetic_queries=0", "attacks.epsilons=[0,0.01]", "attacks.checklist=false", "attacks.examples=0",
            "defenses.evaluation_epsilons=[0.01]", "defenses.mixed=false", "defenses.pure=false", "defenses.fast=false",
            "defenses.squeezing_training_bits=0", "defenses.evaluation_pgd_steps=2", "gradcam.enabled=false", "audio.examples=0");

    @Test
    void sweepWithExecutorsInSeparateJvmsEqualsTheSingleMachineAttackAndDefendCommands(@TempDir Path dir) throws Exception {
        String sparkHome = System.getenv("SPARK_HOME");
        assertTrue(sparkHome != null, "the build sets SPARK_HOME for the local-cluster workers");
        Files.createDirectories(Path.of(sparkHome, "jars")); // where the workers look for Spark's jars (the class path has them)
        assertTrue(Files.isRegularFile(Path.of(SWEEP_JAR)), SWEEP_JAR + " is built in the package phase");
        List<String> overrides = new ArrayList<>(OVERRIDES);
        overrides.addAll(List.of("data.path=" + dir.resolve("data"), "data.cache=" + dir.resolve("cache")));
        ObjectNode tree = ConfigLoader.resolve("demo", overrides).tree();

        SparkSession spark = SparkSession.builder().master("local-cluster[2,1,1024]").appName("advmusic-local-cluster-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.extraClassPath", Path.of(SWEEP_JAR).toAbsolutePath().toString())
                .config("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector -Xss8m")
                .config("spark.executorEnv.SPARK_SCALA_VERSION", "2.13")
                .getOrCreate();
        try {
            spark.sparkContext().setLogLevel("ERROR");
            Sweep.Result result = Sweep.run(tree, new Sweep.Settings(null, 2, dir.resolve("sweep"), 0), () -> false);
            assertTrue(result.complete());
            // the driver and two executors, each in its own JVM
            assertEquals(3, spark.sparkContext().getExecutorMemoryStatus().size(), "executors: "
                    + spark.sparkContext().getExecutorMemoryStatus().keySet());
        } finally {
            spark.stop();
        }

        Path single = dir.resolve("single");
        List<String> args = new ArrayList<>(List.of("attack", "--config", "demo", "--out", single.toString(), "--checkpoint",
                dir.resolve("sweep/checkpoints/baseline").toString()));
        overrides.forEach(o -> args.addAll(List.of("--set", o)));
        assertEquals(0, Commands.commandLine(new Main()).execute(args.toArray(String[]::new)));
        String samples = RobustnessStage.samplesFile(Sweep.MODEL);
        List<String> expected = withoutLastColumn(single.resolve(samples));
        assertEquals(1 + 4 * 2 * 2, expected.size(), "4 tracks x 2 segments x 2 cells");
        assertEquals(expected, withoutLastColumn(dir.resolve("sweep").resolve(samples)));

        // the defense cells, whose squeezers and detector the executors rebuilt, equal the single-machine defend command's
        Path defended = dir.resolve("defended");
        List<String> defend = new ArrayList<>(List.of("defend", "--config", "demo", "--out", defended.toString(), "--checkpoint",
                dir.resolve("sweep/checkpoints/baseline").toString()));
        overrides.forEach(o -> defend.addAll(List.of("--set", o)));
        assertEquals(0, Commands.commandLine(new Main()).execute(defend.toArray(String[]::new)));
        List<String> expectedDefenses = withoutLastColumn(defended.resolve(DefenseStage.SAMPLES_FILE));
        assertEquals(1 + 8 * 4 * 2, expectedDefenses.size(), "8 cells (3 views x FGSM and PGD, the detector x 2) x 4 tracks x 2 segments");
        assertEquals(expectedDefenses, withoutLastColumn(dir.resolve("sweep").resolve(DefenseStage.SAMPLES_FILE)));
    }

    /** The lines of a CSV file without their last field (the per-sample rows' wall time). */
    private static List<String> withoutLastColumn(Path csv) throws java.io.IOException {
        return Files.readAllLines(csv).stream().map(line -> line.substring(0, line.lastIndexOf(','))).toList();
    }
}

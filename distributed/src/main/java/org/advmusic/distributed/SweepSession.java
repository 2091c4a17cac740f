package org.advmusic.distributed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session of a sweep: Spark's local mode inside this JVM ({@code local[N]},
 * {@code local[*]}) or a cluster's driver ({@code spark://host:port}, {@code yarn}, {@code k8s://...},
 * usually through {@code spark-submit}). A standalone master is checked for reachability first, so a
 * wrong URL fails in seconds with a clear message instead of Spark's minute of retries.
 */
public final class SweepSession {
    /** How long to wait for a standalone master's port. */
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private SweepSession() {
    }

    /**
     * The session for {@code master}; an already running session (spark-submit, tests) is reused when
     * {@code master} is null.
     *
     * @throws SweepException when a {@code spark://} master cannot be reached
     */
    public static SparkSession start(String master, String appName) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                // Per-sample rows are small; a sweep shard is one task, retried where it failed.
                .config("spark.task.maxFailures", "2");
        if (master != null) {
            requireReachable(master);
            builder = builder.master(master);
            if (master.startsWith("local")) {
                builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        return builder.getOrCreate();
    }

    /**
     * Pays, in a background thread, what the first Parquet job of a fresh JVM costs (Spark SQL's and
     * Parquet's classes loaded and compiled: seconds on a small machine, against tenths of a second warm):
     * one sample row written to a temporary folder, read back, and deleted. Started when the session
     * starts, it runs beside the driver's own stages (data, training), so the sweep's first job does not
     * pay it; it takes CPU from them, so a sweep starts it only when the driver's engine leaves a core
     * free. Only in local mode, where the executors are this JVM; elsewhere it does nothing.
     *
     * @param parent where the temporary folder is made (the system's temporary folder when null)
     * @return completes with the warm-up's seconds (0 when it did nothing, NaN when it failed); never completes
     *         exceptionally (a failed warm-up only loses the gain)
     */
    public static java.util.concurrent.CompletableFuture<Double> warmUp(SparkSession spark, java.nio.file.Path parent) {
        if (!spark.sparkContext().isLocal()) {
            return java.util.concurrent.CompletableFuture.completedFuture(0.0);
        }
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            java.nio.file.Path folder = null;
            try {
                folder = parent == null ? java.nio.file.Files.createTempDirectory("advmusic-sweep-warm-up-")
                        : java.nio.file.Files.createTempDirectory(parent, "advmusic-sweep-warm-up-");
                String path = folder.resolve("rows").toString();
                org.advmusic.experiments.results.SampleRow row = new org.advmusic.experiments.results.SampleRow("warm-up", 0, 0,
                        "model", "hash", "cell", "attack", "threat", "Linf", 0.01, 0, 0, "FAILED", 0, 0, 0, 0, 0);
                spark.createDataFrame(org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(java.util.List.of(SampleRowSchema.toRow(row)), 1), SampleRowSchema.SCHEMA).write().parquet(path);
                spark.read().parquet(path).collectAsList();
            } catch (IOException | RuntimeException e) {
                System.out.println("sweep: the Spark warm-up failed (" + e + "); the first job pays it instead");
                return Double.NaN;
            } finally {
                deleteQuietly(folder);
            }
            return (System.nanoTime() - start) / 1e9;
        }, runnable -> {
            Thread thread = new Thread(runnable, "advmusic-sweep-warm-up");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static void deleteQuietly(java.nio.file.Path folder) {
        if (folder == null) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(folder)) {
            for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("sweep: the warm-up folder " + folder + " could not be deleted: " + e.getMessage());
        }
    }

    /** Fails when {@code master} is a standalone master URL whose host and port do not accept connections. */
    static void requireReachable(String master) {
        if (master.startsWith("local")) {
            if (!master.matches("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?])?|local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*]")) {
                throw new SweepException("master '" + master + "' is not a local master URL; expected local, local[N],"
                        + " local[*], local[N,retries] or local-cluster[workers,cores,memoryMiB]");
            }
            return;
        }
        if (!master.startsWith("spark://")) {
            return; // yarn and k8s masters are resolved by spark-submit's cluster manager
        }
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new SweepException("master '" + master + "': '" + hostPort + "' is not host:port");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MILLIS);
                return;
            } catch (IOException e) {
                if (hostPort.equals(master.substring(master.lastIndexOf(',') + 1).replace("spark://", ""))) {
                    throw new SweepException("master '" + master + "' cannot be reached (" + e.getMessage() + "); start the"
                            + " standalone master or use --master 'local[*]' to run inside this JVM; nothing was written");
                }
            }
        }
    }
}

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

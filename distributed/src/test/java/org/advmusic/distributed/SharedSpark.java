package org.advmusic.distributed;

import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session for every test class of the module (Spark starts in seconds, not milliseconds). */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SweepSession.start("local[2]", "advmusic-sweep-tests");
            session.sparkContext().setLogLevel("ERROR");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}

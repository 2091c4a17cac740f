package org.advmusic.experiments.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * The JVM's own work that competes with a benchmark for the cores: the time its JIT compilers and its
 * garbage collectors have spent, in seconds (since the JVM started, or between two snapshots with
 * {@link #since}). On a 2-core machine running 2 benchmark threads, a C2 compile in the background takes
 * a core from one of them and the other waits for it at the next barrier: such a run is slow for a reason
 * that has nothing to do with the code measured. {@code bench} therefore waits for the compiler to fall
 * quiet before each figure and reports what the JVM did during its timed runs.
 *
 * @param compilerSeconds  JIT compilation time (zero when the JVM does not report it)
 * @param collectorSeconds garbage collection time, all collectors together
 */
public record JvmActivity(double compilerSeconds, double collectorSeconds) {
    /** How long the compiler's total time must stay unchanged to count as quiet. */
    private static final long QUIET_MILLIS = 200;

    /** The JVM's totals now. */
    public static JvmActivity now() {
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new JvmActivity(compilerMillis() / 1e3, gcMillis / 1e3);
    }

    /** What happened between {@code earlier} and this snapshot. */
    public JvmActivity since(JvmActivity earlier) {
        return new JvmActivity(compilerSeconds - earlier.compilerSeconds, collectorSeconds - earlier.collectorSeconds);
    }

    /** The JIT compilers' accumulated time in milliseconds (0 when the JVM does not monitor it). */
    static long compilerMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }

    /**
     * Sleeps until the JIT compilers have done nothing for {@value #QUIET_MILLIS} ms, at most {@code maximumSeconds};
     * returns the seconds waited.
     */
    public static double awaitQuietCompiler(double maximumSeconds) {
        return awaitQuiet(JvmActivity::compilerMillis, maximumSeconds);
    }

    /** {@link #awaitQuietCompiler} on any clock of compiler milliseconds (tests give a simulated one). */
    static double awaitQuiet(LongSupplier compilerMillis, double maximumSeconds) {
        long start = System.nanoTime();
        long last = compilerMillis.getAsLong();
        while ((System.nanoTime() - start) / 1e9 < maximumSeconds) {
            try {
                Thread.sleep(QUIET_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long next = compilerMillis.getAsLong();
            if (next == last) {
                break;
            }
            last = next;
        }
        return (System.nanoTime() - start) / 1e9;
    }
}

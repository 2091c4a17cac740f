package org.advmusic.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The bench's warm-up lasts until the runs stop getting faster. A fixed short warm-up (one run and one
 * second, as before) let figures be timed while the JIT was still compiling the vector kernels, which
 * ran meanwhile in the Vector API's Java fallback: the training step then cost 1.5-2.2x forward + full
 * backward in one run and 1.05x in another (issues 18 and 21). This fails if the warm-up stops early again.
 */
class WarmUpTest {

    @Test
    void itKeepsRunningWhileRunsGetFasterAndStopsSoonAfter() {
        // runs of 600, 480, 384, ... ms for eight runs (a JIT still compiling, past the two-second minimum),
        // then 100 ms: the warm-up must wait for the flat runs and stop at the first one that is no faster
        // The runs are timed on a simulated clock, so the test does not depend on the machine's load.
        int[] runs = {0};
        long[] nanos = {0};
        BenchRun.warmUp(() -> {
            int r = runs[0]++;
            long millis = r < 8 ? (long) (600 * Math.pow(0.8, r)) : 100;
            nanos[0] += millis * 1_000_000L;
        }, () -> nanos[0], () -> 0);
        assertTrue(runs[0] >= 9, "stopped after " + runs[0] + " runs while they were still getting faster");
        assertTrue(runs[0] <= 12, "ran " + runs[0] + " times, long after the runs stopped getting faster");
    }

    /**
     * Runs that stopped getting faster while the JIT still compiles in the background (on two cores a compile
     * takes a core from the benchmark's threads): the warm-up goes on until a run passes without compiling.
     */
    @Test
    void itWaitsForTheCompilerToFallQuiet() {
        int[] runs = {0};
        long[] nanos = {0};
        long[] compilerMillis = {0};
        BenchRun.warmUp(() -> {
            int r = runs[0]++;
            nanos[0] += 500_000_000L; // every run 500 ms
            if (r < 10) {
                compilerMillis[0] += 200; // the compiler busy during the first ten runs
            }
        }, () -> nanos[0], () -> compilerMillis[0]);
        assertEquals(11, runs[0], "the first quiet run is the 11th");
    }

    @Test
    void awaitingAQuietCompilerReturnsOnceItsTimeStopsGrowing() {
        long[] compilerMillis = {0};
        int[] reads = {0};
        double waited = JvmActivity.awaitQuiet(() -> {
            reads[0]++;
            return reads[0] <= 3 ? compilerMillis[0] += 50 : compilerMillis[0];
        }, 10);
        assertEquals(4, reads[0], "three growing readings, then one equal to the last");
        assertTrue(waited < 5, "waited " + waited + " s");
        assertTrue(JvmActivity.awaitQuiet(() -> reads[0]++, 0.5) < 2, "a compiler that never falls quiet is waited for at most the limit");
    }
}

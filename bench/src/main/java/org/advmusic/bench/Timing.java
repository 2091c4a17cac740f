package org.advmusic.bench;

/** Quick timings for {@link GemmReport}: warm up, then keep the best of several runs. */
final class Timing {
    private Timing() {
    }

    /**
     * Runs {@code work} at least twice (or for about one second) to warm up the JIT, then at least
     * three more times (or for about {@code seconds}), and returns the shortest run in seconds.
     */
    static double bestSeconds(Runnable work, double seconds) {
        long warmUpEnd = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < 2 || System.nanoTime() < warmUpEnd && i < 20; i++) {
            work.run();
        }
        double best = Double.POSITIVE_INFINITY;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < 3 || System.nanoTime() < end; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }
}

package org.advmusic.bench.nn;

import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Prints the samples per second of the seed GenreCnn for a training step and for inference.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *        org.advmusic.bench.nn.GenreCnnThroughput [backend=cpu] [batch=64] [timed steps=5] [width=1.0]
 * </pre>
 * Each measurement follows two warm-up batches. Exits with status 2 and the reason when the backend
 * cannot run here.
 */
public final class GenreCnnThroughput {
    private static final int WARMUP_BATCHES = 2;

    private GenreCnnThroughput() {
    }

    /** See the class comment for the arguments. */
    public static void main(String[] args) {
        String backend = args.length > 0 ? args[0] : "cpu";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double width = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
        GenreCnnWorkload workload;
        try {
            workload = GenreCnnWorkload.create(backend, batch, width);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "GenreCnn width %s, batch %d, input 1x128x130, backend %s, %d threads%n",
                width, batch, workload.backendName(), Runtime.getRuntime().availableProcessors());
        report("training step (forward + backward + Adam)", workload.batchSize(), steps, workload::trainingStep);
        report("inference (forward, evaluation mode)", workload.batchSize(), steps, workload::inference);
    }

    private static void report(String what, int batchSize, int steps, DoubleSupplier work) {
        double sink = 0;
        for (int i = 0; i < WARMUP_BATCHES; i++) {
            sink += work.getAsDouble();
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            sink += work.getAsDouble();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-45s %8.2f samples/s  (%.3f s per batch; checksum %.3g)%n", what,
                steps * batchSize / seconds, seconds / steps, sink);
    }
}

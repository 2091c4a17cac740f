package org.advmusic.bench.nn;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seed GenreCnn (1,310,314 parameters at width 1) at batch 64 on {@code (1, 128, 130)} inputs:
 * one training step (forward, backward, Adam) and one inference pass, in milliseconds per batch
 * (samples per second = batch * 1000 / score). A backend that cannot run here fails the trial with
 * the reason. Run: {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar
 * GenreCnnBenchmark -p backend=cpu}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GenreCnnBenchmark {
    /** The backend's name: cpu, cuda, reference or auto. */
    @Param("cpu")
    public String backend;

    /** Samples per batch. */
    @Param("64")
    public int batchSize;

    /** GenreCnn width multiplier (1 is the seed network). */
    @Param("1.0")
    public double widthMultiplier;

    private GenreCnnWorkload workload;

    /** Builds the model and the batch on the chosen backend. */
    @Setup
    public void setUp() {
        workload = GenreCnnWorkload.create(backend, batchSize, widthMultiplier);
    }

    /** Forward, cross-entropy, backward and an Adam step. */
    @Benchmark
    public double trainingStep() {
        return workload.trainingStep();
    }

    /** Forward in evaluation mode without gradients. */
    @Benchmark
    public double inference() {
        return workload.inference();
    }
}

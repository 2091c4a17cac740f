package org.advmusic.bench.cuda;

import java.util.List;
import org.advmusic.engine.Backends;
import org.advmusic.engine.backend.cuda.CudaBackend;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link BackendGemmBenchmark} and {@link BackendConvBenchmark} on every backend that can run on
 * this machine, skipping the others with a notice:
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.advmusic.bench.cuda.BackendBenchmarks}.
 */
public final class BackendBenchmarks {
    private BackendBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        List<String> backends = BenchmarkBackends.available();
        Backends.all().stream().filter(b -> b.autoPriority() >= 0 && b.unavailableReason().isPresent())
                .forEach(b -> System.out.println("skipping " + b.name() + ": " + b.unavailableReason().get()));
        Backends.all().stream().filter(b -> b instanceof CudaBackend && b.unavailableReason().isEmpty())
                .forEach(b -> System.out.println("cuda: " + ((CudaBackend) b).description()));
        if (backends.isEmpty()) {
            System.out.println("no backend to benchmark");
            return;
        }
        Options options = new OptionsBuilder()
                .include(BackendGemmBenchmark.class.getName())
                .include(BackendConvBenchmark.class.getName())
                .param("backend", backends.toArray(String[]::new))
                .build();
        new Runner(options).run();
    }
}

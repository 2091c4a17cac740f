package org.advmusic.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.Main;
import org.advmusic.experiments.bench.BenchRun;
import org.advmusic.experiments.bench.Control;
import org.advmusic.experiments.bench.Figure;
import org.advmusic.experiments.bench.FigureGroup;
import org.advmusic.experiments.bench.ForkSummary;
import org.advmusic.experiments.bench.Forks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput figures on one device (the JMH benchmarks of the bench module are the careful versions of
 * the kernels), each with the machine's control loops beside it: in this JVM, or with {@code --forks N}
 * in N fresh JVMs summarised as min / median / max; optionally the wall time of the whole demo.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Throughput figures with control loops: GEMM, GenreCnn forward, train step, backward, PGD-10"
                + " on spectrograms and waveforms, adversarial epochs; --only GROUPS for some (e.g. --only waveform);"
                + " --forks N for min/median/max over fresh JVMs; --demo times the whole demo.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--device", description = "cpu, cuda, reference or auto (default: ADVMUSIC_DEVICE, else auto)")
    String device;

    @Option(names = "--threads", description = "CPU threads, 0 for all cores (default: ADVMUSIC_THREADS, else all cores)")
    Integer threads;

    @Option(names = "--width", defaultValue = "1.0", description = "GenreCnn width multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--repeats", defaultValue = "5", description = "timed repetitions per figure, median reported, after a warm-up that lasts until the runs stop getting faster and the JIT stops compiling (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--forks", defaultValue = "1", description = "fresh JVMs to run the figures in, one after another; above 1, min/median/max over them (default: ${DEFAULT-VALUE})")
    int forks;

    @Option(names = "--jfr", paramLabel = "DIR", description = "with --forks: each fork records a JFR flight recording from its start, DIR/fork-N.jfr")
    Path jfr;

    @Option(names = "--fork-output", hidden = true, description = "run as a fork: write the figures to this JSON file")
    Path forkOutput;

    @Option(names = "--demo", description = "also run the demo into a temporary folder and print its wall time")
    boolean demo;

    @Option(names = "--only", paramLabel = "GROUPS", description = "the figures to measure: all (default) or a"
            + " comma-separated list of gemm, forward, step, input-gradient, pgd, waveform (PGD-10 on spectrograms and"
            + " on 3 s waveforms, the front end alone, and their ratios), epochs")
    String only = "all";

    @Override
    public Integer call() throws Exception {
        Set<FigureGroup> groups = FigureGroup.parse(only);
        if (batch < 1 || repeats < 1 || forks < 1 || !(width > 0)) {
            throw new IllegalArgumentException("bench: batch " + batch + ", repeats " + repeats + ", forks " + forks
                    + ", width " + width + "; expected positive values");
        }
        if (jfr != null && forks < 2) {
            throw new IllegalArgumentException("bench: --jfr " + jfr + " records forks; give --forks 2 or more");
        }
        if (forks > 1) {
            long start = System.nanoTime();
            List<List<Figure>> results = Forks.run(forks, Main.class.getName(), childArguments(), jfr);
            System.out.printf("bench: %d forks (figures %s, width %s, batch %d) in %.1f min; load average now %.2f%n",
                    forks, only, width, batch, (System.nanoTime() - start) / 60e9, Forks.loadAverage());
            ForkSummary.format(ForkSummary.rows(results)).forEach(System.out::println);
        } else {
            Backend backend = BackendChoice.open(device, threads, "auto", 0);
            int threadCount = BackendChoice.threads(backend);
            System.out.printf("bench on %s (%s), %d thread(s), GenreCnn width %s, batch %d, figures %s, load average"
                    + " %.2f%n", backend.name(), backend.dtype(), threadCount, width, batch, only, Forks.loadAverage());
            List<Figure> figures = new BenchRun(backend, threadCount, width, batch, repeats, groups,
                    BenchCommand::print).run();
            System.out.printf("load average at the end %.2f%n", Forks.loadAverage());
            if (forkOutput != null) {
                Forks.write(forkOutput, figures);
            }
        }
        if (demo) {
            Path folder = Files.createTempDirectory("advmusic-bench-demo");
            long start = System.nanoTime();
            int status = Commands.commandLine(new Main()).execute("demo", "--device",
                    BackendChoice.open(device, threads, "auto", 0).name(), "--out", folder.resolve("run").toString());
            System.out.printf("demo: %.1f s (exit status %d, results in %s)%n", (System.nanoTime() - start) / 1e9,
                    status, folder);
        }
        return 0;
    }

    /** This command's options for a fork (without --forks, --jfr and --demo). */
    private List<String> childArguments() {
        List<String> args = new ArrayList<>(List.of("bench", "--width", Double.toString(width), "--batch",
                Integer.toString(batch), "--repeats", Integer.toString(repeats), "--only", only));
        if (device != null) {
            args.addAll(List.of("--device", device));
        }
        if (threads != null) {
            args.addAll(List.of("--threads", Integer.toString(threads)));
        }
        return args;
    }

    private static void print(Figure f) {
        String control = "";
        if (f.controlled()) {
            StringBuilder readings = new StringBuilder();
            for (int k = 0; k < Control.LOOP_NAMES.length; k++) {
                int loop = k;
                readings.append(k == 0 ? "" : ", ").append(Control.LOOP_NAMES[k]).append(' ').append(f.controls().stream()
                        .map(c -> ForkSummary.number(c.loops()[loop])).collect(Collectors.joining("/")));
            }
            control = String.format(Locale.ROOT, "   [runs %s; control before each run and after the last: %s"
                            + " (GFLOP/s, GB/s)%s; meanwhile JIT %.2f s, GC %.2f s]",
                    f.runs().stream().map(ForkSummary::number).collect(Collectors.joining("/")), readings,
                    f.controlSteady() ? "" : "; unsteady: machine and code cannot be told apart",
                    f.jvmActivity().compilerSeconds(), f.jvmActivity().collectorSeconds());
        }
        System.out.printf(Locale.ROOT, "%-52s %10s %s%s%n", f.name(), ForkSummary.number(f.value()), f.unit(),
                control);
    }
}

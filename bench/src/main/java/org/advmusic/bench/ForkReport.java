package org.advmusic.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.advmusic.engine.backend.cpu.ControlLoops;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs JMH benchmarks in several forks, one fork at a time, with the machine's control loops (FMA peak
 * and memory bandwidth, {@link ControlLoops}) measured right before and after each fork, and prints each
 * benchmark's score as min / median / max over forks beside the median controls and the spread of the
 * score normalised by its fork's control ({@link ControlLoops#speed}: sqrt(FMA x memory)). Run:
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.advmusic.bench.ForkReport
 * 5 2 GenreCnnBenchmark} (forks, threads for the controls, then JMH's own arguments: a benchmark regex and
 * options such as {@code -p backend=cpu}).
 */
public final class ForkReport {
    private ForkReport() {
    }

    /** One fork's score of one benchmark and the controls around it. */
    private record ForkScore(double score, boolean higherIsBetter, double fma, double memory) {
        double normalised() {
            double speed = ControlLoops.speed(fma, memory);
            return higherIsBetter ? score / speed : score * speed;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: ForkReport FORKS THREADS BENCHMARK-REGEX [JMH OPTIONS...]");
        }
        int forks = Integer.parseInt(args[0]);
        ControlLoops controls = new ControlLoops(Integer.parseInt(args[1]));
        CommandLineOptions jmh = new CommandLineOptions(Arrays.copyOfRange(args, 2, args.length));
        Map<String, List<ForkScore>> scores = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (int fork = 1; fork <= forks; fork++) {
            double fmaBefore = controls.fmaGflops(0.5);
            double memoryBefore = controls.memoryGigabytesPerSecond(0.5);
            Collection<RunResult> results = new Runner(new OptionsBuilder().parent(jmh).forks(1).build()).run();
            double fma = (fmaBefore + controls.fmaGflops(0.5)) / 2;
            double memory = (memoryBefore + controls.memoryGigabytesPerSecond(0.5)) / 2;
            for (RunResult r : results) {
                String name = r.getParams().getBenchmark() + r.getParams().getParamsKeys().stream()
                        .map(k -> " " + k + "=" + r.getParams().getParam(k)).reduce("", String::concat);
                boolean higherIsBetter = r.getParams().getMode().name().equals("Throughput");
                scores.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(new ForkScore(r.getPrimaryResult().getScore(), higherIsBetter, fma, memory));
                units.put(name, r.getPrimaryResult().getScoreUnit());
            }
            System.out.printf(Locale.ROOT, "fork %d of %d done: control FMA %.0f GFLOP/s, memory %.1f GB/s%n", fork,
                    forks, fma, memory);
        }
        System.out.printf(Locale.ROOT, "%-70s %10s %10s %10s %-8s %9s %9s %8s%n", "benchmark (over forks)", "min",
                "median", "max", "unit", "FMA GF/s", "mem GB/s", "spread*");
        scores.forEach((name, list) -> System.out.printf(Locale.ROOT, "%-70s %10.3f %10.3f %10.3f %-8s %9.0f %9.1f %8.2f%n",
                name, min(list, ForkScore::score), median(list, ForkScore::score), max(list, ForkScore::score),
                units.get(name), median(list, ForkScore::fma), median(list, ForkScore::memory),
                max(list, ForkScore::normalised) / min(list, ForkScore::normalised)));
        System.out.println("* spread: max/min over forks of the score normalised by its fork's control speed, sqrt(FMA x memory)");
    }

    private interface Field {
        double of(ForkScore s);
    }

    private static double[] sorted(List<ForkScore> list, Field f) {
        return list.stream().mapToDouble(f::of).sorted().toArray();
    }

    private static double min(List<ForkScore> list, Field f) {
        return sorted(list, f)[0];
    }

    private static double max(List<ForkScore> list, Field f) {
        double[] v = sorted(list, f);
        return v[v.length - 1];
    }

    private static double median(List<ForkScore> list, Field f) {
        double[] v = sorted(list, f);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}

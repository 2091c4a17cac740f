package org.advmusic.bench.svm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.advmusic.nn.svm.SvcModel;
import org.advmusic.nn.svm.SvcParameters;
import org.advmusic.nn.svm.SvcTrainer;

/**
 * SVC training time beside scikit-learn's on the same data in the same run: a synthetic IRMAS-sized
 * set (6,705 x 25 standardised features, 11 overlapping Gaussian classes, fixed seed), fitted with
 * C = 10.78, gamma = 0.1 by advmusic on 2 threads (one warm-up fit, then the median of
 * {@code repeats}) and by scikit-learn's {@code SVC.fit} ({@code bench/sklearn/svc_fit_sklearn.py},
 * run with {@code /usr/bin/python3} or the interpreter given as the first argument; median of the
 * same number of fits). Prints both medians, the ratio and the machine load.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.advmusic.bench.svm.SvcFitComparison [python] [repeats] [threads]
 * </pre>
 */
public final class SvcFitComparison {
    static final int SAMPLES = 6705;
    static final int FEATURES = 25;
    static final int CLASSES = 11;
    static final double C = 10.78;
    static final double GAMMA = 0.1;

    private SvcFitComparison() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String python = args.length > 0 ? args[0] : "/usr/bin/python3";
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        double[][] x = new double[SAMPLES][];
        int[] y = new int[SAMPLES];
        synthetic(x, y, 4L);
        System.out.printf("SVC fit, %d x %d standardised features, %d classes, C %.2f, gamma %.1f; load before: %s%n",
                SAMPLES, FEATURES, CLASSES, C, GAMMA, load());

        SvcParameters parameters = SvcParameters.of(C, GAMMA).withThreads(threads);
        SvcModel warm = SvcTrainer.fit(x, y, parameters);
        double[] javaSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            SvcTrainer.fit(x, y, parameters);
            javaSeconds[r] = (System.nanoTime() - start) / 1e9;
        }
        double javaMedian = median(javaSeconds);
        System.out.printf("advmusic SvcTrainer.fit, %d threads: median %.3f s of %s, %d support vectors%n", threads,
                javaMedian, Arrays.toString(javaSeconds), warm.supportVectors().length);

        Path csv = Files.createTempFile("advmusic-svc-bench", ".csv");
        try {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
                for (int r = 0; r < SAMPLES; r++) {
                    StringBuilder line = new StringBuilder().append(y[r]);
                    for (double v : x[r]) {
                        line.append(',').append(v);
                    }
                    out.println(line);
                }
            }
            List<Double> sklearn = runScikitLearn(python, csv, repeats);
            if (sklearn.isEmpty()) {
                return;
            }
            double sklearnMedian = median(sklearn.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf("scikit-learn SVC.fit (one thread, libsvm): median %.3f s of %s%n", sklearnMedian, sklearn);
            System.out.printf("ratio advmusic / scikit-learn: %.2f (target <= 1.5); load after: %s%n",
                    javaMedian / sklearnMedian, load());
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** 11 Gaussian clusters (centres ~ N(0, 1), spread 1.1) in random order, then z-scored per feature. */
    static void synthetic(double[][] x, int[] y, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[CLASSES][FEATURES];
        for (double[] centre : centres) {
            for (int f = 0; f < FEATURES; f++) {
                centre[f] = gaussian(random);
            }
        }
        for (int r = 0; r < x.length; r++) {
            y[r] = random.nextInt(CLASSES);
            x[r] = new double[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                x[r][f] = centres[y[r]][f] + 1.1 * gaussian(random);
            }
        }
        for (int f = 0; f < FEATURES; f++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[f] / x.length;
            }
            double variance = 0;
            for (double[] row : x) {
                variance += (row[f] - mean) * (row[f] - mean) / x.length;
            }
            double std = Math.sqrt(variance);
            for (double[] row : x) {
                row[f] = (row[f] - mean) / std;
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static List<Double> runScikitLearn(String python, Path csv, int repeats) throws IOException, InterruptedException {
        Path script = Path.of("bench", "sklearn", "svc_fit_sklearn.py");
        if (!Files.exists(script)) {
            System.out.println("scikit-learn comparison skipped: run from the repository root (" + script + " not found)");
            return List.of();
        }
        Process process = new ProcessBuilder(python, script.toString(), csv.toString(), Double.toString(C),
                Double.toString(GAMMA), Integer.toString(repeats)).redirectErrorStream(true).start();
        List<Double> seconds = new ArrayList<>();
        List<String> other = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("fit_seconds ")) {
                    seconds.add(Double.parseDouble(line.split(" ")[1]));
                    System.out.println("  scikit-learn " + line);
                } else {
                    other.add(line);
                }
            }
        }
        if (process.waitFor() != 0 || seconds.isEmpty()) {
            System.out.println("scikit-learn comparison failed (" + python + " with scikit-learn needed): "
                    + String.join(" | ", other));
            return List.of();
        }
        return seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

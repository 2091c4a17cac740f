package org.advmusic.audio.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.advmusic.audio.Parallel;
import org.advmusic.audio.dsp.Resampler;
import org.advmusic.audio.features.InstrumentFeatures;
import org.advmusic.audio.io.DecodedAudio;
import org.advmusic.audio.io.WavReader;

/**
 * IRMAS as seed 004 uses it: one row of the 25 {@link InstrumentFeatures} per file, computed at a
 * chosen sample rate (44.1 kHz in the instrument configs) after mixing the channels down.
 *
 * <p>Training set: {@code <root>/<cel|cla|flu|gac|gel|org|pia|sax|tru|vio|voi>/*.wav}, 3 s stereo
 * excerpts, one label each (the folder). Test set: {@code <root>/**}{@code /NAME.wav} with
 * {@code NAME.txt} beside it listing the predominant instruments, one code per line: multi-label
 * and of variable length (5-20 s); a single-label prediction counts as correct when it is one of
 * the listed instruments.
 *
 * <p>Bad files are reported by path and reason in the {@link LoadReport} and left out; the rest is
 * used: unreadable WAVs, training files that are mono or not 3 s long, test files without their
 * {@code .txt} or whose {@code .txt} names an unknown instrument, and files whose features are not
 * finite.
 *
 * @param features     (N, 25) raw (unstandardised) features
 * @param labels       (N) the training label, or the first listed instrument of a test file
 * @param labelSets    (N) every annotated instrument (one for training files)
 * @param sources      (N) each file's path relative to the root
 * @param classNames   the instrument codes, in label order
 * @param featureNames the 25 feature names
 */
public record IrmasFeatureSet(double[][] features, int[] labels, int[][] labelSets, String[] sources,
                              List<String> classNames, List<String> featureNames) {
    /** The IRMAS instrument codes, in label order. */
    public static final List<String> CLASSES = List.of("cel", "cla", "flu", "gac", "gel", "org", "pia", "sax", "tru",
            "vio", "voi");
    /** IRMAS training excerpts last 3 s; files within this tolerance pass. */
    private static final double EXCERPT_SECONDS = 3.0;
    private static final double LENGTH_TOLERANCE_SECONDS = 0.05;

    /** The number of files. */
    public int size() {
        return labels.length;
    }

    /** Whether {@code predicted} is among file {@code row}'s annotated instruments. */
    public boolean correct(int row, int predicted) {
        for (int label : labelSets[row]) {
            if (label == predicted) {
                return true;
            }
        }
        return false;
    }

    /**
     * Loads the training set under {@code root} (a folder of instrument folders).
     *
     * @throws IOException only when {@code root} has none of the instrument folders
     */
    public static LoadResult<IrmasFeatureSet> loadTraining(Path root, int sampleRate, int threads) throws IOException {
        LoadReport report = new LoadReport();
        List<Path> files = new ArrayList<>();
        List<int[]> labelSets = new ArrayList<>();
        boolean any = false;
        for (int c = 0; c < CLASSES.size(); c++) {
            Path folder = root.resolve(CLASSES.get(c));
            if (!Files.isDirectory(folder)) {
                report.problem(folder, "missing instrument folder; class '" + CLASSES.get(c) + "' has no files");
                continue;
            }
            any = true;
            for (Path file : wavFiles(folder)) {
                files.add(file);
                labelSets.add(new int[] {c});
            }
        }
        if (!any) {
            throw new IOException(root + ": no IRMAS instrument folder (" + String.join(", ", CLASSES) + ") found");
        }
        return load(root, files, labelSets, sampleRate, threads, report, true);
    }

    /**
     * Loads the test set: every WAV under {@code root} (e.g. {@code IRMAS-TestingData-Part1..3})
     * with its {@code .txt} of instruments.
     */
    public static LoadResult<IrmasFeatureSet> loadTest(Path root, int sampleRate, int threads) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a folder (expected the IRMAS test data)");
        }
        LoadReport report = new LoadReport();
        List<Path> files = new ArrayList<>();
        List<int[]> labelSets = new ArrayList<>();
        for (Path file : wavFiles(root)) {
            Path annotation = file.resolveSibling(file.getFileName().toString().replaceFirst("(?i)\\.wav$", ".txt"));
            if (!Files.isRegularFile(annotation)) {
                report.problem(file, "no annotation " + annotation.getFileName() + " beside it; file left out");
                continue;
            }
            Set<Integer> labels = new LinkedHashSet<>();
            String unknown = null;
            for (String line : Files.readAllLines(annotation, StandardCharsets.UTF_8)) {
                String code = line.trim().toLowerCase(Locale.ROOT);
                if (code.isEmpty()) {
                    continue;
                }
                int label = CLASSES.indexOf(code);
                if (label < 0) {
                    unknown = code;
                    break;
                }
                labels.add(label);
            }
            if (unknown != null || labels.isEmpty()) {
                report.problem(annotation, (unknown != null ? "unknown instrument '" + unknown + "'" : "no instrument")
                        + "; expected codes from " + CLASSES + "; file left out");
                continue;
            }
            files.add(file);
            labelSets.add(labels.stream().mapToInt(Integer::intValue).toArray());
        }
        return load(root, files, labelSets, sampleRate, threads, report, false);
    }

    private static List<Path> wavFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .endsWith(".wav")).sorted().toList();
        }
    }

    private record Row(double[] features, String problem) {
    }

    private static LoadResult<IrmasFeatureSet> load(Path root, List<Path> files, List<int[]> labelSets, int sampleRate,
                                                    int threads, LoadReport report, boolean training) {
        ThreadLocal<InstrumentFeatures> extractors = ThreadLocal.withInitial(() -> new InstrumentFeatures(sampleRate));
        List<Row> rows = Parallel.map(files, threads, file -> {
            try {
                DecodedAudio audio = WavReader.read(file);
                if (training && audio.channels().length < 2) {
                    return new Row(null, "mono file; IRMAS training excerpts are stereo");
                }
                if (training && Math.abs(audio.seconds() - EXCERPT_SECONDS) > LENGTH_TOLERANCE_SECONDS) {
                    return new Row(null, String.format(Locale.ROOT, "lasts %.3f s; IRMAS training excerpts last %.1f s",
                            audio.seconds(), EXCERPT_SECONDS));
                }
                float[] mono = Resampler.resample(audio.mixDown(), audio.sampleRate(), sampleRate);
                double[] features = extractors.get().compute(mono);
                for (int f = 0; f < features.length; f++) {
                    if (!Double.isFinite(features[f])) {
                        return new Row(null, "feature " + InstrumentFeatures.featureNames().get(f) + " is " + features[f]
                                + " (silent or broken audio?)");
                    }
                }
                return new Row(features, null);
            } catch (IOException | RuntimeException e) {
                return new Row(null, "unreadable: " + e.getMessage());
            }
        });
        List<double[]> features = new ArrayList<>();
        List<int[]> kept = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (rows.get(i).problem() != null) {
                report.problem(files.get(i), rows.get(i).problem() + "; file left out");
                continue;
            }
            features.add(rows.get(i).features());
            kept.add(labelSets.get(i));
            sources.add(root.relativize(files.get(i)).toString().replace('\\', '/'));
        }
        int[] labels = kept.stream().mapToInt(set -> set[0]).toArray();
        return new LoadResult<>(new IrmasFeatureSet(features.toArray(new double[0][]), labels,
                kept.toArray(new int[0][]), sources.toArray(new String[0]), CLASSES, InstrumentFeatures.featureNames()),
                report);
    }
}

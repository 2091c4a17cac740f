package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.InputBox;
import org.advmusic.audio.data.ClassFolderLoader;
import org.advmusic.audio.data.GtzanFeaturesCsv;
import org.advmusic.audio.data.IrmasLoader;
import org.advmusic.audio.data.LabeledDataset;
import org.advmusic.audio.data.LoadReport;
import org.advmusic.audio.data.LoadResult;
import org.advmusic.audio.data.MsdGenreTable;
import org.advmusic.audio.data.SegmentDataset;
import org.advmusic.audio.data.TabularDataset;
import org.advmusic.audio.data.TrackSplit;
import org.advmusic.audio.dsp.DecibelMapping;
import org.advmusic.audio.features.InputScale;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.audio.features.SpectrogramPreprocessing;
import org.advmusic.audio.synth.SyntheticGenreSettings;
import org.advmusic.audio.synth.SyntheticGenres;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.RunMetrics;
import org.advmusic.nn.checkpoint.InputNormalization;
import org.advmusic.nn.train.LabeledData;

/**
 * Prepares the configured data set: generates the synthetic genres when asked (once: an existing
 * identical set is reused), loads any supported layout (problems are reported, never fatal), splits
 * per track, and puts the three splits on the run's backend.
 */
public final class DataStage {
    private DataStage() {
    }

    /** Generates the synthetic set if the source is synthetic; returns the folder to load. */
    public static Path ensureSynthetic(ExperimentConfig.DataConfig d) {
        Path root = Path.of(d.path());
        if (!d.source().equals("synthetic")) {
            return root;
        }
        ExperimentConfig.SyntheticConfig s = d.synthetic();
        SyntheticGenreSettings settings = SyntheticGenreSettings.defaults(s.seed()).withSize(s.tracksPerGenre(), s.seconds());
        if (s.soundfont() != null) {
            settings = settings.withSoundFont(Path.of(s.soundfont()));
        }
        long start = System.nanoTime();
        try {
            SyntheticGenres.generate(root, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("synthetic genre set cannot be written to " + root + ": " + e.getMessage(), e);
        }
        System.out.printf("synthetic genre set: %d genres x %d tracks x %.0f s in %s (%.1f s)%n", settings.genres().size(),
                s.tracksPerGenre(), s.seconds(), root, (System.nanoTime() - start) / 1e9);
        return root;
    }

    /** The prepared data and its {@code metrics.json} section. */
    public record Prepared(PreparedData data, RunMetrics.DataInfo info) {
    }

    /**
     * Loads, splits and uploads the data of {@code d}: spectrograms, or tabular features when the data
     * has no audio or {@code model} is an Mlp.
     */
    public static Prepared prepare(ExperimentConfig.DataConfig d, ExperimentConfig.ModelConfig model, Backend backend) {
        long start = System.nanoTime();
        Path root = ensureSynthetic(d);
        if (!Files.exists(root)) {
            throw new IllegalArgumentException("data.path " + root.toAbsolutePath() + " does not exist (source " + d.source()
                    + "); see README for where to put the data set");
        }
        requireKind(root, d);
        PreparedData prepared;
        LoadReport report;
        boolean features = !d.spectrograms() || model.architecture().equals("Mlp");
        if (features && !d.preprocessing().equals(SpectrogramPreprocessing.FIXED_DECIBELS.configName())) {
            throw new IllegalArgumentException("data.preprocessing " + d.preprocessing() + " applies to spectrogram inputs;"
                    + " this run uses tabular features (source " + d.source() + ", model " + model.architecture()
                    + "), which are min-max scaled on the training split");
        }
        try {
            if (!features) {
                ClassFolderLoader loader = segmentLoader(d);
                LoadResult<SegmentDataset> loaded = d.source().equals("irmas")
                        ? mapResult(IrmasLoader.load(root, loader)) : loader.loadSegments(root);
                report = loaded.report();
                prepared = spectrogramSplits(loaded.data(), d, backend, report);
            } else {
                LoadResult<TabularDataset> loaded = switch (d.source()) {
                    case "msd" -> mapTracks(MsdGenreTable.load(root));
                    case "gtzan-features" -> GtzanFeaturesCsv.load(root);
                    case "irmas" -> throw new IllegalArgumentException("model.architecture Mlp needs tabular features;"
                            + " IRMAS gives spectrogram excerpts only (use GenreCnn or ResNet18)");
                    default -> segmentLoader(d).loadTabular(root, d.featuresPerSegment()); // features computed from audio
                };
                report = loaded.report();
                prepared = tabularSplits(loaded.data(), d, backend, report);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("data set " + root + " cannot be read: " + e.getMessage(), e);
        }
        if (!report.clean() || !report.resamplings().isEmpty()) {
            System.out.println(report);
        }
        requireNonEmpty("train", prepared.train(), d);
        requireNonEmpty("validation", prepared.validation(), d);
        requireNonEmpty("test", prepared.test(), d);
        return new Prepared(prepared, info(d, prepared, report, (System.nanoTime() - start) / 1e9));
    }

    /** How the run's loader segments a track: 3 s segments, at most {@code data.max_segments_per_track}. */
    public static SegmentSettings segmentSettings(ExperimentConfig.DataConfig d) {
        SegmentSettings defaults = SegmentSettings.defaults();
        return new SegmentSettings(defaults.segmentSamples(), d.maxSegmentsPerTrack(), defaults.reference(),
                defaults.mapping());
    }

    private static ClassFolderLoader segmentLoader(ExperimentConfig.DataConfig d) {
        ClassFolderLoader loader = ClassFolderLoader.defaults().withSegments(segmentSettings(d));
        return d.cache() == null ? loader : loader.withCache(Path.of(d.cache()));
    }

    private static LoadResult<SegmentDataset> mapResult(LoadResult<IrmasLoader.Excerpts> excerpts) {
        return new LoadResult<>(excerpts.data().segments(), excerpts.report());
    }

    private static LoadResult<TabularDataset> mapTracks(LoadResult<MsdGenreTable.Tracks> tracks) {
        return new LoadResult<>(tracks.data().data(), tracks.report());
    }

    /** A file source (a CSV or table) needs a file, a folder source a folder; the message names the field and what is expected. */
    private static void requireKind(Path root, ExperimentConfig.DataConfig d) {
        boolean fileSource = d.source().equals("gtzan-features") || d.source().equals("msd");
        if (fileSource && Files.isDirectory(root)) {
            throw new IllegalArgumentException("data.path " + root + " is a folder; source " + d.source() + " expects the "
                    + (d.source().equals("msd") ? "table file msd_genre_dataset.txt" : "CSV file features_3_sec.csv or features_30_sec.csv")
                    + " itself");
        }
        if (!fileSource && !Files.isDirectory(root)) {
            throw new IllegalArgumentException("data.path " + root + " is a file; source " + d.source()
                    + " expects a folder of class folders (<class>/<track>.wav)");
        }
    }

    private static TrackSplit split(LabeledDataset<?> data, ExperimentConfig.DataConfig d, LoadReport report) throws IOException {
        ExperimentConfig.SplitConfig s = d.split();
        TrackSplit split;
        if (s.trainList() != null) {
            Map<String, String> lists = new java.util.LinkedHashMap<>();
            lists.put("data.split.train_list", s.trainList());
            lists.put("data.split.validation_list", s.validationList());
            lists.put("data.split.test_list", s.testList());
            lists.forEach((field, file) -> {
                if (!Files.isRegularFile(Path.of(file))) {
                    throw new IllegalArgumentException("config field '" + field + "' is '" + file + "': no such file"
                            + " (expected a split list: one track path per line, e.g. blues/blues.00012.au)");
                }
            });
            split = TrackSplit.fromLists(data, Path.of(s.trainList()), Path.of(s.validationList()), Path.of(s.testList()), report);
        } else {
            split = TrackSplit.stratified(data, s.train(), s.validation(), s.seed());
        }
        reportAbsentClasses(data, split, report, Path.of(d.path()));
        return split;
    }

    /** A class with tracks but none in validation or test is reported: its test figures will read "no samples". */
    private static void reportAbsentClasses(LabeledDataset<?> data, TrackSplit split, LoadReport report, Path root) {
        int[] all = data.classCounts();
        int[] validation = data.selectTracks(split.validation()).classCounts();
        int[] test = data.selectTracks(split.test()).classCounts();
        for (int c = 0; c < all.length; c++) {
            if (all[c] > 0 && (validation[c] == 0 || test[c] == 0)) {
                report.problem(root, "class '" + data.classNames().get(c) + "' has no track in "
                        + (validation[c] == 0 && test[c] == 0 ? "validation and test" : validation[c] == 0 ? "validation" : "test")
                        + " (too few tracks to split: give it at least 3); its test figures read \"no samples\"");
            }
        }
    }

    private static PreparedData spectrogramSplits(SegmentDataset data, ExperimentConfig.DataConfig d, Backend backend,
                                                  LoadReport report) throws IOException {
        requireSamples(data, d);
        TrackSplit split = split(data, d, report);
        DecibelMapping mapping = data.decibelMapping();
        SpectrogramPreprocessing preprocessing = SpectrogramPreprocessing.parse(d.preprocessing());
        SegmentDataset train = data.selectTracks(split.train());
        SegmentDataset validation = data.selectTracks(split.validation());
        SegmentDataset test = data.selectTracks(split.test());
        int size = Shape.of(data.sampleShape()).size();
        float[] trainScales = preprocessing.applyInPlace(train.data(), size, mapping); // each split is its own copy
        preprocessing.applyInPlace(validation.data(), size, mapping);
        preprocessing.applyInPlace(test.data(), size, mapping);
        InputScale scale = preprocessing.scale(train.data(), trainScales, mapping);
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("min_db", mapping.minDecibels());
        parameters.put("max_db", mapping.maxDecibels());
        parameters.put("preprocessing", preprocessing.configName());
        parameters.put("box", List.of(scale.lower(), scale.upper()));
        InputNormalization normalization = new InputNormalization("log-mel power in dB relative to the track maximum,"
                + " mapped from a fixed range to [0, 1] and clipped, then " + preprocessing.configName() + "; " + scale.describe(),
                parameters);
        InputBox box = new InputBox(scale.lower(), scale.upper()).withUnit(scale.exact() ? scale.unit()
                : scale.unit() + String.format(java.util.Locale.ROOT, ", median %.3g dB", scale.decibelsPerUnit()));
        if (preprocessing != SpectrogramPreprocessing.FIXED_DECIBELS) {
            System.out.println("data: " + preprocessing.configName() + " inputs, " + scale.describe());
        }
        return new PreparedData(d.source(), data.classNames(), Shape.of(data.sampleShape()), segments(train, backend),
                segments(validation, backend), segments(test, backend), box,
                scale.exact() ? scale.decibelsPerUnit() : Double.NaN, normalization);
    }

    private static PreparedData tabularSplits(TabularDataset data, ExperimentConfig.DataConfig d, Backend backend,
                                              LoadReport report) throws IOException {
        requireSamples(data, d);
        TrackSplit split = split(data, d, report);
        TabularDataset train = data.selectTracks(split.train());
        MinMaxScaling scaling = MinMaxScaling.fit(train);
        return new PreparedData(d.source(), data.classNames(), Shape.of(data.sampleShape()),
                splitOf(scaling.apply(train), backend), splitOf(scaling.apply(data.selectTracks(split.validation())), backend),
                splitOf(scaling.apply(data.selectTracks(split.test())), backend), InputBox.UNIT, Double.NaN,
                scaling.normalization());
    }

    private static void requireNonEmpty(String name, PreparedData.Split split, ExperimentConfig.DataConfig d) {
        if (split.data() == null) {
            throw new IllegalArgumentException("the " + name + " split of " + d.path() + " has no samples; use more tracks"
                    + " per class (at least 3) or other data.split fractions");
        }
    }

    private static void requireSamples(LabeledDataset<?> data, ExperimentConfig.DataConfig d) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("data set " + d.path() + " (source " + d.source() + ") has no usable samples");
        }
    }

    private static PreparedData.Split splitOf(LabeledDataset<?> part, Backend backend) {
        if (part.size() == 0) {
            return new PreparedData.Split(null, part.trackIds(), 0, null);
        }
        return new PreparedData.Split(new LabeledData(part.toTensor(backend), part.labels()), part.trackIds(),
                new HashSet<>(List.of(part.trackIds())).size(), null);
    }

    private static PreparedData.Split segments(SegmentDataset part, Backend backend) {
        if (part.size() == 0) {
            return splitOf(part, backend);
        }
        PreparedData.SegmentOrigins origins = new PreparedData.SegmentOrigins(Path.of(part.root()), part.sources(),
                part.segmentIndices(), part.segmentSettings().segmentSamples(), part.frontEnd());
        return new PreparedData.Split(new LabeledData(part.toTensor(backend), part.labels()), part.trackIds(),
                new HashSet<>(List.of(part.trackIds())).size(), origins);
    }

    private static RunMetrics.DataInfo info(ExperimentConfig.DataConfig d, PreparedData p, LoadReport report, double seconds) {
        Map<String, Long> tracks = new java.util.LinkedHashMap<>();
        Map<String, Long> segments = new java.util.LinkedHashMap<>();
        List<PreparedData.Split> splits = List.of(p.train(), p.validation(), p.test());
        List<String> names = List.of("train", "validation", "test");
        for (int k = 0; k < splits.size(); k++) {
            tracks.put(names.get(k), (long) splits.get(k).tracks());
            segments.put(names.get(k), (long) splits.get(k).data().size());
        }
        RunMetrics.DecibelMapping mapping = Double.isNaN(p.decibelsPerUnit()) ? null
                : new RunMetrics.DecibelMapping(-p.decibelsPerUnit(), 0.0, p.decibelsPerUnit());
        List<RunMetrics.Problem> problems = report.problems().stream()
                .map(e -> new RunMetrics.Problem(String.valueOf(e.path()), e.message())).toList();
        List<RunMetrics.Resampled> resampled = report.resamplings().stream()
                .map(r -> new RunMetrics.Resampled(r.fromHz(), r.toHz(), r.files(),
                        r.examples().stream().map(String::valueOf).toList())).toList();
        List<Integer> shape = java.util.Arrays.stream(p.inputShape().dims()).boxed().toList();
        return new RunMetrics.DataInfo(d.source(), d.path(), p.classes(), shape, tracks, segments, mapping, problems,
                resampled, seconds);
    }
}

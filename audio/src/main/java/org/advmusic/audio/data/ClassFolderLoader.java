package org.advmusic.audio.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.advmusic.audio.Parallel;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.LogMelSegmenter;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.audio.features.SegmentedTrack;
import org.advmusic.audio.features.TabularFeatures;
import org.advmusic.audio.io.AudioFileException;
import org.advmusic.audio.io.WavReader;

/**
 * Loads a folder-per-class tree of WAV files, such as GTZAN's {@code genres_original/<genre>/<genre>.000NN.wav}
 * (a GTZAN download root holding {@code genres_original} or {@code Data/genres_original} is found
 * too), as log-mel segments or tabular features. Files of any PCM/float encoding, channel count and
 * rate are mixed down and resampled to the front end's rate (the report counts the files resampled from
 * each rate, with examples). Tracks are processed in parallel (one
 * FFT plan per thread). Unreadable files (GTZAN's {@code jazz.00054.wav} is not RIFF), files shorter
 * than one segment, stray files and empty class folders are reported, never fatal; a track shorter
 * than the full count of segments gives fewer and is noted. With a cache folder, results are kept
 * per source file ({@link FeatureCache}). Immutable; the {@code with...} methods return copies.
 */
public final class ClassFolderLoader {
    private final FrontEndSettings frontEnd;
    private final SegmentSettings segments;
    private final Path cacheDirectory;
    private final int threads;
    private final UnaryOperator<String> trackIdOfSource;

    /** Loads with these settings, no cache, on all processors, track id = relative path. */
    public ClassFolderLoader(FrontEndSettings frontEnd, SegmentSettings segments) {
        this(frontEnd, segments, null, Parallel.defaultThreads(), UnaryOperator.identity());
    }

    private ClassFolderLoader(FrontEndSettings frontEnd, SegmentSettings segments, Path cacheDirectory, int threads,
                              UnaryOperator<String> trackIdOfSource) {
        if (threads <= 0) {
            throw new IllegalArgumentException("thread count must be positive, got " + threads);
        }
        this.frontEnd = frontEnd;
        this.segments = segments;
        this.cacheDirectory = cacheDirectory;
        this.threads = threads;
        this.trackIdOfSource = trackIdOfSource;
    }

    /** librosa's front end, 10 x 3 s segments, [-80, 0] dB -> [0, 1]. */
    public static ClassFolderLoader defaults() {
        return new ClassFolderLoader(FrontEndSettings.librosaDefaults(), SegmentSettings.defaults());
    }

    /** A copy that caches features under {@code directory} (null: no cache). */
    public ClassFolderLoader withCache(Path directory) {
        return new ClassFolderLoader(frontEnd, segments, directory, threads, trackIdOfSource);
    }

    /** A copy that uses {@code count} threads. */
    public ClassFolderLoader withThreads(int count) {
        return new ClassFolderLoader(frontEnd, segments, cacheDirectory, count, trackIdOfSource);
    }

    /** A copy with other segment settings. */
    public ClassFolderLoader withSegments(SegmentSettings settings) {
        return new ClassFolderLoader(frontEnd, settings, cacheDirectory, threads, trackIdOfSource);
    }

    /** The segment settings. */
    public SegmentSettings segments() {
        return segments;
    }

    /**
     * A copy that names tracks by {@code naming} applied to the source's relative path
     * ({@code class/file.wav}), e.g. to group several excerpts of one recording.
     */
    public ClassFolderLoader withTrackIds(UnaryOperator<String> naming) {
        return new ClassFolderLoader(frontEnd, segments, cacheDirectory, threads, naming);
    }

    /** The folder holding the class folders: {@code root/genres_original}, {@code root/Data/genres_original} or root. */
    public static Path classRoot(Path root) {
        for (Path candidate : List.of(root.resolve("genres_original"), root.resolve("Data").resolve("genres_original"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return root;
    }

    /**
     * Log-mel model inputs, up to {@code maxSegmentsPerTrack} per track.
     *
     * @throws IOException only when {@code root} is not a folder of class folders
     */
    public LoadResult<SegmentDataset> loadSegments(Path root) throws IOException {
        LoadReport report = new LoadReport();
        ClassFolders tree = ClassFolders.scan(classRoot(root), report);
        ThreadLocal<LogMelSegmenter> segmenters = ThreadLocal.withInitial(() -> new LogMelSegmenter(frontEnd, segments));
        List<TrackArrays> loaded = process(tree, "log-mel segments", report, true, segments::segmentCount, samples -> {
            LogMelSegmenter segmenter = segmenters.get();
            SegmentedTrack track = segmenter.segment(samples);
            int[] shape = {track.segments(), segmenter.melBands(), segmenter.frames()};
            return Map.of("inputs", new FeatureCache.Array(shape, track.inputs()),
                    "referenceDecibels", new FeatureCache.Array(new int[] {track.segments()}, track.referenceDecibels()));
        });
        int melBands = frontEnd.melBands();
        int frames = frontEnd.frames(segments.segmentSamples());
        int n = loaded.stream().mapToInt(TrackArrays::count).sum();
        float[] data = new float[n * melBands * frames];
        float[] references = new float[n];
        SampleTable table = new SampleTable(n);
        for (TrackArrays t : loaded) {
            float[] inputs = t.arrays().get("inputs").values();
            System.arraycopy(inputs, 0, data, table.next * melBands * frames, inputs.length);
            System.arraycopy(t.arrays().get("referenceDecibels").values(), 0, references, table.next, t.count());
            table.add(t);
        }
        return new LoadResult<>(new SegmentDataset(data, melBands, frames, table.labels, table.trackIds,
                table.sources, table.segmentIndices, references, tree.classNames(), frontEnd, segments,
                tree.root().toString()), report);
    }

    /**
     * GTZAN-style tabular features ({@link TabularFeatures}): one row per segment (as
     * {@code features_3_sec.csv}) or one per whole track (as {@code features_30_sec.csv}).
     */
    public LoadResult<TabularDataset> loadTabular(Path root, boolean perSegment) throws IOException {
        LoadReport report = new LoadReport();
        ClassFolders tree = ClassFolders.scan(classRoot(root), report);
        ThreadLocal<TabularFeatures> extractors = ThreadLocal.withInitial(() -> new TabularFeatures(frontEnd));
        int width = TabularFeatures.featureNames().size();
        Function<Integer, Integer> rows = perSegment ? segments::segmentCount : samples -> samples > 0 ? 1 : 0;
        String kind = perSegment ? "tabular per segment" : "tabular per track";
        List<TrackArrays> loaded = process(tree, kind, report, perSegment, rows,
                samples -> {
                    int count = rows.apply(samples.length);
                    int length = perSegment ? segments.segmentSamples() : samples.length;
                    float[] values = new float[count * width];
                    for (int s = 0; s < count; s++) {
                        float[] clip = Arrays.copyOfRange(samples, s * length, (s + 1) * length);
                        System.arraycopy(extractors.get().compute(clip), 0, values, s * width, width);
                    }
                    return Map.of("features", new FeatureCache.Array(new int[] {count, width}, values));
                });
        int n = loaded.stream().mapToInt(TrackArrays::count).sum();
        float[] data = new float[n * width];
        SampleTable table = new SampleTable(n);
        for (TrackArrays t : loaded) {
            float[] values = t.arrays().get("features").values();
            System.arraycopy(values, 0, data, table.next * width, values.length);
            table.add(t);
        }
        return new LoadResult<>(new TabularDataset(data, TabularFeatures.featureNames(), table.labels,
                table.trackIds, table.segmentIndices, tree.classNames()), report);
    }

    /** One loaded track: its rows (segments) and arrays. */
    private record TrackArrays(ClassFolders.Track track, int count, Map<String, FeatureCache.Array> arrays) {
    }

    /** Fills the per-sample arrays track by track. */
    private final class SampleTable {
        final int[] labels;
        final String[] trackIds;
        final String[] sources;
        final int[] segmentIndices;
        int next;

        SampleTable(int n) {
            labels = new int[n];
            trackIds = new String[n];
            sources = new String[n];
            segmentIndices = new int[n];
        }

        void add(TrackArrays t) {
            for (int s = 0; s < t.count(); s++, next++) {
                labels[next] = t.track().label();
                sources[next] = t.track().relativePath();
                trackIds[next] = trackIdOfSource.apply(t.track().relativePath());
                segmentIndices[next] = s;
            }
        }
    }

    /**
     * Reads, checks and featurises every track (cached where possible), in parallel; skipped tracks are
     * reported and absent from the result.
     *
     * @param segmented     whether rows are segments (a short track then gets a note)
     * @param rowsForLength rows a track of that many samples gives
     * @param featurise     mono samples -> named arrays whose first dimension is the row count
     */
    private List<TrackArrays> process(ClassFolders tree, String kind, LoadReport report, boolean segmented,
                                      Function<Integer, Integer> rowsForLength,
                                      Function<float[], Map<String, FeatureCache.Array>> featurise) {
        FeatureCache cache = cacheDirectory == null ? null
                : new FeatureCache(cacheDirectory, "advmusic feature cache v1; " + kind + "; " + frontEnd + "; " + segments
                        + (kind.startsWith("tabular") ? "; " + TabularFeatures.featureNames() : ""));
        List<Optional<TrackArrays>> results = Parallel.map(tree.tracks(), threads, track -> {
            Optional<Map<String, FeatureCache.Array>> cached = cache == null ? Optional.empty() : cache.lookup(track.file());
            if (cached.isPresent()) {
                try {
                    report.resampled(track.file(), WavReader.sampleRate(track.file()), frontEnd.sampleRate());
                } catch (IOException e) {
                    report.note(track.file(), "cached features used; the header cannot be read again: " + e.getMessage());
                }
                return Optional.of(new TrackArrays(track, cached.get().values().iterator().next().shape()[0], cached.get()));
            }
            float[] samples;
            try {
                WavReader.Mono mono = WavReader.readMonoAt(track.file(), frontEnd.sampleRate());
                report.resampled(track.file(), mono.fileRate(), frontEnd.sampleRate());
                samples = mono.samples();
            } catch (AudioFileException e) {
                report.problem(track.file(), e.reason());
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                report.problem(track.file(), "cannot read: " + e);
                return Optional.empty();
            }
            int rows = rowsForLength.apply(samples.length);
            double seconds = samples.length / (double) frontEnd.sampleRate();
            if (rows == 0) {
                report.problem(track.file(), String.format(Locale.ROOT, "%.2f s is shorter than one %.2f s segment; skipped",
                        seconds, segments.segmentSamples() / (double) frontEnd.sampleRate()));
                return Optional.empty();
            }
            if (segmented && rows < segments.maxSegmentsPerTrack()) {
                report.note(track.file(), String.format(Locale.ROOT, "%.2f s long: %d of %d segments", seconds, rows,
                        segments.maxSegmentsPerTrack()));
            }
            Map<String, FeatureCache.Array> arrays = featurise.apply(samples);
            if (cache != null) {
                try {
                    cache.store(track.file(), arrays);
                } catch (IOException e) {
                    report.note(track.file(), "features not cached: " + e.getMessage());
                }
            }
            return Optional.of(new TrackArrays(track, rows, arrays));
        });
        if (cache != null) {
            try {
                cache.save();
            } catch (IOException e) {
                report.note(cache.folder(), "cache manifest not written: " + e.getMessage());
            }
        }
        List<TrackArrays> loaded = new ArrayList<>();
        results.forEach(r -> r.ifPresent(loaded::add));
        return loaded;
    }
}

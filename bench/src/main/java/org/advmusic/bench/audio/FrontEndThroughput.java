package org.advmusic.bench.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.advmusic.audio.Parallel;
import org.advmusic.audio.data.ClassFolderLoader;
import org.advmusic.audio.data.LoadResult;
import org.advmusic.audio.data.SegmentDataset;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.LogMelSegmenter;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.audio.synth.SyntheticGenreSettings;
import org.advmusic.audio.synth.SyntheticGenres;

/**
 * Prints (1) the log-mel front end's real-time factor on one core for a 30 s track (median of
 * repeated runs after warm-up), and (2) the wall time to generate the default synthetic set
 * (10 genres x 30 tracks x 30 s) and to featurise it into model inputs, on the given number of
 * threads. Usage: {@code FrontEndThroughput [threads] [folder]}; without a folder a temporary one is
 * used and deleted.
 */
public final class FrontEndThroughput {
    private static final int RUNS = 30;

    private FrontEndThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Parallel.defaultThreads();
        Path folder = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("advmusic-synthetic");
        try {
            realTimeFactor();
            syntheticSet(folder, threads);
        } finally {
            if (args.length <= 1) {
                deleteRecursively(folder);
            }
        }
    }

    private static void realTimeFactor() throws IOException {
        float[] track = SyntheticGenres.render("rock", 0, SyntheticGenreSettings.defaults(1));
        double seconds = track.length / 22050.0;
        LogMelSegmenter segmenter = new LogMelSegmenter(FrontEndSettings.librosaDefaults(), SegmentSettings.defaults());
        for (int i = 0; i < RUNS; i++) {
            segmenter.segment(track); // warm-up: JIT compilation
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            segmenter.segment(track);
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        java.util.Arrays.sort(times);
        double median = times[RUNS / 2];
        System.out.printf(Locale.ROOT, "log-mel front end, one core: %.1f ms per %.0f s track (10 x 128 x 130), "
                        + "real-time factor %.0f (target >= 300); fastest %.1f ms%n",
                median * 1e3, seconds, seconds / median, times[0] * 1e3);
    }

    private static void syntheticSet(Path folder, int threads) throws IOException {
        SyntheticGenreSettings settings = SyntheticGenreSettings.defaults(42).withThreads(threads);
        long start = System.nanoTime();
        SyntheticGenres.generate(folder, settings);
        double generate = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        LoadResult<SegmentDataset> loaded = ClassFolderLoader.defaults().withThreads(threads).loadSegments(folder);
        double featurise = (System.nanoTime() - start) / 1e9;
        int tracks = settings.genres().size() * settings.tracksPerGenre();
        System.out.printf(Locale.ROOT, "default synthetic set (%d tracks x %.0f s) on %d thread(s): generate %.1f s, "
                        + "read + featurise %.1f s (%d segments, %d problems)%n", tracks, settings.seconds(), threads, generate,
                featurise, loaded.data().size(), loaded.report().problems().size());
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package org.advmusic.audio.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.advmusic.audio.dsp.DecibelMapping;
import org.advmusic.audio.features.DecibelReference;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.audio.features.TabularFeatures;
import org.advmusic.engine.Backends;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GTZAN-like tree: blues has a 7 s mono 22050 Hz track (2 segments of 3 s, noted) and a 6.5 s stereo
 * 44.1 kHz one (resampled, mixed down: 2 segments) plus a stray text file; jazz has the corrupt
 * jazz.00054.wav (not RIFF), a 2 s clip (shorter than a segment) and a 3.5 s track (1 segment); rock
 * is empty.
 */
class ClassFolderLoaderTest {
    @TempDir
    Path root;
    private Path genres;

    @BeforeEach
    void buildTree() throws IOException {
        genres = root.resolve("genres_original");
        Fixtures.tone(genres.resolve("blues/blues.00000.wav"), 7.0, 22050, 1, 440);
        Fixtures.tone(genres.resolve("blues/blues.00001.wav"), 6.5, 44100, 2, 440);
        Files.writeString(genres.resolve("blues/README.txt"), "not audio");
        Fixtures.corrupt(genres.resolve("jazz/jazz.00054.wav"));
        Fixtures.tone(genres.resolve("jazz/jazz.00001.wav"), 2.0, 22050, 1, 880);
        Fixtures.tone(genres.resolve("jazz/jazz.00002.wav"), 3.5, 22050, 1, 880);
        Files.createDirectories(genres.resolve("rock"));
    }

    @Test
    void loadsSegmentsAndReportsEveryBadInputWithoutStopping() throws IOException {
        LoadResult<SegmentDataset> result = ClassFolderLoader.defaults().withThreads(2).loadSegments(root);
        SegmentDataset data = result.data();
        assertEquals(List.of("blues", "jazz", "rock"), data.classNames(), "classes from folder names, sorted; empty rock kept");
        assertEquals(5, data.size(), "2 + 2 blues segments, 1 jazz segment");
        assertArrayEquals(new int[] {1, 128, 130}, data.sampleShape());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, data.labels());
        assertArrayEquals(new String[] {"blues/blues.00000.wav", "blues/blues.00000.wav", "blues/blues.00001.wav",
                "blues/blues.00001.wav", "jazz/jazz.00002.wav"}, data.trackIds());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, data.segmentIndices());
        assertArrayEquals(new int[] {4, 1, 0}, data.classCounts());

        LoadReport report = result.report();
        assertEquals(4, report.problems().size(), report.toString());
        assertProblem(report, genres.resolve("jazz/jazz.00054.wav"), "RIFF");
        assertProblem(report, genres.resolve("jazz/jazz.00001.wav"), "2.00 s is shorter than one 3.00 s segment");
        assertProblem(report, genres.resolve("rock"), "no .wav files");
        assertProblem(report, genres.resolve("blues/README.txt"), "not a .wav file");
        assertEquals(3, report.notes().size(), report.toString());
        assertTrue(report.notes().get(0).message().contains("7.00 s long: 2 of 10 segments"), report.toString());
        assertEquals(List.of(new LoadReport.Resampling(44100, 22050, 1, List.of(genres.resolve("blues/blues.00001.wav")))),
                report.resamplings(), "the 44.1 kHz track is stated as resampled");
        assertTrue(report.toString().contains("1 file(s) resampled") && report.toString().contains(
                "resampled from 44100 Hz to 22050 Hz: 1 file(s), e.g. " + genres.resolve("blues/blues.00001.wav")),
                report.toString());
    }

    @Test
    void resamplingsAreSummarisedPerPairOfRatesWithACountAndTheFirstExamples() {
        LoadReport report = new LoadReport();
        for (int i = 5; i >= 0; i--) {
            report.resampled(Path.of("t" + i + ".wav"), 44100, 22050);
        }
        report.resampled(Path.of("u.wav"), 16000, 22050);
        report.resampled(Path.of("same.wav"), 22050, 22050);
        assertEquals(List.of(new LoadReport.Resampling(16000, 22050, 1, List.of(Path.of("u.wav"))),
                new LoadReport.Resampling(44100, 22050, 6, List.of(Path.of("t0.wav"), Path.of("t1.wav"), Path.of("t2.wav")))),
                report.resamplings());
        assertTrue(report.clean(), "resampling is stated, not a problem");
        LoadReport merged = new LoadReport();
        merged.addAll(report);
        assertEquals(report.resamplings(), merged.resamplings());
    }

    @Test
    void stereo44kGivesTheSameInputsAsMono22kOfTheSameSound() throws IOException {
        SegmentDataset data = ClassFolderLoader.defaults().withThreads(1).loadSegments(root).data();
        int per = data.sampleSize();
        double maxDifference = 0;
        for (int i = 0; i < 2 * per; i++) {
            maxDifference = Math.max(maxDifference, Math.abs(data.data()[i] - data.data()[2 * per + i]));
        }
        assertTrue(maxDifference < 0.02, "blues.00000 (mono 22050) and blues.00001 (stereo 44100, resampled) differ by "
                + maxDifference + " (1.6 dB) at most in their first two segments");
    }

    @Test
    void threadCountDoesNotChangeTheResult() throws IOException {
        SegmentDataset one = ClassFolderLoader.defaults().withThreads(1).loadSegments(root).data();
        SegmentDataset two = ClassFolderLoader.defaults().withThreads(2).loadSegments(root).data();
        assertArrayEquals(one.data(), two.data());
        assertArrayEquals(one.referenceDecibels(), two.referenceDecibels());
    }

    @Test
    void cacheIsReusedUntilTheSourceOrTheSettingsChange() throws IOException {
        Path cache = root.resolve("cache");
        ClassFolderLoader loader = ClassFolderLoader.defaults().withThreads(2).withCache(cache);
        SegmentDataset first = loader.loadSegments(root).data();
        assertEquals(3, countFiles(cache, ".safetensors"), "one entry per loaded track");
        assertEquals(1, countFiles(cache, "manifest.json"));

        // Replace a track with different sound of the same size and modification time: the cache answers,
        // which shows that nothing was recomputed.
        Path track = genres.resolve("jazz/jazz.00002.wav");
        FileTime modified = Files.getLastModifiedTime(track);
        Fixtures.tone(track, 3.5, 22050, 1, 3000);
        Files.setLastModifiedTime(track, modified);
        LoadResult<SegmentDataset> fromCache = loader.loadSegments(root);
        SegmentDataset cached = fromCache.data();
        assertArrayEquals(first.data(), cached.data(), "unchanged size and time: served from the cache");
        assertEquals(1, fromCache.report().resamplings().size(), "a cached 44.1 kHz track is still stated as resampled");

        Files.setLastModifiedTime(track, FileTime.fromMillis(modified.toMillis() + 5000));
        SegmentDataset recomputed = loader.loadSegments(root).data();
        assertNotEquals(first.data()[4 * first.sampleSize() + 5000], recomputed.data()[4 * first.sampleSize() + 5000],
                "a newer file is recomputed");

        SegmentSettings wider = new SegmentSettings(66150, 10, DecibelReference.TRACK_MAXIMUM, new DecibelMapping(-100, 0));
        new ClassFolderLoader(FrontEndSettings.librosaDefaults(), wider).withCache(cache).loadSegments(root);
        assertEquals(2, countFiles(cache, "manifest.json"), "other settings get their own cache folder");
    }

    @Test
    void tabularFeaturesPerSegmentAndPerTrack() throws IOException {
        ClassFolderLoader loader = ClassFolderLoader.defaults().withThreads(2);
        TabularDataset perSegment = loader.loadTabular(root, true).data();
        assertEquals(5, perSegment.size());
        assertEquals(TabularFeatures.featureNames(), perSegment.featureNames());
        TabularDataset perTrack = loader.loadTabular(root, false).data();
        assertEquals(4, perTrack.size(), "the 2 s clip has no full segment but is a track of its own");
        int centroid = perTrack.featureNames().indexOf("spectral_centroid_mean");
        assertEquals(440, perTrack.value(0, centroid), 15, "blues tracks are 440 Hz tones");
        assertEquals(880, perTrack.value(3, centroid), 15, "jazz tracks are 880 Hz tones");
    }

    @Test
    void tensorsAndBatchesHaveTheDataSetLayout() throws IOException {
        SegmentDataset data = ClassFolderLoader.defaults().withThreads(2).loadSegments(root).data();
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor all = data.toTensor(Backends.reference());
            assertArrayEquals(new int[] {5, 1, 128, 130}, all.shape().dims());
            Tensor batch = data.batch(Backends.reference(), new int[] {4, 0});
            assertArrayEquals(new int[] {2, 1, 128, 130}, batch.shape().dims());
            assertEquals(data.data()[4 * data.sampleSize() + 77], batch.get(0, 0, 0, 77), 1e-7);
        }
        assertArrayEquals(new int[] {1, 0}, data.labels(new int[] {4, 0}));
        List<int[]> batches = data.batches(2, true, 9);
        assertEquals(3, batches.size());
        assertEquals(5, batches.stream().mapToInt(b -> b.length).sum());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4},
                batches.stream().flatMapToInt(java.util.Arrays::stream).sorted().toArray(), "every sample once per epoch");
        assertEquals(2, data.samplesByTrack().get("blues/blues.00001.wav").length);
        assertEquals(0.8, data.decibelMapping().epsilonToDecibels(0.01), 1e-12);
    }

    private static void assertProblem(LoadReport report, Path path, String reasonPart) {
        assertTrue(report.problems().stream().anyMatch(p -> p.path().equals(path) && p.message().contains(reasonPart)),
                "expected a problem for " + path + " mentioning '" + reasonPart + "' in " + report);
    }

    private static long countFiles(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }
}

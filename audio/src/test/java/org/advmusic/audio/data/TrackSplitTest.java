package org.advmusic.audio.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackSplitTest {
    @TempDir
    Path folder;

    /** Three classes of 20, 40 and 100 tracks ("genre/genre.000NN.wav"), 3 segments each, feature = track number. */
    private static TabularDataset dataset() {
        int[] tracksPerClass = {20, 40, 100};
        List<String> classes = List.of("blues", "jazz", "rock");
        List<Integer> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < tracksPerClass[c]; t++) {
                for (int s = 0; s < 3; s++) {
                    labels.add(c);
                    ids.add(String.format("%s/%s.%05d.wav", classes.get(c), classes.get(c), t));
                    values.add((float) (t * (c + 1)));
                }
            }
        }
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i);
        }
        return new TabularDataset(data, List.of("x"), labels.stream().mapToInt(Integer::intValue).toArray(),
                ids.toArray(String[]::new), new int[data.length], classes);
    }

    @Test
    void stratifiedSplitKeepsTracksWholeAndClassProportions() {
        TabularDataset data = dataset();
        TrackSplit split = TrackSplit.stratified(data, 42);
        Set<String> all = new HashSet<>(List.of(data.trackIds()));
        assertEquals(all.size(), split.train().size() + split.validation().size() + split.test().size(), "every track once");
        assertTrue(disjoint(split.train(), split.validation()) && disjoint(split.train(), split.test())
                && disjoint(split.validation(), split.test()), "no track in two splits");
        int[][] expected = {{14, 3, 3}, {28, 6, 6}, {70, 15, 15}};
        for (int c = 0; c < 3; c++) {
            String prefix = data.classNames().get(c) + "/";
            assertEquals(expected[c][0], count(split.train(), prefix), "train tracks of " + prefix);
            assertEquals(expected[c][1], count(split.validation(), prefix), "validation tracks of " + prefix);
            assertEquals(expected[c][2], count(split.test(), prefix), "test tracks of " + prefix);
        }
        TabularDataset train = data.selectTracks(split.train());
        assertEquals(3 * 112, train.size(), "all three segments of each training track");
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        TabularDataset data = dataset();
        assertEquals(TrackSplit.stratified(data, 7), TrackSplit.stratified(data, 7));
        assertNotEquals(TrackSplit.stratified(data, 7).train(), TrackSplit.stratified(data, 8).train());
    }

    @Test
    void aTrackWithTwoLabelsIsRejected() {
        TabularDataset bad = new TabularDataset(new float[2], List.of("x"), new int[] {0, 1}, new String[] {"t", "t"},
                new int[2], List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrackSplit.stratified(bad, 1));
        assertTrue(e.getMessage().contains("'t'"), e.getMessage());
    }

    @Test
    void listFilesMapAuNamesToWavAndReportUnknownEntries() throws IOException {
        TabularDataset data = dataset();
        Path train = Files.write(folder.resolve("train.txt"), List.of("blues/blues.00000.au", "jazz/jazz.00003.au", ""));
        Path validation = Files.write(folder.resolve("valid.txt"), List.of("# a comment", "rock/rock.00099.au"));
        Path test = Files.write(folder.resolve("test.txt"), List.of("rock/rock.00001.wav", "pop/pop.00001.au"));
        LoadReport report = new LoadReport();
        TrackSplit split = TrackSplit.fromLists(data, train, validation, test, report);
        assertEquals(Set.of("blues/blues.00000.wav", "jazz/jazz.00003.wav"), split.train());
        assertEquals(Set.of("rock/rock.00099.wav"), split.validation());
        assertEquals(Set.of("rock/rock.00001.wav"), split.test());
        assertEquals(1, report.problems().size());
        assertEquals(test, report.problems().get(0).path());
        assertTrue(report.problems().get(0).message().startsWith("line 2: 'pop/pop.00001.au' matches no track"));
        assertTrue(report.notes().get(0).message().startsWith("156 track(s)"), report.toString());
    }

    @Test
    void listEntriesMatchTrackIdsWithoutFoldersByFileName() throws IOException {
        TabularDataset csvLike = new TabularDataset(new float[2], List.of("x"), new int[] {0, 1},
                new String[] {"blues.00012", "jazz.00001"}, new int[2], List.of("blues", "jazz"));
        Path train = Files.write(folder.resolve("t.txt"), List.of("blues/blues.00012.au"));
        Path empty = Files.write(folder.resolve("e.txt"), List.of());
        TrackSplit split = TrackSplit.fromLists(csvLike, train, empty, empty, new LoadReport());
        assertEquals(Set.of("blues.00012"), split.train());
    }

    @Test
    void standardisationUsesTrainingStatisticsOnly() {
        TabularDataset data = dataset();
        TrackSplit split = TrackSplit.stratified(data, 3);
        TabularDataset train = data.selectTracks(split.train());
        TabularDataset test = data.selectTracks(split.test());
        Standardization stats = Standardization.fit(train);
        TabularDataset standardTrain = stats.apply(train);
        double mean = 0;
        double squares = 0;
        for (float v : standardTrain.data()) {
            mean += v;
            squares += v * v;
        }
        assertEquals(0.0, mean / standardTrain.size(), 1e-5);
        assertEquals(1.0, squares / standardTrain.size(), 1e-4);
        TabularDataset standardTest = stats.apply(test);
        assertEquals((test.value(0, 0) - stats.mean()[0]) / stats.std()[0], standardTest.value(0, 0), 1e-6,
                "test rows use the training mean and standard deviation");
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        return a.stream().noneMatch(b::contains);
    }

    private static long count(Set<String> tracks, String prefix) {
        return tracks.stream().filter(t -> t.startsWith(prefix)).count();
    }
}

package org.advmusic.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.experiments.results.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `data` on bad inputs a new user meets: each gives a message naming the file or field, or a reported problem. */
class DataInputTest {
    @TempDir
    Path dir;

    private Path lists(String name, List<String> train, List<String> validation, List<String> test) throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder);
        Files.write(folder.resolve("train.txt"), train);
        Files.write(folder.resolve("validation.txt"), validation);
        Files.write(folder.resolve("test.txt"), test);
        return folder;
    }

    private static List<String> tracks(String label, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            out.add(String.format("%s.%05d.wav", label, t));
        }
        return out;
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private FeatureTableRun.Outcome data(Path csv, Path folder, String... extra) {
        List<String> all = new ArrayList<>(List.of("--set", "data.split.train_list=" + folder.resolve("train.txt"),
                "--set", "data.split.validation_list=" + folder.resolve("validation.txt"),
                "--set", "data.split.test_list=" + folder.resolve("test.txt")));
        all.addAll(List.of(extra));
        return FeatureTableRun.command("data", dir.resolve("run-" + folder.getFileName()), csv, all.toArray(String[]::new));
    }

    @Test
    void splitListsReportUnknownTracksAndRefuseATrackInTwoSplits() throws Exception {
        Path csv = FeatureTableRun.table(dir.resolve("table"), 6, 6);
        Path good = lists("good", join(tracks("a", 0, 4), tracks("b", 0, 4)), join(tracks("a", 4, 5), tracks("b", 4, 5)),
                join(join(tracks("a", 5, 6), tracks("b", 5, 6)), List.of("a.00099.wav")));
        FeatureTableRun.Outcome ok = data(csv, good);
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertTrue(ok.out().contains("'a.00099.wav' matches no track") && ok.out().contains("test.txt"), ok.out());
        RunMetrics metrics = RunMetrics.read(dir.resolve("run-good/metrics.json"));
        assertTrue(metrics.data().problems().stream().anyMatch(p -> p.reason().contains("a.00099")), metrics.data().toString());

        Path twice = lists("twice", join(tracks("a", 0, 4), tracks("b", 0, 4)), join(tracks("a", 4, 5), tracks("b", 4, 5)),
                join(tracks("a", 3, 6), tracks("b", 5, 6)));
        FeatureTableRun.Outcome leak = data(csv, twice);
        assertEquals(2, leak.status());
        assertTrue(leak.err().contains("in both split lists") && leak.err().contains("a.00003"), leak.err());

        FeatureTableRun.Outcome missing = FeatureTableRun.command("data", dir.resolve("run-missing"), csv,
                "--set", "data.split.train_list=" + dir.resolve("nope.txt"), "--set", "data.split.validation_list=" + dir.resolve("nope.txt"),
                "--set", "data.split.test_list=" + dir.resolve("nope.txt"));
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("'data.split.train_list' is '" + dir.resolve("nope.txt") + "': no such file"),
                missing.err());
    }

    @Test
    void aFolderGivenForATableAndAClassTooSmallToSplitAreNamed() throws Exception {
        Path csv = FeatureTableRun.table(dir.resolve("small"), 8, 8, 1);
        FeatureTableRun.Outcome folder = FeatureTableRun.command("data", dir.resolve("run-folder"), csv.getParent());
        assertEquals(2, folder.status());
        assertTrue(folder.err().contains("is a folder; source gtzan-features expects the CSV file"), folder.err());

        FeatureTableRun.Outcome small = FeatureTableRun.command("data", dir.resolve("run-small"), csv);
        assertEquals(0, small.status(), small.out() + small.err());
        assertTrue(small.out().contains("class 'c' has no track in validation and test"), small.out());
    }
}

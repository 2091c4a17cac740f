package org.advmusic.audio.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GTZAN feature CSVs and the MSD genre table, with malformed rows and commas inside titles. */
class TableLoadersTest {
    @TempDir
    Path folder;

    @Test
    void gtzanThreeSecondCsvGivesTracksSegmentsAndReportsMalformedRows() throws IOException {
        List<String> header = new ArrayList<>(List.of("filename", "length"));
        for (int i = 0; i < 57; i++) {
            header.add("f" + i);
        }
        header.add("label");
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", header));
        lines.add(row("blues.00000.0.wav", 1, "blues"));
        lines.add(row("blues.00000.1.wav", 2, "blues"));
        lines.add(row("jazz.00054.3.wav", 3, "jazz"));
        lines.add(row("jazz.00001.0.wav", 4, "jazz").replace(",4.5,", ",four,"));  // line 5: not a number
        lines.add("rock.00000.0.wav,66149,1,2,3,rock");                               // line 6: too few columns
        lines.add(row("rock.00001.9.wav", 6, "rock"));
        Path csv = folder.resolve("features_3_sec.csv");
        Files.write(csv, lines);

        LoadResult<TabularDataset> result = GtzanFeaturesCsv.load(csv);
        TabularDataset data = result.data();
        assertEquals(57, data.featureCount(), "every column between length and label");
        assertEquals(4, data.size());
        assertEquals(List.of("blues", "jazz", "rock"), data.classNames());
        assertArrayEquals(new String[] {"blues.00000", "blues.00000", "jazz.00054", "rock.00001"}, data.trackIds());
        assertArrayEquals(new int[] {0, 1, 3, 9}, data.segmentIndices());
        assertArrayEquals(new int[] {0, 0, 1, 2}, data.labels());
        assertEquals(3.5f, data.value(2, 0), "row 3 feature 0 = base 3 + 0.5");
        assertEquals(2, result.report().problems().size(), result.report().toString());
        assertTrue(result.report().problems().get(0).message().startsWith("line 5: column 'f0' is not a number: 'four'"),
                result.report().toString());
        assertTrue(result.report().problems().get(1).message().startsWith("line 6: 6 columns; the header has 60"),
                result.report().toString());
    }

    @Test
    void thirtySecondRowsAreWholeTracks() {
        assertArrayEquals(new String[] {"blues.00000", "0"}, GtzanFeaturesCsv.trackAndSegment("blues.00000.wav"));
        assertArrayEquals(new String[] {"blues.00000", "7"}, GtzanFeaturesCsv.trackAndSegment("blues.00000.7.wav"));
    }

    @Test
    void aCsvWithoutTheGtzanHeaderIsRejectedWithItsPath() throws IOException {
        Path csv = folder.resolve("other.csv");
        Files.write(csv, List.of("a,b,c", "1,2,3"));
        IOException e = assertThrows(IOException.class, () -> GtzanFeaturesCsv.load(csv));
        assertTrue(e.getMessage().contains(csv.toString()), e.getMessage());
    }

    @Test
    void msdTableKeepsCommasOfTitlesAndArtists() throws IOException {
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            numbers.append(',').append(i * 0.5);
        }
        List<String> lines = List.of(
                "# MSD genre dataset",
                "# comment lines start with a hash",
                "%genre,track_id,artist_name,title,loudness,tempo,time_signature,key,mode,duration,"
                        + timbre("avg") + "," + timbre("var"),
                "classic pop and rock,TRFCOOU12903CFBF9B,The Beatles,Hello, Goodbye" + numbers,
                "jazz and blues,TRNJTPB128F92E7DB6,\"Crosby, Stills & Nash\",\"Love, Actually, Again\"" + numbers,
                "punk,TRBROKEN,Some Band,Short Row,1,2,3",
                "metal,TRMETAL,Band,Plain" + numbers.toString().replace(",7.0,", ",NaN,"));
        Path table = folder.resolve("msd_genre_dataset.txt");
        Files.write(table, lines);

        LoadResult<MsdGenreTable.Tracks> result = MsdGenreTable.load(table);
        MsdGenreTable.Tracks tracks = result.data();
        TabularDataset data = tracks.data();
        assertEquals(2, data.size(), result.report().toString());
        assertEquals(30, data.featureCount());
        assertEquals("loudness", data.featureNames().get(0));
        assertEquals("var_timbre12", data.featureNames().get(29));
        assertArrayEquals(new String[] {"Hello, Goodbye", "Love, Actually, Again"}, tracks.titles());
        assertArrayEquals(new String[] {"The Beatles", "Crosby, Stills & Nash"}, tracks.artistNames());
        assertArrayEquals(new String[] {"TRFCOOU12903CFBF9B", "TRNJTPB128F92E7DB6"}, data.trackIds());
        assertEquals(List.of("classic pop and rock", "jazz and blues"), data.classNames());
        assertEquals(14.5f, data.value(1, 29), "the last numeric column");
        assertEquals(2, result.report().problems().size(), result.report().toString());
        assertTrue(result.report().problems().get(0).message().startsWith("line 6: 7 fields; expected 34"));
        assertTrue(result.report().problems().get(1).message().startsWith("line 7: column 'avg_timbre9' is not finite"),
                result.report().toString());
    }

    private static String row(String file, int base, String label) {
        StringBuilder b = new StringBuilder(file).append(",66149");
        for (int i = 0; i < 57; i++) {
            b.append(',').append(base + i + 0.5);
        }
        return b.append(',').append(label).toString();
    }

    private static String timbre(String prefix) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            names.add(prefix + "_timbre" + i);
        }
        return String.join(",", names);
    }
}

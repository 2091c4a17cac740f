package org.advmusic.audio.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged WAV is reported by path and reason, and every other file of the data set is still loaded. */
class DamagedWavTest {
    @TempDir
    Path root;

    @Test
    void aZeroSampleRateAndAFileCutMidDataAreReportedAndTheRestLoads() throws IOException {
        Path genres = root.resolve("genres_original");
        Fixtures.tone(genres.resolve("blues/blues.00000.wav"), 3.5, 22050, 1, 440);
        Fixtures.tone(genres.resolve("jazz/jazz.00000.wav"), 3.5, 22050, 1, 880);
        Path zeroRate = genres.resolve("jazz/jazz.00001.wav");
        Fixtures.tone(zeroRate, 3.5, 22050, 1, 880);
        byte[] header = Files.readAllBytes(zeroRate);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 0).putInt(28, 0); // sample rate and byte rate 0
        Files.write(zeroRate, header);
        Path cut = genres.resolve("blues/blues.00001.wav");
        Fixtures.tone(cut, 6.0, 22050, 1, 440);
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(whole, 44 + 2 * 22050)); // the header still promises 6 s; 1 s of data is left

        LoadResult<SegmentDataset> result = ClassFolderLoader.defaults().withThreads(2).loadSegments(root);

        assertEquals(2, result.data().size(), "the two good tracks give one segment each");
        LoadReport report = result.report();
        assertEquals(2, report.problems().size(), report.toString());
        LoadReport.Entry rate = report.problems().stream().filter(p -> p.path().equals(zeroRate)).findFirst().orElseThrow();
        assertTrue(rate.message().contains("sample rate of 0.0 Hz"), rate.message());
        LoadReport.Entry truncated = report.problems().stream().filter(p -> p.path().equals(cut)).findFirst().orElseThrow();
        assertTrue(truncated.message().contains("cut short") && truncated.message().contains("6.00 s")
                && truncated.message().contains("1.00 s"), truncated.message());
    }
}
